"""A GraphQL API asked by GET reads its cursor from the JSON of its `variables` parameter, so
`page_param: {name: variables.after, from: …}` sets it there. Before, a cursor could only be a
query parameter of its own: the round 12 GraphQL site ignored `&after=…`, answered page 1 again,
and the crawl stopped there without a word, 2 of 5 calls stored."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

from config.models import Source
from spiders.api import ApiSpider
from spiders.page_value import misplaced_variable, with_page_value

GRAPHQL = (
    "https://api.hub.example/graphql?query=query+G%28%24after%3A+String%29+%7B+grants+%7D"
    "&variables=%7B%22first%22%3A2%2C%22after%22%3Anull%7D"
)


def asked(url: str) -> dict:
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


def test_a_graphql_variable_is_set_in_the_variables_json():
    query = asked(with_page_value(GRAPHQL, "variables.after", "Y3Vyc29yOjI="))
    assert json.loads(query["variables"]) == {"first": 2, "after": "Y3Vyc29yOjI="}
    assert query["query"] == "query G($after: String) { grants }" and "after" not in query


def test_a_numbered_variable_stays_a_number():
    url = GRAPHQL.replace("after%22%3Anull", "offset%22%3A0")
    assert json.loads(asked(with_page_value(url, "variables.offset", 20))["variables"]) == {
        "first": 2,
        "offset": 20,
    }


def test_an_ordinary_parameter_is_still_a_query_parameter():
    assert with_page_value("https://x.example/api?limit=2", "cursor", "abc") == (
        "https://x.example/api?limit=2&cursor=abc"
    )
    # A dotted name with no variables JSON in the URL is a parameter of that name.
    assert asked(with_page_value("https://x.example/api", "variables.after", "c")) == {
        "variables.after": "c"
    }


def test_the_first_numbered_page_is_asked_in_the_variables():
    source = Source(
        id="hub",
        kind="api",
        urls=[GRAPHQL.replace("after%22%3Anull", "skip%22%3Anull")],
        item="data.grants[*]",
        fields={"title": "title", "url": "url"},
        page_param={"name": "variables.skip", "start": 0, "step": 2},
    )
    first = ApiSpider(source).start_url(source.urls[0])
    assert json.loads(asked(first)["variables"]) == {"first": 2, "skip": 0}


def test_a_cursor_named_as_a_parameter_that_is_a_graphql_variable_is_refused():
    assert "name it variables.after" in misplaced_variable(GRAPHQL, "after")
    assert misplaced_variable(GRAPHQL, "variables.after") is None
    assert misplaced_variable("https://x.example/api?after=1", "after") is None
    source = Source(
        id="hub",
        kind="api",
        urls=[GRAPHQL],
        item="data.grants.edges[*].node",
        fields={"title": "title", "url": "url"},
        page_param={"name": "after", "from": "data.grants.pageInfo.endCursor"},
    )
    assert "name it variables.after" in ApiSpider(source).problems[0]
