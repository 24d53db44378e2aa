"""A script that assigns a JavaScript literal, not JSON (spiders/js_literal.py): Nuxt 2's
`window.__NUXT__=(function(a,b){return {…}}(…))`. Before, json_script said "not JSON in … :
Expecting value: line 1 column 1 (char 0)" and nothing was read (tests/sites/nuxt2_window_iife)."""

from __future__ import annotations

from scrapy.http import HtmlResponse, Request

from spiders.js_literal import read_literal
from spiders.page_json import answer_json

URL = "https://www.example-trust.org.uk/grants"
NUXT = (
    'window.__NUXT__=(function(a,b,c,d){return {layout:"default",data:[{grants:[{id:1,'
    'title:"Hall \\u0026 Green",status:a,award:{min:d,max:40000},pot:b,url:"\\u002Fgrants\\u002Fhall",'
    "open:!0,closed:!1,gone:void 0,'quoted-key':c,when:new Date(1801224000000)},"
    '{id:2,title:"Bus fund",status:c,award:{min:b,max:1.5e5},pot:c}]}],serverRendered:!0}}'
    '("open",null,"closed",5000));'
)


def test_nuxt_2s_function_call_reads_as_the_data_it_stands_for():
    value, why = read_literal(NUXT, NUXT.index("=") + 1)
    assert why is None
    first, second = value["data"][0]["grants"]
    assert first == {
        "id": 1,
        "title": "Hall & Green",
        "status": "open",
        "award": {"min": 5000, "max": 40000},
        "pot": None,
        "url": "/grants/hall",
        "open": True,
        "closed": False,
        "gone": None,
        "quoted-key": "closed",
        "when": "2027-01-29T12:00:00+00:00",
    }
    assert second == {
        "id": 2,
        "title": "Bus fund",
        "status": "closed",
        "award": {"min": None, "max": 150000.0},
        "pot": "closed",
    }


def test_the_call_written_after_the_brackets_and_a_bare_object_read_alike():
    after = 'x = (function (a) { return {k: [a, "b"]}; })("v")'
    assert read_literal(after, after.index("=") + 1) == ({"k": ["v", "b"]}, None)
    bare = "window.__STATE__ = {page: 'grants', total: 2, items: [,1]};"
    assert read_literal(bare, bare.index("=") + 1) == (
        {"page": "grants", "total": 2, "items": [None, 1]},
        None,
    )


def test_a_script_that_computes_is_no_data():
    for script in (
        "window.__NUXT__=(function(a){a.x=1;return {a:a}}({}))",
        "window.__NUXT__={total: count + 1}",
        "window.__NUXT__={items: load()}",
    ):
        value, why = read_literal(script, script.index("=") + 1)
        assert value is None and why and why.startswith("not a JavaScript literal"), script


def test_json_script_reads_the_literal_a_script_assigns():
    page = f"<html><body><div id='__nuxt'></div><script>{NUXT}</script></body></html>"
    response = HtmlResponse(URL, body=page.encode(), request=Request(URL))
    data, problem = answer_json(response, "xpath://script[contains(., '__NUXT__')]")
    assert problem is None
    assert [grant["title"] for grant in data["data"][0]["grants"]] == ["Hall & Green", "Bus fund"]
