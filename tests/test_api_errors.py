"""An api answer that gives errors instead of data (GraphQL's HTTP 200 with "errors" and "data":
null, a JSON:API error document) says what the server said in the problem. Before, it said only
"found nothing: the API's answer may have changed shape"."""

from __future__ import annotations

import json

from scrapy.http import Request, TextResponse

from config.models import Source
from spiders.api import ApiSpider, answer_errors

GRAPHQL = "https://api.hub.example/graphql?query=%7B+grants+%7D"


def test_a_graphql_error_answer_is_said_in_the_problem():
    # GraphQL answers a query it cannot run with HTTP 200, errors and no data: the problem said
    # only "found nothing: the API's answer may have changed shape", not what the server said.
    source = Source(
        id="hub",
        kind="api",
        urls=[GRAPHQL],
        item="data.grants.edges[*].node",
        fields={"title": "title", "url": "url"},
    )
    body = {"errors": [{"message": 'Cannot query field "deadlin" on type "Grant".'}], "data": None}
    spider = ApiSpider(source)
    response = TextResponse(GRAPHQL, body=json.dumps(body).encode(), request=Request(GRAPHQL))
    assert list(spider.parse(response)) == []
    assert spider.problems[0].endswith(
        'the API answered with errors: Cannot query field "deadlin" on type "Grant".'
    )


def test_a_jsonapi_error_document_and_an_answer_without_errors():
    assert answer_errors({"errors": [{"title": "Invalid", "detail": "page[size] too big"}]}) == (
        "page[size] too big"
    )
    assert answer_errors({"data": []}) is None and answer_errors([1, 2]) is None
