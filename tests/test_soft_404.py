"""A detail page answered 200 that says it is not there (spiders/soft_404.py): round 16's
soft_404_detail was read as the call's own page, its template's "Who can apply for our funding?"
taken for the fund's, and nothing said of the dead link."""

from __future__ import annotations

import pytest
from parsel import Selector

from spiders.soft_404 import soft_404


def page(title: str, h1: str, body: str = "") -> Selector:
    return Selector(
        text=f"<html><head><title>{title}</title></head><body><h1>{h1}</h1>{body}</body></html>"
    )


@pytest.mark.parametrize(
    ("title", "h1", "words"),
    [
        ("Page not found | Northgate Homes Foundation", "Sorry", "Page not found"),
        ("Northgate Homes Foundation", "Sorry, we can't find that page", "can't find"),
        ("Error 404 - Westvale", "Oops", "Error 404"),
        ("Westvale", "This page no longer exists", "page no longer exists"),
        ("Westvale", "We couldn’t find the page you asked for", "couldn’t find"),
    ],
)
def test_a_page_that_says_it_is_not_found_is_a_soft_404(title, h1, words):
    assert soft_404(page(title, h1)) == words


@pytest.mark.parametrize(
    ("title", "h1", "body"),
    [
        ("Lost and Found Community Fund | Westvale", "Lost and Found Community Fund", ""),
        ("Village Halls Fund", "Village Halls Fund", "<p>If a page is not found, call us.</p>"),
        ("Founders' Grants", "Founders' Grants", ""),
    ],
)
def test_a_calls_own_page_is_not_one(title, h1, body):
    assert soft_404(page(title, h1, body)) is None


def test_a_listing_page_that_says_it_is_not_found_is_said_so_not_a_changed_layout():
    # A next page the CMS no longer has, answered 200: "no items matched … the page layout may
    # have changed" sent the curator to fix selectors that were right.
    from scrapy.http import HtmlResponse, Request

    from config.models import Source
    from spiders.registry import make_spider

    url = "https://www.example.gov.uk/grants?pg=2"
    entry = {"id": "council", "name": "Council", "kind": "listing", "urls": [url]}
    entry |= {"item": "li.grant", "fields": {"title": "a::text", "url": "a::attr(href)"}}
    spider = make_spider(Source.model_validate(entry))
    body = b"<html><head><title>Page not found | Council</title></head><body><h1>Sorry</h1>"
    assert list(spider.parse(HtmlResponse(url, body=body, request=Request(url)))) == []
    assert spider.problems == [f'page not found (HTTP 200, "Page not found") on {url}: no items']
