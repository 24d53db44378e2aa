"""`sources try` asks a flaky page again as a crawl does: a 500, 502 or 504 (or a 429 or 503 with
no Retry-After) is asked again at once, up to the crawl's two retries (Scrapy's RetryMiddleware,
RETRY_HTTP_CODES), so what `try` shows of a page that failed once is what a crawl stores; a 404 is
an answer, asked once."""

from __future__ import annotations

import pytest
from scrapy.http import Request

from config.models import Settings, Source
from notifier.curation.fetch import PoliteFetcher


def fetcher(site) -> PoliteFetcher:
    source = Source.model_validate(
        {"id": "flaky", "kind": "listing", "urls": [site.url + "/grants"], "item": "li",
         "fields": {"title": "a::text", "url": "a::attr(href)"}}
    )  # fmt: skip
    settings = Settings.model_validate({"crawl": {"contact": "curators@example.gov.uk"}})
    return PoliteFetcher(settings, source)


@pytest.fixture(autouse=True)
def no_delay(monkeypatch):
    monkeypatch.setenv("FUNDWATCH_ALLOW_LOOPBACK", "1")
    monkeypatch.setenv("FUNDWATCH_CRAWL_DELAY", "0")


@pytest.mark.parametrize("status", [500, 502, 503, 504, 429])
def test_a_page_that_fails_once_is_read(site, status):
    site.add("/grants/1", "<h1>Village Hall Fund</h1>", fails=[status])
    answer = fetcher(site).fetch(Request(site.url + "/grants/1"))
    assert (answer.status, answer.css("h1::text").get()) == (200, "Village Hall Fund")
    assert [hit.status for hit in site.hits if hit.path == "/grants/1"] == [status, 200]


def test_a_page_that_keeps_failing_is_asked_three_times_as_a_crawl_asks_it(site):
    site.add("/grants/2", "<h1>Gone wrong</h1>", fails=[500, 500, 500, 500])
    answer = fetcher(site).fetch(Request(site.url + "/grants/2"))
    assert answer.status == 500
    assert [hit.status for hit in site.hits if hit.path == "/grants/2"] == [500, 500, 500]


def test_a_404_is_an_answer_not_asked_again(site):
    site.add("/grants/3", "<h1>Not found</h1>", status=404)
    assert fetcher(site).fetch(Request(site.url + "/grants/3")).status == 404
    assert [hit.status for hit in site.hits if hit.path == "/grants/3"] == [404]
