"""Round 20's pages that fight back, read by a listing's own callbacks (tests/offline_crawl.py):
a calendar linking the month after every month for ever, a call's page answering 410 Gone, and
call pages that name their own address (spiders/detail_address.py)."""

from __future__ import annotations

from scrapy.http import HtmlResponse, Request
from scrapy.settings import Settings

from config.models import Source
from spiders.base import EMPTY_PAGES_END
from spiders.detail_address import own_address
from spiders.listing import ListingSpider
from spiders.normalise.click_redirect import names_no_page
from tests.offline_crawl import run_callbacks

SITE = "https://www.cva.example.org.uk"


def spider(**changes) -> ListingSpider:
    entry = {
        "id": "calendar",
        "kind": "listing",
        "urls": [f"{SITE}/calendar/1/"],
        "item": "li.event",
        "fields": {"title": "a::text", "url": "a::attr(href)"},
        "next_page": "a.next::attr(href)",
    }
    made = ListingSpider(Source.model_validate({**entry, **changes}))
    made.settings = Settings()
    return made


def month(url: str, calls: list[str]) -> HtmlResponse:
    """Month n's page: its calls, and a link to month n + 1 whatever it holds."""
    n = int(url.rstrip("/").rsplit("/", 1)[1])
    events = "".join(f'<li class="event"><a href="/funds/{c}/">{c}</a></li>' for c in calls)
    body = f'<ul>{events}</ul><a class="next" href="/calendar/{n + 1}/">Next month</a>'
    return HtmlResponse(url, body=body.encode(), request=Request(url))


def read(made: ListingSpider, answer) -> tuple[list, list[str]]:
    asked: list[str] = []

    def answered(url: str):
        asked.append(url)
        return answer(url)

    start = [(made.source.urls[0], made.parse, {"page": 1})]
    return run_callbacks(start, answered, limit=200), asked


def test_an_endless_calendar_ends_after_a_run_of_empty_months_and_fails_nothing():
    # Before: every empty month was "no items matched … the page layout may have changed", and
    # its next month was followed on, to max_pages (10,000 months) here cut at 200 by the limit.
    calls = {1: ["a", "b"], 2: ["c"], 4: ["d"]}  # month 3 is empty between two with calls

    def answer(url):
        return month(url, calls.get(int(url.rstrip("/").rsplit("/", 1)[1]), []))

    made = spider()
    items, asked = read(made, answer)
    assert sorted(item.title for item in items) == ["a", "b", "c", "d"]
    assert len(asked) == 4 + EMPTY_PAGES_END
    assert made.problems == []
    assert made.not_followed == [
        f"{SITE}/calendar/{5 + EMPTY_PAGES_END}/: {EMPTY_PAGES_END} pages in a row up to "
        f"{SITE}/calendar/{4 + EMPTY_PAGES_END}/ had no calls (the end, or a calendar that "
        "links a next month for ever)"
    ]


def test_an_empty_first_page_is_still_a_changed_layout():
    made = spider()
    read(made, lambda url: month(url, []))
    assert made.problems == [
        f"no items matched 'li.event' on {SITE}/calendar/1/: the page layout may have changed"
    ]


def test_a_call_whose_page_is_gone_is_withdrawn_not_stored_and_not_a_failure():
    # Before: stored from the listing's fields, and the run failed, "detail page HTTP 410 on …".
    made = spider(next_page=None, detail={"fields": {"summary": "p"}})

    def answer(url):
        if url.endswith("/funds/b/"):
            return HtmlResponse(url, status=410, body=b"<h1>Removed</h1>", request=Request(url))
        if "/funds/" in url:
            return HtmlResponse(url, body=b"<p>Facts</p>", request=Request(url))
        return month(url, ["a", "b"])

    items, _ = read(made, answer)
    assert [item.title for item in items] == ["a"]
    assert made.problems == [] and not made.incomplete
    assert made.not_followed == [
        f"{SITE}/funds/b/: answered 410 Gone (taken down): 'b' is withdrawn, not stored"
    ]


def test_a_detail_page_names_its_own_address():
    # Before: every call kept its finder link (…result?id=311&pos=2), another per position.
    made = spider(next_page=None, detail={"fields": {"summary": "p"}})
    canonical = '<link rel="canonical" href="/funding/{}-fund">'

    def answer(url):
        if "/funds/" in url:
            name = url.rstrip("/").rsplit("/", 1)[1]
            head = canonical.format(name) if name != "b" else '<link rel="canonical" href="/">'
            body = f"<head>{head}</head><p>Facts</p>".encode()
            return HtmlResponse(url, body=body, request=Request(url))
        return month(url, ["a", "b"])

    items, _ = read(made, answer)
    # The home page, as a template's default, names no page: the link is kept.
    assert [item.url for item in items] == [f"{SITE}/funding/a-fund", f"{SITE}/funds/b/"]


LISTED = f"{SITE}/finder/result?id=3&pos=2"
TRACKER = "https://cva.us5.list-manage.com/track/click?id=a1&u=7c"


def test_own_address_rules():
    page = f"{SITE}/funding/a"
    assert own_address(LISTED, LISTED, page, f"{SITE}/finder") == page
    assert own_address(LISTED, LISTED, "/", f"{SITE}/finder") == LISTED  # the home page
    assert own_address(LISTED, LISTED, f"{SITE}/finder", f"{SITE}/finder") == LISTED
    assert own_address(LISTED, LISTED, "https://other.example/a", None) == LISTED  # a copy
    # A template's section index or the listing's first page, for a call on page 2: no address.
    grant = f"{SITE}/grants/village-halls"
    assert own_address(grant, grant, "/grants/", f"{SITE}/grants/?page=2") == grant
    assert own_address(grant, grant, "/grants", f"{SITE}/finder") == grant
    assert own_address(LISTED, LISTED, "/finder", f"{SITE}/finder?page=2") == LISTED
    # A page of its own by its query, beside a listing of the same path, is one.
    assert own_address(LISTED, LISTED, "/finder?id=3", f"{SITE}/finder") == f"{SITE}/finder?id=3"
    # A page above the one answered is a template's too, as far as one page can tell: kept listed.
    assert own_address(LISTED, f"{grant}/overview", grant, None) == LISTED
    assert own_address(LISTED, page, None, None) == LISTED  # a redirect: may be a general page
    assert names_no_page(TRACKER) and names_no_page(TRACKER.replace("cva.us5.list-manage", "t.cva"))
    assert not names_no_page(f"{SITE}/track/click?e=5")  # a page of that name, no u and id


def test_a_tracker_is_asked_for_where_it_leads_and_that_page_is_not_fetched():
    # Before: stored at the tracker with the subscriber's e=; following its redirect to a
    # partner's page would have needed every partner's host in follow_hosts, and counted a click.
    made = spider(next_page=None)
    partner = "https://www.partner.example.org/grants/x?utm_source=mc&mc_eid=5c7d"
    tracker = f"{TRACKER}&e=7d3f9a0c21"

    def answer(url):
        if "list-manage" in url:
            moved = HtmlResponse(url, status=302, headers={"Location": partner}, body=b"")
            return moved if "e=" not in url else None  # asked without the subscriber's e=
        body = f'<li class="event"><a href="{tracker}">a</a></li>'.encode()
        return HtmlResponse(url, body=body, request=Request(url))

    items, asked = read(made, answer)
    assert [item.url for item in items] == ["https://www.partner.example.org/grants/x"]
    assert len(asked) == 2 and made.problems == []
