"""A page's store assigned in a script (`window.__INITIAL_STATE__ = {…};`, a React app rendered on
the server) is read as its JSON by json_script. json.loads refused the statement around it: an
unseen heritage funder's page stored nothing as first written ("not JSON in … Expecting value:
line 1 column 1")."""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse, Request

from config.models import Source
from spiders.api import ApiSpider
from spiders.script_json import assigned_json

URL = "https://www.example-heritage.org.uk/funding"
PAGE = """<html><body><div id="root"><p>Loading…</p></div>
<script>window.__INITIAL_STATE__ = {"funds":{"byId":{"f-1":{"name":"Parks for People",
"path":"\\u002Ffunding\\u002Fparks"},"f-2":{"name":"Places of Worship","path":"\\u002Ffunding\\u002Fpow"}}}};
</script><script src="/static/js/main.js"></script></body></html>"""


def test_json_script_reads_the_json_a_script_assigns():
    source = Source.model_validate(
        {
            "id": "heritage",
            "kind": "api",
            "urls": [URL],
            "json_script": "xpath://script[contains(., '__INITIAL_STATE__')]",
            "item": "funds.byId.*",
            "fields": {"title": "name", "url": "path"},
        }
    )
    api = ApiSpider(source)
    response = HtmlResponse(URL, body=PAGE.encode(), request=Request(URL))
    items = [i for i in api.parse(response) if not isinstance(i, Request)]
    assert [(i.title, i.url) for i in items] == [
        ("Parks for People", "/funding/parks"),
        ("Places of Worship", "/funding/pow"),
    ]
    assert api.problems == []


@pytest.mark.parametrize(
    ("script", "value"),
    [
        ('window.__PRELOADED_STATE__={"a":1}', {"a": 1}),
        ('window["__STATE__"] = [1, 2];', [1, 2]),
        ('var __APOLLO_STATE__ = {"x": 2};\nwindow.ready = true;', {"x": 2}),
        ('  const state = {"a": null}\n  boot(state)', {"a": None}),
    ],
)
def test_an_assignment_of_json_is_its_value(script, value):
    assert assigned_json(script) == (value, None)


@pytest.mark.parametrize(
    "script",
    [
        "window.__NUXT__=(function(a){return {}}(1))",  # a function's result: no literal
        "window.X = {a: 1}",  # a JavaScript object, bare keys
        'window.X = {"a": 1} + 2',  # an expression that goes on
        "if (a == {}) go()",  # no assignment
    ],
)
def test_anything_else_is_no_json(script):
    value, why = assigned_json(script)
    assert value is None and why
