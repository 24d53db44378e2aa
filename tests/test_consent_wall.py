"""A cookie consent wall (spiders/consent_wall.py): a page that answers a visitor without its
cookie with only the consent form, setting the cookie. Round 16's cookie_consent_wall failed in
`sources try` and in a crawl ("no items matched … the page layout may have changed"): neither kept
cookies, and the wall was taken for the listing."""

from __future__ import annotations

from scrapy.http import HtmlResponse, Request

from config.models import Source
from spiders.registry import make_spider
from spiders.sources.site import LoopbackSite
from tests.unseen_serving import try_on_loopback

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


LISTING = """<html><body><ul><li class="grant"><a href="/grants/halls">Village Halls Fund</a></li>
<li class="grant"><a href="/grants/paths">Parish Paths Fund</a></li></ul></body></html>"""


def test_a_cookie_check_sending_back_to_the_page_is_followed_once_not_called_a_loop(tmp_path):
    # The other way sites set a consent cookie: a 302 back to the page asked, with Set-Cookie. Both
    # the crawl and sources try refused it as a "redirect loop" (A → A).
    from tests.crawl_helpers import fundwatch, write_config

    with LoopbackSite() as site:
        site.add("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
        site.add("/grants", LISTING, consent=("consent=essential", b""))
        entry = {**ENTRY, "urls": [site.url + "/grants"]}
        config = write_config(tmp_path / "config", [entry])
        tried = fundwatch("sources", "try", "walled", config=config, db=tmp_path / "never.db")
        crawl = fundwatch("crawl", config=config, db=tmp_path / "fundwatch.db")
        asked = [(hit.path, hit.status) for hit in site.hits if hit.path == "/grants"]
    assert "2 item(s)" in tried.stdout and "loop" not in tried.stdout, tried.stdout
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr
    # Each run: the cookie check's 302, then the page with the cookie sent back.
    assert asked == [("/grants", 302), ("/grants", 200)] * 2


def test_a_page_redirecting_to_itself_without_a_cookie_is_still_a_loop(tmp_path):
    from tests.crawl_helpers import fundwatch, write_config

    with LoopbackSite() as site:
        site.add("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
        site.add("/grants", "", redirect="{{SITE}}/grants")
        config = write_config(tmp_path / "config", [{**ENTRY, "urls": [site.url + "/grants"]}])
        tried = fundwatch("sources", "try", "walled", config=config, db=tmp_path / "never.db")
    assert "redirect loop on " in tried.stdout, tried.stdout


RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Grants</title><item>
<title>Village Halls Fund</title><link>https://www.example.gov.uk/grants/halls</link></item>
</channel></rss>"""


def test_a_feed_or_an_api_behind_the_wall_is_asked_again_too(tmp_path):
    # Only a listing was asked again: a feed read the wall as "malformed feed", an api as no JSON.
    from tests.crawl_helpers import fundwatch, write_config

    with LoopbackSite() as site:
        site.add("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
        cookie = "consent=essential"
        site.add("/feed", RSS, content_type="application/rss+xml", consent=(cookie, WALL))
        site.add(
            "/api",
            '{"calls": [{"name": "Paths Fund", "link": "https://x.example/p"}]}',
            content_type="application/json",
            consent=(cookie, WALL),
        )
        feed = {"id": "walled_feed", "name": "F", "kind": "feed", "urls": [site.url + "/feed"]}
        api = {
            "id": "walled_api",
            "name": "A",
            "kind": "api",
            "urls": [site.url + "/api"],
            "item": "calls[*]",
            "fields": {"title": "name", "url": "link"},
        }
        config = write_config(tmp_path / "config", [feed, api])
        crawl = fundwatch("crawl", config=config, db=tmp_path / "fundwatch.db")
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr
    assert "2 source(s): 2 ok" in crawl.stdout


def test_sources_record_saves_the_page_behind_the_wall_not_the_wall(tmp_path):
    # The listing's address was read twice (the wall, then the table) and saved as first answered:
    # the snapshot's page-1.html was the consent form, so its replay stored nothing.
    from tests.crawl_helpers import fundwatch, write_config
    from tests.unseen_serving import loopback_entry, serve

    site = serve("cookie_consent_wall")
    try:
        config = write_config(tmp_path / "config", [loopback_entry("cookie_consent_wall", site)])
        into, db = tmp_path / "recorded", tmp_path / "never.db"
        done = fundwatch(
            "sources", "record", "cookie_consent_wall", "--into", str(into), config=config, db=db
        )
    finally:
        site.stop()
    assert done.returncode == 0, done.stdout + done.stderr
    first = (into / "cookie_consent_wall" / "page-1.html").read_text("utf-8")
    assert "grants-table" in first and "consent" not in first.split("-->", 1)[1]
