"""A list that ends without a full stop, then a block of more words, ends its sentence in every
field (spiders/block_sentences.py for a selector naming an element, clean_text for an HTML
fragment), as it did only in a heading's section (tests/test_section_list_end.py). Before, an
eligibility field holding a <ul> then a <p> read "… a town or parish council Individuals and
businesses cannot apply.", one sentence that denied the council it listed: "no" for "yes"."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlite_utils
from parsel import Selector

from config.models import Source
from spiders.eligibility import council_eligibility
from spiders.item_fields import read_fields
from spiders.items import OpportunitySighting
from spiders.normalise.sighting import normalise
from tests.crawl_helpers import fundwatch, write_config

WHO = (
    "<p>You can apply if you are one of these:</p><ul><li>a constituted community group</li>"
    "<li>a registered charity</li><li>a town or parish council</li></ul>"
    "<p>Individuals and businesses cannot apply.</p>"
)
SOURCE = Source.model_validate(
    {"id": "trust", "kind": "feed", "urls": ["https://trust.example.org/grants/feed"]}
)


def verdict(eligibility: str) -> str:
    raw = OpportunitySighting(
        source_id="trust",
        title="Community Chest",
        url="https://trust.example.org/grants/chest/",
        eligibility=eligibility,
    )
    stored = normalise(raw, SOURCE, datetime(2026, 11, 30, tzinfo=UTC)).eligibility
    return council_eligibility(stored)[0]  # as the pipeline's tagging reads it (tagging.py)


def test_a_selector_naming_the_element_ends_the_lists_sentence():
    node = Selector(
        text=f'<div class="c"><h3>Community Chest</h3><div class="who">{WHO}</div></div>'
    )
    for selector in ("div.who", "xpath:.//div[@class='who']"):
        read = read_fields(node.css("div.c")[0], {"title": "h3::text", "eligibility": selector})
        # Before: "… a town or parish council Individuals and businesses cannot apply." and "no".
        assert read["eligibility"].endswith(
            "parish council. Individuals and businesses cannot apply."
        )
        assert verdict(read["eligibility"]) == "yes", selector


def test_an_html_fragment_ends_the_lists_sentence():
    assert verdict(WHO) == "yes"  # a feed's or an API's HTML field: before, "no"


@pytest.mark.slow
def test_a_crawled_detail_page_stores_the_council_as_eligible(tmp_path, site):
    site.add("/grants", '<ul><li><a href="/grants/chest">Community Chest</a></li></ul>')
    site.add("/grants/chest", f'<main><h1>Community Chest</h1><div id="who">{WHO}</div></main>')
    entry = {
        "id": "hollowmere",
        "kind": "listing",
        "urls": [f"{site.url}/grants"],
        "item": "li",
        "fields": {"title": "a::text", "url": "a::attr(href)"},
        "detail": {"fields": {"eligibility": "#who"}},
    }
    config, db = write_config(tmp_path / "config", [entry]), tmp_path / "f.db"
    crawl = fundwatch("crawl", config=config, db=db)
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr
    (row,) = sqlite_utils.Database(db)["opportunities"].rows
    assert row["council_eligible"] == "yes", row["eligibility"]  # before: "no"
