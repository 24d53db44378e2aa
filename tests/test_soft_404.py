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


# Hand-built pages (in code): Welsh 404 templates, and CMS templates that name themselves.
@pytest.mark.parametrize(
    ("title", "h1", "words"),
    [
        (
            "Tudalen heb ei chanfod | Cyngor Sir Ynys Môn",
            "Mae'n ddrwg gennym",
            "Tudalen heb ei chanfod",
        ),
        ("Cyngor Gwynedd", "Heb ganfod y dudalen", "Heb ganfod y dudalen"),
        ("Gwall 404 - Cyngor Caerdydd", "Wps!", "Gwall 404"),
        ("Cyngor Sir Ddinbych", "Methu dod o hyd i'r dudalen", "Methu dod o hyd i'r dudalen"),
        ("Page not found / Tudalen heb ei chanfod", "", "Page not found"),
    ],
)
def test_a_welsh_page_that_says_it_is_not_found_is_a_soft_404(title, h1, words):
    assert soft_404(page(title, h1)) == words


def cms(body_class: str = "", robots: str = "", title: str = "", h1: str = "") -> Selector:
    meta = f'<meta name="robots" content="{robots}">' if robots else ""
    return Selector(
        text=f"<html><head><title>{title}</title>{meta}</head>"
        f'<body class="{body_class}"><h1>{h1}</h1></body></html>'
    )


@pytest.mark.parametrize(
    ("found", "words"),
    [
        # WordPress's 404 template, whatever the theme's words ("Well, this is awkward")
        (
            cms("error404 wp-theme-astra", title="Westvale Trust", h1="Well, this is awkward"),
            "body class error404",
        ),
        (cms("template-404", title="Grants Shop", h1="Hmm"), "body class template-404"),
        # noindex beside a 404 template's vaguer words
        (cms(robots="noindex, follow", title="Oops! | Westvale", h1="Oops!"), "Oops"),
        (
            cms(robots="noindex", title="Nothing Found – Westvale", h1="Nothing Found"),
            "Nothing Found",
        ),
        (cms(robots="NOINDEX,NOFOLLOW", title="Error | Westvale Council", h1="Error"), "Error |"),
        (cms(robots="noindex", title="Westvale", h1="Page unavailable"), "Page unavailable"),
        (cms(robots="noindex", title="Cyngor", h1="Wps, mae rhywbeth o'i le"), "Wps"),
    ],
)
def test_a_cms_404_template_is_a_soft_404(found, words):
    assert soft_404(found) == words


@pytest.mark.parametrize(
    "real",
    [
        # A real call's page: WordPress's post 404 gets "postid-404" and "page-id-404", no sign
        cms(
            "page-template-default page-id-404 postid-404",
            title="Village Halls Fund",
            h1="Village Halls Fund",
        ),
        # A closed call kept out of search still says what it is
        cms(robots="noindex", title="Sorry, this fund has closed | Westvale", h1="Community Chest"),
        cms(
            robots="noindex",
            title="Error Correction Data Grants",
            h1="Error Correction Data Grants",
        ),
        cms(robots="noindex", title="Lost Heritage Fund", h1="Lost Heritage Fund"),
        # The vaguer words without noindex prove nothing
        cms(title="Oops Youth Theatre Bursaries", h1="Oops Youth Theatre Bursaries"),
        cms(title="Nothing Found, Nothing Wasted: Reuse Grants", h1="Reuse Grants"),
        cms(title="Tudalen y Gronfa Gymunedol", h1="Cronfa Gymunedol"),
    ],
)
def test_a_real_call_page_is_never_one(real):
    assert soft_404(real) is None
