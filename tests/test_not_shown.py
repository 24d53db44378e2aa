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


def _items(page: str, fields: dict, item: str = "li") -> list:
    source = Source.model_validate(
        {"id": "hidden", "kind": "listing", "urls": [URL], "item": item, "fields": fields}
    )
    response = HtmlResponse(URL, body=page.encode(), request=Request(URL))
    return [i for i in ListingSpider(source).parse(response) if not isinstance(i, Request)]


FIELDS = {
    "title": "h3::text",
    "url": "a::attr(href)",
    "status": "span.badge::text",
    "closes": "p.closes",
    "amount": "p.amount",
}


def test_words_hidden_inline_are_not_read():
    # Each hidden one was read into its field: "Heat Fund Heat Pump Pilots (old name)", "Open
    # Closed", "31 January 2027 28 February 2027" (no date at all), "£5k £5,000".
    page = """<ul><li><a href="/heat">more</a>
    <h3>Heat Pump Pilots<span style="display:none"> (old name)</span></h3>
    <span class="badge">Open</span><span class="badge" style="Display: None;">Closed</span>
    <p class="closes"><span style="visibility:hidden">31 January 2027</span> 28 February 2027</p>
    <p class="amount"><span aria-hidden="true">£5k</span><span class="sr-only">£5,000</span></p>
    </li><li><a href="/trees">more</a><h3>Trees <b hidden>Old</b>for Streets</h3>
    <span class="badge">Closed</span><span class="badge" hidden>Open</span></li></ul>"""
    items = _items(page, FIELDS)
    assert [(i.title, i.status, i.closes, i.amount) for i in items] == [
        ("Heat Pump Pilots", "Open", "28 February 2027", "£5,000"),
        ("Trees for Streets", "Closed", None, None),
    ]


def test_screen_reader_labels_are_kept_and_aria_hidden_alone_is_read():
    # The sr-only "Deadline:" is the label a reader of the page hears: kept. A date tag hidden from
    # screen readers (its parent's aria-label says it) is what the eye reads: kept.
    page = """<ul><li><a href="/heat">more</a><h3>Heat Pump Pilots</h3>
    <p class="closes"><span class="sr-only">Deadline:</span> 28 February 2027</p>
    <p class="amount" aria-label="five thousand pounds"><span aria-hidden="true">£5,000</span></p>
    </li></ul>"""
    items = _items(page, FIELDS)
    assert [(i.closes, i.amount) for i in items] == [("Deadline: 28 February 2027", "£5,000")]


def test_hidden_content_a_reader_can_open_is_read():
    # A tab panel, an accordion panel a button points at, a "read more" block and a hidden card
    # with its link (a "Show more" page) are collapsed content, not hidden facts.
    page = """<div class="fund"><h3>Heat Pump Pilots</h3><a href="/heat">more</a>
    <div role="tabpanel" hidden class="who">Councils may apply.</div>
    <button aria-controls="dates">Dates</button>
    <div id="dates" class="closes" style="display:none">Closes 28 February 2027</div>
    <div class="summary" style="display:none"><p>Heat pumps for council homes.</p></div></div>
    <div class="fund" hidden><h3>Trees for Streets</h3><a href="/trees">more</a></div>"""
    fields = {
        "title": "h3::text",
        "url": "a::attr(href)",
        "eligibility": "div.who",
        "closes": "div.closes",
        "summary": "div.summary",
    }
    items = _items(page, fields, item="div.fund")
    assert [(i.title, i.eligibility, i.closes, i.summary) for i in items] == [
        (
            "Heat Pump Pilots",
            "Councils may apply.",
            "Closes 28 February 2027",
            "Heat pumps for council homes.",
        ),
        ("Trees for Streets", None, None, None),
    ]


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
