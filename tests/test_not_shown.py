"""Webflow's conditional visibility: every badge a CMS item could show is in the page, those whose
condition is false hidden by the class w-condition-invisible. Read with them, an unseen Webflow
site's open call was "Open Opening soon Closed" (stored upcoming) and its closed one upcoming too."""

from __future__ import annotations

from scrapy.http import HtmlResponse, Request

from config.models import Source
from spiders.listing import ListingSpider

URL = "https://www.example-climate.org.uk/funding"
PAGE = """<html><body><div class="w-dyn-items">
<div class="w-dyn-item"><a class="card" href="/funding/heat">
<div class="badge">Open</div><div class="badge w-condition-invisible">Opening soon</div><div
class="badge  w-condition-invisible ">Closed</div>
<h3>Heat Pump Pilots</h3><p>Award: <span class="w-condition-invisible">TBC</span>up to £50,000</p></a></div>
<div class="w-dyn-item"><a class="card" href="/funding/trees">
<div class="badge w-condition-invisible">Open</div><div class="badge">Closed</div>
<h3>Trees for Streets</h3><p>Award: up to £15,000</p></a></div>
</div><div class="w-dyn-empty w-condition-invisible">No funds are open right now.</div></body></html>"""


def test_what_webflow_hides_as_not_applying_is_not_read():
    source = Source.model_validate(
        {
            "id": "webflow",
            "kind": "listing",
            "urls": [URL],
            "item": "div.w-dyn-item",
            "fields": {
                "title": "h3::text",
                "url": "a.card::attr(href)",
                "status": "div.badge::text",
                "amount": {"label": "Award"},
            },
        }
    )
    spider = ListingSpider(source)
    response = HtmlResponse(URL, body=PAGE.encode(), request=Request(URL))
    items = [i for i in spider.parse(response) if not isinstance(i, Request)]
    assert [(i.title, i.status, i.amount) for i in items] == [
        ("Heat Pump Pilots", "Open", "Award: up to £50,000"),
        ("Trees for Streets", "Closed", "Award: up to £15,000"),
    ]


def test_a_class_that_only_begins_with_the_name_hides_nothing():
    source = Source.model_validate(
        {
            "id": "webflow",
            "kind": "listing",
            "urls": [URL],
            "item": "li",
            "fields": {"title": "span::text", "url": "a::attr(href)"},
        }
    )
    page = '<ul><li><a href="/a"><span class="w-condition-invisible-not">Shown</span></a></li></ul>'
    response = HtmlResponse(URL, body=page.encode(), request=Request(URL))
    items = [i for i in ListingSpider(source).parse(response) if not isinstance(i, Request)]
    assert [i.title for i in items] == ["Shown"]


def test_a_word_break_opportunity_splits_no_word():
    # libxml2 nests the rest of the parent inside <wbr>, so "Decarbon<wbr>isation Accelerator"
    # was stored "Decarbon isation Accelerator", by ::text and by an element's text alike.
    source = Source.model_validate(
        {
            "id": "hygiene",
            "kind": "listing",
            "urls": [URL],
            "item": "li",
            "fields": {
                "title": "a::text",
                "url": "a::attr(href)",
                "eligibility": "p:first-of-type",
                "amount": {"label": "Grants"},
            },
        }
    )
    page = (
        '<ul><li><a href="/d">Decarbon<wbr>isation <em>Acceler<WBR>ator</em> ⚡</a>'
        "<p>Neigh<wbr>bour<wbr/>hood forums and <b>parish</b><wbr> councils</p>"
        "<p><strong>Grants:</strong> up to £1,<wbr>500</p></li></ul>"
    )
    response = HtmlResponse(URL, body=page.encode(), request=Request(URL))
    items = [i for i in ListingSpider(source).parse(response) if not isinstance(i, Request)]
    assert [(i.title, i.eligibility, i.amount) for i in items] == [
        (
            "Decarbonisation Accelerator ⚡",
            "Neighbourhood forums and parish councils",
            "Grants: up to £1,500",
        )
    ]
