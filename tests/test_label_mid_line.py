"""A `{label: …}` whose "Label: value" starts a sentence inside a line is found: "Community groups
can apply. Closing date: 12 March 2027. Grants up to £5,000." Before, only a label at the start of
a line was, so the field was empty and `sources try` said "closes — not found" while the crawl
stored the date from the summary's words."""

from __future__ import annotations

from parsel import Selector

from config.models import LabelSelector
from spiders.listing import read_fields
from tests.crawl_helpers import write_config
from tests.test_sources_try import run_try

CARD = """<div class="grant"><h3><a href="/grants/halls">Village Halls Fund</a></h3>
<p>Community groups can apply. Closing date: 12 March 2027. Grants up to £5,000.</p>
<p>Awards are made monthly! Opening date: 1 February 2027</p></div>"""


def _read(**labels: str) -> dict:
    node = Selector(text=CARD).css("div.grant")[0]
    return read_fields(node, {name: LabelSelector(label=label) for name, label in labels.items()})


def test_a_label_that_starts_a_sentence_mid_line_is_found():
    read = _read(closes="Closing date", opens="Opening date")
    # The value runs to the line's end, as a label starting the line reads.
    assert read["closes"] == "12 March 2027. Grants up to £5,000."
    assert read["opens"] == "1 February 2027"


def test_words_mid_sentence_are_no_label():
    # "apply. closing" would need a capital after the full stop; "groups can apply" is no sentence
    # start; a label must still be the whole of its sentence's words before the colon.
    assert _read(closes="can apply. Closing date").get("closes") is None
    assert _read(closes="date").get("closes") is None


def test_sources_try_finds_it_too(tmp_path, site):
    site.add("/grants", f"<html><body>{CARD}</body></html>")
    entry = {
        "id": "ukri_opportunities",  # any id: the test's own source
        "kind": "listing",
        "urls": [f"{site.url}/grants"],
        "item": "div.grant",
        "fields": {
            "title": "h3 a::text",
            "url": "h3 a::attr(href)",
            "closes": {"label": "Closing date"},
        },
    }
    result = run_try(write_config(tmp_path / "config", [entry]))
    assert result.returncode == 0, result.stderr
    assert "not found" not in result.stdout
    assert "closes       12 Mar 2027, 11:59pm" in result.stdout
