"""An api source follows each result to its detail document (GOV.UK's search lists a `link`; the
call's facts are in its Content API document, /api/content<link>). Before, `detail` was refused for
kind api ("no label, no detail"), so such a source could store titles and links only.

The hand-built site is tests/sites/govuk_search_content_api (marked hand-built there and in
tests/sites/README.md); its offline reading is in test_unseen_sites.py, this file's crawl is real."""

from __future__ import annotations

import pytest
from scrapy.http import Request, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from config.models import Source
from config.selectors import entry_problems
from spiders.api import ApiSpider
from spiders.items import OpportunitySighting
from tests.unseen_crawl import asked, check_stored, crawl_sites

SEARCH = "https://www.gov.uk/api/search.json"
ENTRY = {
    "id": "govuk",
    "kind": "api",
    "urls": [SEARCH],
    "item": "results[*]",
    "fields": {"title": "title", "url": "link"},
    "detail": {"url": "join('', ['/api/content', link])", "fields": {"closes": "details.closing"}},
}
BODY = b'{"results": [{"title": "Fund A", "link": "/guidance/fund-a"}]}'


def _json(url: str, body: bytes, status: int = 200) -> TextResponse:
    headers = {"Content-Type": "application/json"}
    return TextResponse(url, body=body, status=status, headers=headers, request=Request(url))


def _first(spider: ApiSpider) -> Request:
    (request,) = list(spider.parse(_json(SEARCH, BODY)))
    return request


def test_each_result_is_followed_to_its_document_and_read_by_jmespath():
    spider = ApiSpider(Source.model_validate(ENTRY))
    request = _first(spider)
    assert request.url == "https://www.gov.uk/api/content/guidance/fund-a"
    assert request.headers[b"Accept"] == b"application/json"
    doc = b'{"details": {"closing": "2027-01-29"}}'
    (call,) = list(request.callback(_json(request.url, doc), **request.cb_kwargs))
    assert (call.title, call.url, call.closes) == ("Fund A", "/guidance/fund-a", "2027-01-29")
    assert spider.problems == []


def test_a_document_that_fails_or_is_not_json_keeps_the_items_own_fields():
    spider = ApiSpider(Source.model_validate(ENTRY))
    request = _first(spider)
    failure = Failure(HttpError(_json(request.url, b"", status=404)))
    failure.request = request  # as Scrapy's errbacks get it
    (kept,) = list(request.errback(failure))
    assert isinstance(kept, OpportunitySighting) and kept.title == "Fund A" and kept.closes is None
    assert spider.problems == [f"detail page HTTP 404 on {request.url}"]
    page = b"<html><title>GOV.UK</title></html>"
    (kept,) = list(request.callback(_json(request.url, page), **request.cb_kwargs))
    assert kept.title == "Fund A" and "not JSON on " + request.url in spider.problems[1]


def test_without_url_the_items_own_link_is_followed():
    entry = {**ENTRY, "detail": {"fields": {"closes": "details.closing"}}}
    request = _first(ApiSpider(Source.model_validate(entry)))
    assert request.url == "https://www.gov.uk/guidance/fund-a"


def test_detail_url_is_an_apis_and_labels_are_not():
    listing = {**ENTRY, "kind": "listing", "item": "li", "fields": {"title": "a", "url": "a"}}
    with pytest.raises(ValueError, match="'url' only applies to kind: api"):
        Source.model_validate(listing)
    labelled = {**ENTRY, "detail": {"fields": {"closes": {"label": "Closing date"}}}}
    with pytest.raises(ValueError, match="JMESPath only"):
        Source.model_validate(labelled)
    broken = {**ENTRY, "detail": {"url": "join('', [", "fields": {"closes": "a.b"}}}
    assert [where for where, _ in entry_problems(broken)] == ["detail.url"]


@pytest.mark.slow
def test_a_crawl_reads_every_document_politely(tmp_path):
    site_id = "govuk_search_content_api"
    for crawled in crawl_sites([site_id], tmp_path):
        sites, crawl, _, _ = crawled
        assert crawl.returncode == 0, crawl.stdout + crawl.stderr
        check_stored(crawled, site_id)
        paths = [path for path, _ in asked(sites[site_id])]
        assert paths[0] == "/robots.txt"
        assert sum(path.startswith("/api/content/") for path in paths) == 3


def test_a_failed_document_leaves_its_fields_unread_not_gone():
    # Marked unread (kept as last stored, tests/test_detail_fields_unread.py) whether the document
    # failed to download or was not JSON; before, a document that was not JSON marked nothing.
    spider = ApiSpider(Source.model_validate(ENTRY))
    request = _first(spider)
    failure = Failure(HttpError(_json(request.url, b"", status=503)))
    failure.request = request
    assert [kept.unread for kept in request.errback(failure)] == [["closes"]]
    request = _first(spider)
    page = b"<html><title>Service unavailable</title></html>"
    assert [k.unread for k in request.callback(_json(request.url, page), **request.cb_kwargs)] == [
        ["closes"]
    ]


def test_a_document_that_is_a_pdf_leaves_its_fields_unread_and_one_read_clears_them():
    # Marked when the document is asked for, cleared only when it is read: a PDF marked nothing
    # before (its fields blanked and a `changed` event), as a failure path of its own.
    spider = ApiSpider(Source.model_validate(ENTRY))
    request = _first(spider)
    pdf = TextResponse(
        request.url,
        body=b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
        headers={"Content-Type": "application/pdf"},
        request=request,
    )
    assert [k.unread for k in request.callback(pdf, **request.cb_kwargs)] == [["closes"]]
    request = _first(spider)
    read = _json(request.url, b'{"details": {"closing": "31 January 2027"}}')
    assert [k.unread for k in request.callback(read, **request.cb_kwargs)] == [[]]
