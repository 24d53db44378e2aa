"""A cookie consent wall (spiders/consent_wall.py): a page that answers a visitor without its
cookie with only the consent form, setting the cookie. Round 16's cookie_consent_wall failed in
`sources try` and in a crawl ("no items matched … the page layout may have changed"): neither kept
cookies, and the wall was taken for the listing."""

from __future__ import annotations

from scrapy.http import HtmlResponse, Request

from config.models import Source
from spiders.registry import make_spider
from tests.unseen_sites import try_on_loopback

WALL = b"<html><body><h1>Cookies on our site</h1><form method=post><button>Accept</button></form>"
ENTRY = {
    "id": "walled",
    "name": "Walled council",
    "kind": "listing",
    "urls": ["https://www.example.gov.uk/grants"],
    "item": "li.grant",
    "fields": {"title": "a::text", "url": "a::attr(href)"},
}


def wall(request: Request) -> HtmlResponse:
    headers = {"Set-Cookie": "consent=essential; Path=/"}
    return HtmlResponse(request.url, body=WALL, headers=headers, request=request)


def test_a_page_that_matched_nothing_and_set_a_cookie_is_asked_once_more():
    spider = make_spider(Source.model_validate(ENTRY))
    first = Request(ENTRY["urls"][0], cb_kwargs={"page": 1})
    (again,) = list(spider.parse(wall(first), page=1))
    assert isinstance(again, Request) and again.url == first.url and again.dont_filter
    assert spider.problems == []
    # Asked again with the cookie, still the wall (a consent that needs a click): said as such.
    assert list(spider.parse(wall(again), page=1)) == []
    (problem,) = spider.problems
    assert "no items matched 'li.grant'" in problem and "cookie consent page" in problem


def test_a_page_that_set_no_cookie_is_a_layout_problem_at_once():
    spider = make_spider(Source.model_validate(ENTRY))
    first = Request(ENTRY["urls"][0], cb_kwargs={"page": 1})
    page = HtmlResponse(first.url, body=WALL, request=first)
    assert list(spider.parse(page, page=1)) == []
    (problem,) = spider.problems
    assert problem.endswith("the page layout may have changed")


def test_sources_try_keeps_the_walls_cookie_for_the_listing_and_its_next_page(tmp_path):
    result, asked = try_on_loopback("cookie_consent_wall", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 item(s)" in result.stdout and "problem" not in result.stdout
    assert asked == [
        ("/robots.txt", 200),
        ("/business/grants-and-funding", 200),  # the wall
        ("/business/grants-and-funding", 200),  # the listing, the cookie sent back
        ("/business/grants-and-funding?page=2", 200),  # the cookie still sent: no wall
    ]
