"""An api's next link keeps the format its first answer was asked in (spiders/answer_format.py):
Squarespace's `pagination.nextPageUrl` drops `?format=json`, and page 2 was the blog's web page,
a failed crawl ("not JSON on …/grants?offset=… (text/html)") with the later calls unread."""

from __future__ import annotations

from scrapy.http import Request, TextResponse

from config.models import Source
from spiders.answer_format import with_answer_format
from spiders.api import ApiSpider

ASKED = "https://www.coast.example.org/grants?format=json"


def test_the_first_addresses_json_format_is_carried_to_the_next():
    assert (
        with_answer_format(ASKED, "https://www.coast.example.org/grants?offset=1757599200000")
        == "https://www.coast.example.org/grants?offset=1757599200000&format=json"
    )
    assert (
        with_answer_format(
            "https://maps.example.org/query?where=1&f=pjson",
            "https://maps.example.org/query?page=2",
        )
        == "https://maps.example.org/query?page=2&f=pjson"
    )


def test_a_link_naming_its_own_format_or_an_address_asking_none_is_kept():
    own = "https://www.coast.example.org/grants?offset=5&format=json-pretty"
    assert with_answer_format(ASKED, own) == own
    plain = "https://api.example.org/grants?page=2"
    assert with_answer_format("https://api.example.org/grants?page=1", plain) == plain
    assert with_answer_format("https://api.example.org/grants?format=xml", plain) == plain


def test_the_api_asks_the_next_page_in_json():
    source = Source.model_validate(
        {
            "id": "coast",
            "kind": "api",
            "urls": [ASKED],
            "item": "items[*]",
            "fields": {"title": "title", "url": "fullUrl"},
            "next_page": "pagination.nextPageUrl",
        }
    )
    body = (
        b'{"items": [{"title": "Coastal Path Repairs Fund", "fullUrl": "/grants/coastal-path"}],'
        b' "pagination": {"nextPage": true, "nextPageUrl": "/grants?offset=1757599200000"}}'
    )
    response = TextResponse(ASKED, body=body, request=Request(ASKED))
    asked = [r.url for r in ApiSpider(source).parse(response) if isinstance(r, Request)]
    assert asked == ["https://www.coast.example.org/grants?offset=1757599200000&format=json"]
