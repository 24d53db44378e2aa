"""A listing's links are read as a browser reads them: relative to the page's <base href> when it
has one (some council and funder CMSs set one and write every link relative to it)."""

from __future__ import annotations

from datetime import UTC, datetime

from config.models import Source
from tests.offline_crawl import listing_page_as_stored

PAGE_URL = "https://grants.example.gov.uk/search/results?q=heat"


def items(head: str) -> list:
    source = Source.model_validate(
        {
            "id": "based",
            "kind": "listing",
            "urls": [PAGE_URL],
            "item": "li",
            "fields": {"title": "a::text", "url": "a::attr(href)"},
        }
    )
    body = (
        f"<html><head>{head}</head><body><ul><li><a href='call-1?utm_source=x'>Heat fund</a></li>"
    )
    body += "<li><a href='/funding/call-2'>Bus fund</a></li></ul></body></html>"
    return listing_page_as_stored(source, body, datetime(2026, 11, 30, tzinfo=UTC))


def test_links_follow_the_pages_base_href():
    found = items("<base href='https://grants.example.gov.uk/funding/'>")
    assert [item.url for item in found] == [
        "https://grants.example.gov.uk/funding/call-1",
        "https://grants.example.gov.uk/funding/call-2",
    ]


def test_without_a_base_links_are_relative_to_the_page():
    found = items("")
    assert [item.url for item in found] == [
        "https://grants.example.gov.uk/search/call-1",
        "https://grants.example.gov.uk/funding/call-2",
    ]


def test_a_link_selector_naming_the_element_reads_its_href():
    """`url: "li a"` without ::attr(href), as a curator may write it: the link, not its words."""
    source = Source.model_validate(
        {
            "id": "element_links",
            "kind": "listing",
            "urls": [PAGE_URL],
            "item": "li",
            "fields": {"title": "a::text", "url": "a"},
        }
    )
    body = "<ul><li><a href='/funding/call-1'><b>Heat fund</b></a></li><li>"
    body += "<span><a href='call-2'>Bus fund</a></span></li></ul>"
    found = listing_page_as_stored(source, body, datetime(2026, 11, 30, tzinfo=UTC))
    assert [item.url for item in found] == [
        "https://grants.example.gov.uk/funding/call-1",
        "https://grants.example.gov.uk/search/call-2",
    ]
    # An element holding a link (a pager's <li>) reads the link inside it.
    wrapped = {**source.model_dump(), "fields": {"title": "a::text", "url": "li"}}
    found = listing_page_as_stored(
        Source.model_validate(wrapped), body, datetime(2026, 11, 30, tzinfo=UTC)
    )
    assert found[0].url == "https://grants.example.gov.uk/funding/call-1"
