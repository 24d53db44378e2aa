"""Bundled entries read the drift their real sites make between visits (tests/sites/README.md,
Round 39): a theme that shows local_digital's status as a tag with no "Status:" label, and a rich-
text wrapper round nlcf_funding's card summary. Each selector found nothing on the drifted pages
(every status, every summary empty, the crawl ok); each still reads the bundled snapshot."""

from __future__ import annotations

from parsel import Selector

from config.loader import load_sources
from spiders.item_fields import read_fields
from spiders.sources import SOURCES_DIR
from tests.crawl_helpers import ROOT
from tests.unseen_sites import SITES_DIR

SOURCES = {source.id: source for source in load_sources(ROOT / "config")}


def read(source_id: str, page) -> list[dict]:
    source = SOURCES[source_id]
    cards = Selector(text=page.read_text("utf-8")).css(source.item)
    return [read_fields(card, source.fields) for card in cards]


def test_local_digitals_status_is_read_with_its_label_or_as_a_tag():
    drifted = read("local_digital", SITES_DIR / "local_digital_drift" / "fund.html")
    assert [card["status"] for card in drifted] == [
        "Open for applications",
        "Open for applications",
        "Opening soon",
        "Closed",
    ]
    snapshot = read("local_digital", SOURCES_DIR / "local_digital" / "fund.html")
    assert all(card["status"] for card in snapshot)


def test_nlcf_fundings_summary_is_read_through_a_wrapper_and_not_from_its_facts():
    drifted = read("nlcf_funding", SITES_DIR / "nlcf_funding_drift" / "programmes.html")
    assert drifted[0]["summary"].startswith("Small grants of between £300 and £20,000")
    assert all(card["summary"] for card in drifted)
    snapshot = read("nlcf_funding", SOURCES_DIR / "nlcf_funding" / "programmes.html")
    assert snapshot[0]["summary"].startswith("A quick and simple way")
    assert not any(card["summary"] in ("Ongoing",) for card in snapshot)
