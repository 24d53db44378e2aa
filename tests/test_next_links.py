"""Pagination by a "next" link: a big listing is read whole without a max_pages in its entry, and a
next link that leads back over pages already read ends the crawl there (never inferring removals
from that guess) instead of running on to the page cap."""

from __future__ import annotations

from scrapy.http import HtmlResponse, Request

from config.models import Source
from spiders.listing import ListingSpider

START = "https://grants.example.gov.uk/funding"


def source(**overrides) -> Source:
    raw = {
        "id": "linked",
        "kind": "listing",
        "urls": [START],
        "item": "li.call",
        "fields": {"title": "a::text", "url": "a::attr(href)"},
        "next_page": "a[rel=next]::attr(href)",
    }
    return Source.model_validate({**raw, **overrides})


def page(url: str, titles: list[str], next_href: str | None) -> HtmlResponse:
    items = "".join(f'<li class="call"><a href="/funding/{t}">{t}</a></li>' for t in titles)
    link = f'<a rel="next" href="{next_href}">Next</a>' if next_href else ""
    return HtmlResponse(url, body=f"<ul>{items}</ul>{link}".encode(), request=Request(url))


def crawl(spider: ListingSpider, site) -> tuple[list, list[str]]:
    """The callbacks run as Scrapy would; `site(url)` is (titles, next link) for a page."""
    queue, items, fetched = [(START, 1)], [], []
    while queue:
        url, number = queue.pop(0)
        fetched.append(url)
        for result in spider.parse(page(url, *site(url)), page=number):
            if isinstance(result, Request):
                queue.append((result.url, result.cb_kwargs["page"]))
            else:
                items.append(result)
    return items, fetched


def number_of(url: str) -> int:
    return int(url.rsplit("=", 1)[1]) if "?p=" in url else 1


def test_a_listing_of_many_pages_is_read_whole_without_a_page_cap_in_its_entry():
    # 60 pages of 10: three times the old default cap, which failed the crawl at page 20.
    def site(url):
        n = number_of(url)
        return [f"call-{n}-{i}" for i in range(10)], (f"?p={n + 1}" if n < 60 else None)

    spider = ListingSpider(source())
    items, fetched = crawl(spider, site)
    assert len(fetched) == 60 and len(items) == 600
    assert spider.problems == [] and not spider.incomplete


def test_a_last_page_that_links_back_to_the_first_ends_the_crawl_there():
    def site(url):
        n = number_of(url)
        return [f"call-{n}-{i}" for i in range(3)], f"?p={n % 4 + 1}"  # page 4 → page 1

    spider = ListingSpider(source())
    items, fetched = crawl(spider, site)
    assert fetched == [START, f"{START}?p=2", f"{START}?p=3", f"{START}?p=4", f"{START}?p=1"]
    assert len({item.url for item in items}) == 12
    assert spider.problems == []
    assert spider.incomplete, "a guessed end must not infer removals"


def test_a_calendar_that_pages_on_forever_over_the_same_calls_stops_at_the_first_repeat():
    def site(url):
        return ["annual-fund", "small-grants"], f"?p={number_of(url) + 1}"

    spider = ListingSpider(source())
    items, fetched = crawl(spider, site)
    assert fetched == [START, f"{START}?p=2"]
    assert spider.incomplete and spider.problems == []


def test_new_items_on_every_page_still_stop_at_the_page_cap_and_say_so():
    def site(url):
        n = number_of(url)
        return [f"call-{n}"], f"?p={n + 1}"

    spider = ListingSpider(source(max_pages=7))
    items, fetched = crawl(spider, site)
    assert len(fetched) == 7 and spider.incomplete
    assert any("page cap (max_pages: 7)" in p for p in spider.problems)


def test_a_next_link_that_is_script_is_a_problem_naming_it_not_a_traceback():
    # An ASP.NET WebForms pager ("javascript:__doPostBack(…,'Page$Next')") raised Scrapy's
    # "ValueError: Missing scheme in request url" out of the spider: the crawl had no words for it.
    spider = ListingSpider(source())
    href = "javascript:__doPostBack('ctl00$MainContent$gvGrants','Page$Next')"
    items, fetched = crawl(spider, lambda url: (["one", "two"], href))
    assert [item.title for item in items] == ["one", "two"] and fetched == [START]
    assert spider.problems == [
        f"next page on {START} is not a link ({href[:40]}…): a script's pager, such as ASP.NET's "
        "__doPostBack, posts a form; fundwatch reads only the pages links lead to "
        "(README: 'A pager that is not a link')"
    ]


def last_page(pager: str) -> HtmlResponse:
    url = START + "?p=2"
    body = f'<ul><li class="call"><a href="/funding/b">b</a></li></ul>{pager}'
    return HtmlResponse(url, body=body.encode(), request=Request(url))


def test_a_next_link_marked_disabled_on_the_last_page_ends_the_listing():
    # Liferay's <li class="disabled"><a href="javascript:;">Next</a> was a "not a link" problem
    # that failed the crawl, HubSpot's --disabled link to /page/3 was followed to a 404, and
    # Bootstrap's aria-disabled "#" link was asked as the page itself.
    pagers = {
        "xpath://ul[contains(@class, 'pager')]/li/a[normalize-space()='Next']/@href": (
            '<ul class="pager"><li class="disabled"><a href="javascript:;">Next</a></li></ul>'
        ),
        "a.blog-pagination__next-link::attr(href)": (
            '<a class="blog-pagination__link blog-pagination__next-link '
            'blog-pagination__next-link--disabled" href="/funding/page/3">Next</a>'
        ),
        "li.next a": (
            '<ul><li class="page-item next"><a class="page-link" href="#" '
            'aria-disabled="true">Next</a></li></ul>'
        ),
    }
    for selector, pager in pagers.items():
        spider = ListingSpider(source(next_page=selector))
        results = list(spider.parse(last_page(pager), page=2))
        assert not [r for r in results if isinstance(r, Request)], selector
        assert spider.problems == [] and not spider.incomplete, selector


def test_a_postback_pager_that_is_not_marked_disabled_is_still_a_problem():
    spider = ListingSpider(source(next_page="a.next::attr(href)"))
    pager = "<a class=\"next\" href=\"javascript:__doPostBack('gv','Page$3')\">Next</a>"
    list(spider.parse(last_page(pager), page=2))
    assert spider.problems and "not a link" in spider.problems[0]
