"""A call dropped for a field its selector no longer reads names that selector (tests/sites/
README.md, Round 39, iuk_business_connect_drift): a theme renamed the card title's class, and the
crawl failed with "'an item' on <page> is missing title, url" and no word of what to fix."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from scrapy.exceptions import DropItem

from config.models import Source
from spiders.missing_fields import unread_selectors
from spiders.pipelines import ValidatePipeline
from storage.sighting import Sighting

SOURCE = Source.model_validate(
    {
        "id": "cards",
        "name": "Cards",
        "kind": "listing",
        "urls": ["https://funder.example.org/opportunities/"],
        "item": "article.opportunity-card",
        "fields": {
            "title": "h3.opportunity-card__title a::text",
            "url": "h3.opportunity-card__title a::attr(href)",
            "closes": {"label": "Closes"},
        },
    }
)


def test_a_dropped_card_names_the_selectors_that_read_nothing():
    spider = SimpleNamespace(source=SOURCE, problems=[])
    spider.problem = lambda message, incomplete=True: spider.problems.append(message)
    page = "https://funder.example.org/opportunities/page/2/"
    card = Sighting(source_id="cards", title=None, url=None, page_url=page)
    with pytest.raises(DropItem):
        ValidatePipeline(SimpleNamespace(spider=spider)).process_item(card)
    assert spider.problems == [
        f"'an item' on {page} is missing title, url (read with title "
        "'h3.opportunity-card__title a::text', url 'h3.opportunity-card__title a::attr(href)': "
        "nothing there; has the page's layout changed?)"
    ]


def test_a_label_is_named_and_a_field_with_no_selector_adds_nothing():
    assert "label 'Closes'" in unread_selectors(SOURCE, ["closes"])
    assert unread_selectors(SOURCE, ["summary"]) == ""
