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
