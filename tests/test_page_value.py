"""A GraphQL API asked by GET reads its cursor from the JSON of its `variables` parameter, so
`page_param: {name: variables.after, from: …}` sets it there. Before, a cursor could only be a
query parameter of its own: the round 12 GraphQL site ignored `&after=…`, answered page 1 again,
and the crawl stopped there without a word, 2 of 5 calls stored."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from pydantic import ValidationError

from config.models import Source
from config.page_variables import misplaced_variable
from spiders.api import ApiSpider
from spiders.page_value import with_page_value
from tests.crawl_helpers import fundwatch, write_config

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
    # The entry's params are asked with its URL: variables given there count too.
    variables = {"variables": '{"after": null}'}
    assert "name it variables.after" in misplaced_variable(
        "https://x.example/api", "after", variables
    )
    with pytest.raises(ValidationError, match="name it variables.after"):
        Source(
            id="hub",
            kind="api",
            urls=[GRAPHQL],
            item="data.grants.edges[*].node",
            fields={"title": "title", "url": "url"},
            page_param={"name": "after", "from": "data.grants.pageInfo.endCursor"},
        )


def test_sources_check_refuses_it_naming_file_entry_and_field(tmp_path):
    # Before, only the spider refused it when its crawl started; `sources check` said all was well.
    entry = {
        "id": "hub",
        "kind": "api",
        "urls": [GRAPHQL],
        "item": "data.grants.edges[*].node",
        "fields": {"title": "title", "url": "url"},
        "page_param": {"name": "after", "from": "data.grants.pageInfo.endCursor"},
    }
    folder = write_config(tmp_path / "config", [entry])
    result = fundwatch("sources", "check", config=folder, db=tmp_path / "never.db")
    assert result.returncode == 2
    assert (
        f"{folder / 'sources.yaml'}: entry 'hub' (#1): field 'page_param': 'after' is a variable "
        "in the URL's GraphQL variables"
    ) in result.stderr
