"""A bare `::attr(class)` reads the item's own class: translated as descendant-or-self::*/@class
it read every element's in the item, so an open card ("card card--open") whose icon was a
padlock ("icon icon--closed-lock") and link "is-closed" styled read all three, and closed won."""

from __future__ import annotations

from datetime import UTC, datetime

from scrapy.http import HtmlResponse, Request

from config.models import Source
from spiders.listing import ListingSpider
from spiders.normalise.sighting import normalise

URL = "https://www.example-trust.org.uk/grants"
PAGE = """<ul>
<li class="card card--open"><span class="icon icon--closed-lock"></span>
<a class="link is-closed" href="/kitchens">Kitchens Fund</a></li>
<li class="card card--coming-soon"><a class="link" href="/halls">Village Halls</a>
<span class="badge badge--closed" hidden></span></li></ul>"""


def _trust(status: str) -> tuple[Source, list]:
    """The trust's cards read with `status` as the status selector: the entry, and its items."""
    source = Source.model_validate(
        {
            "id": "trust",
            "kind": "listing",
            "urls": [URL],
            "item": "li.card",
            "fields": {"title": "a::text", "url": "a::attr(href)", "status": status},
        }
    )
    response = HtmlResponse(URL, body=PAGE.encode(), request=Request(URL))
    return source, [i for i in ListingSpider(source).parse(response) if not isinstance(i, Request)]


def test_a_bare_attr_reads_the_items_own_class():
    source, items = _trust("::attr(class)")
    assert [i.status for i in items] == ["card card--open", "card card--coming-soon"]
    now = datetime(2026, 11, 25, tzinfo=UTC)
    assert [normalise(i, source, now).status for i in items] == ["open", "upcoming"]


def test_a_named_elements_attr_is_still_its_own():
    _, items = _trust("a::attr(class)")
    assert [i.status for i in items] == ["link is-closed", "link"]
