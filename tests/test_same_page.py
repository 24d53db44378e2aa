"""Several calls on one page: a funder's "Our grants" page with a section per programme. Their links
differ only in the anchor (or not at all), which the canonical URL drops; each must still be its
own call, linked to its own section. A lone anchor on a call's own page changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime

from scrapy.http import TextResponse

from config.models import Source
from spiders.api import ApiSpider
from spiders.normalise.sighting import normalise
from tests.offline_crawl import listing_page_as_stored

PAGE = "https://foundation.example.org/our-grants"
NOW = datetime(2026, 11, 30, tzinfo=UTC)


def read(cards: list[tuple[str, str]], fields: dict | None = None) -> list:
    source = Source.model_validate(
        {
            "id": "foundation",
            "kind": "listing",
            "urls": [PAGE],
            "item": "div.fund",
            "fields": fields or {"title": "h2 a::text", "url": "h2 a::attr(href)"},
        }
    )
    body = "".join(
        f"<div class='fund'><h2 id='x'><a href='{href}'>{title}</a></h2></div>"
        for title, href in cards
    )
    return listing_page_as_stored(source, body, NOW)


def test_calls_told_apart_by_their_anchors_keep_them():
    found = read(
        [("Small Grants", "#small"), ("Large Grants", "#large"), ("Green", "/our-grants#g")]
    )
    assert [(s.identity, s.url) for s in found] == [
        (f"{PAGE}#small", f"{PAGE}#small"),
        (f"{PAGE}#large", f"{PAGE}#large"),
        (f"{PAGE}#g", f"{PAGE}#g"),
    ]


def test_calls_that_all_link_to_one_page_are_told_apart_by_title():
    found = read([("Small Grants 2027", "/apply"), ("Large Grants: Round 2", "/apply")])
    apply = "https://foundation.example.org/apply"
    assert [s.identity for s in found] == [
        f"{apply}#small-grants-2027",
        f"{apply}#large-grants-round-2",
    ]
    assert len({s.url for s in found}) == 2


def test_one_call_listed_twice_stays_one():
    found = read([("Small Grants", "/calls/small"), ("Small Grants", "/calls/small")])
    assert {s.identity for s in found} == {"https://foundation.example.org/calls/small"}


def test_an_anchor_on_a_calls_own_page_changes_nothing():
    found = read([("Small Grants", "/calls/small#apply"), ("Large Grants", "/calls/large#apply")])
    assert [(s.identity, s.url) for s in found] == [
        (
            "https://foundation.example.org/calls/small",
            "https://foundation.example.org/calls/small",
        ),
        (
            "https://foundation.example.org/calls/large",
            "https://foundation.example.org/calls/large",
        ),
    ]


def test_a_reference_the_source_names_is_kept():
    fields = {"title": "h2 a::text", "url": "h2 a::attr(href)", "ref": "h2 a::text"}
    found = read([("Small Grants", "#small"), ("Large Grants", "#large")], fields)
    assert [(s.identity, s.url) for s in found] == [("Small Grants", PAGE), ("Large Grants", PAGE)]


def test_an_api_whose_calls_all_link_to_one_page_keeps_each():
    api = "https://api.foundation.example.org/calls"
    source = Source.model_validate(
        {
            "id": "foundation_api",
            "kind": "api",
            "urls": [api],
            "item": "calls",
            "fields": {"title": "name", "url": "apply"},
        }
    )
    body = b'{"calls": [{"name": "Small Grants", "apply": "https://portal.example.org/apply"},'
    body += b' {"name": "Large Grants", "apply": "https://portal.example.org/apply"}]}'
    response = TextResponse(api, body=body, headers={"Content-Type": "application/json"})
    found = [normalise(raw, source, NOW) for raw in ApiSpider(source).parse(response)]
    assert [s.identity for s in found] == [
        "https://portal.example.org/apply#small-grants",
        "https://portal.example.org/apply#large-grants",
    ]
