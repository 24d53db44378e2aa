"""The HTTP cache's one-file-a-page storage: what it stores comes back whole, pages cached by
Scrapy's own storage before it are still read, and a broken entry means a fresh fetch."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy import Request, Spider
from scrapy.extensions.httpcache import FilesystemCacheStorage
from scrapy.http import HtmlResponse
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from spiders.cache_storage import PageFileCacheStorage

URL = "https://www.example.gov.uk/funding/page/2/"
BODY = "<html><body><h1>Funding £5,000 – round 2</h1></body></html>".encode()
HEADERS = {"ETag": '"abc"', "Last-Modified": "Tue, 03 Nov 2026 10:00:00 GMT"}


class Listing(Spider):
    name = "example_listing"


@pytest.fixture
def spider() -> Spider:
    crawler = get_crawler(Listing)
    crawler.spider = Listing()
    crawler.spider.crawler = crawler
    return crawler.spider


def opened(storage_class, folder: Path, spider: Spider):
    storage = storage_class(Settings({"HTTPCACHE_DIR": str(folder)}))
    storage.open_spider(spider)
    return storage


def page() -> tuple[Request, HtmlResponse]:
    request = Request(URL)
    response = HtmlResponse(URL, body=BODY, headers=HEADERS, encoding="utf-8", request=request)
    return request, response


def test_a_stored_page_comes_back_whole_from_one_file(tmp_path: Path, spider: Spider) -> None:
    storage = opened(PageFileCacheStorage, tmp_path, spider)
    request, response = page()
    assert storage.retrieve_response(spider, request) is None
    storage.store_response(spider, request, response)
    cached = storage.retrieve_response(spider, Request(URL))
    assert isinstance(cached, HtmlResponse)
    assert (cached.url, cached.status, cached.body) == (URL, 200, BODY)
    assert cached.headers[b"ETag"] == b'"abc"' and cached.text == response.text
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert [p.suffix for p in files] == [".page"]  # no temporary file left behind


def test_pages_cached_by_scrapys_storage_are_still_read(tmp_path: Path, spider: Spider) -> None:
    request, response = page()
    opened(FilesystemCacheStorage, tmp_path, spider).store_response(spider, request, response)
    cached = opened(PageFileCacheStorage, tmp_path, spider).retrieve_response(spider, Request(URL))
    assert cached is not None and cached.body == BODY


def test_a_broken_entry_means_fetching_again(tmp_path: Path, spider: Spider) -> None:
    storage = opened(PageFileCacheStorage, tmp_path, spider)
    request, response = page()
    storage.store_response(spider, request, response)
    (entry,) = tmp_path.rglob("*.page")
    entry.write_bytes(entry.read_bytes()[:40])  # cut short, as a full disk might leave it
    assert storage.retrieve_response(spider, Request(URL)) is None
