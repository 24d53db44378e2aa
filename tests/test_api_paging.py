"""The `api` kind's paging and start URL: page numbers from their start until a page brings nothing,
offsets by their step until a page repeats, the page cap said, and params with moving dates."""

from __future__ import annotations

import json

import pytest

from spiders.api import ApiSpider, fill_dates
from spiders.sources import SNAPSHOT_NOW
from tests.api_helpers import CF, run, source, start


def pages_of(spider: ApiSpider, pages: dict[str, list[str]]) -> tuple[list[str], list[str]]:
    """Crawl from the start URL, answering each request from `pages` (a missing page: no results)."""
    [first] = start(spider)
    queue, fetched, titles = [(first.url, 1)], [], []
    while queue:
        url, number = queue.pop(0)
        fetched.append(url)
        body = json.dumps({"results": [{"title": t, "link": f"/{t}"} for t in pages.get(url, [])]})
        items, requests = run(spider, url, body, page=number)
        titles += [i.title for i in items]
        queue += [(r.url, r.cb_kwargs["page"]) for r in requests]
    return fetched, titles


def paged(**page_param) -> ApiSpider:
    return ApiSpider(
        source(
            urls=["https://www.gov.uk/api/search.json"],
            item="results",
            params={"q": "grants"},
            fields={"title": "title", "url": "link"},
            page_param=page_param,
            max_pages=5,
        )
    )


@pytest.mark.parametrize("start", [0, 1])
def test_page_numbers_from_start_until_a_page_brings_nothing(start):
    base = "https://www.gov.uk/api/search.json?q=grants&page="
    spider = paged(name="page", start=start)
    fetched, titles = pages_of(spider, {f"{base}{start}": ["a", "b"], f"{base}{start + 1}": ["c"]})
    assert fetched == [f"{base}{start}", f"{base}{start + 1}", f"{base}{start + 2}"]
    assert titles == ["a", "b", "c"] and spider.problems == []


def test_an_offset_moves_by_its_step_and_a_repeated_page_ends_it():
    base = "https://www.gov.uk/api/search.json?q=grants&start="
    spider = paged(name="start", start=0, step=10)
    repeat = {f"{base}{n}": ["x"] for n in (10, 20, 30)}
    fetched, titles = pages_of(spider, {f"{base}0": ["a", "x"], **repeat})
    assert fetched == [f"{base}0", f"{base}10"]  # page 2 only repeats what page 1 had: the end
    assert titles == ["a", "x", "x"]


def test_the_page_cap_stops_and_says_so():
    spider = paged(name="start", start=0, step=10)
    base = "https://www.gov.uk/api/search.json?q=grants&start="
    fetched, _ = pages_of(spider, {f"{base}{n * 10}": [f"call-{n}"] for n in range(10)})
    assert len(fetched) == 5 and spider.incomplete
    assert any("page cap (max_pages: 5)" in p for p in spider.problems)


def test_params_and_moving_dates_on_the_start_url(monkeypatch):
    monkeypatch.setenv("FUNDWATCH_NOW", SNAPSHOT_NOW.isoformat())
    spider = ApiSpider(source(params={"stages": "planning,tender", "updatedFrom": "{now-14d}"}))
    [request] = start(spider)
    assert request.url == CF + "?stages=planning%2Ctender&updatedFrom=2026-11-11T09%3A00%3A00"
    assert request.headers.get("Accept") == b"application/json"
    assert fill_dates("from:{now-365d:%Y-%m-%d}", SNAPSHOT_NOW) == "from:2025-11-25"
    assert fill_dates("{now}", SNAPSHOT_NOW) == "2026-11-25T09:00:00"
