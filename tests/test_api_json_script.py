"""`json_script`: an api source whose JSON is inside a web page (Next.js's __NEXT_DATA__, JSON-LD),
not the whole answer. Before it, such a site could not be read by configuration at all: kind api
said "not JSON on … (text/html)" and a listing found an empty shell."""

from __future__ import annotations

from scrapy.http import HtmlResponse, Request

from config.models import Source
from config.selectors import entry_problems
from spiders.api import ApiSpider
from spiders.api_values import money
from tests.crawl_helpers import sources_error

URL = "https://www.placesfund.org.uk/funding"
NEXT_DATA = """<html><body><div id="__next"><p>Loading…</p></div>
<script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"funds":[
{"title":"Play Parks \\u0026 Spaces","slug":"play-parks"},{"title":"Libraries","slug":"libraries"}]}}}
</script></body></html>"""
JSON_LD = """<html><body>
<script type="application/ld+json">{"@type":"Grant","name":"Heat fund","url":"/grants/heat"}</script>
<p>Our grants</p>
<script type="application/ld+json">{"@type":"Grant","name":"Bus fund","url":"/grants/bus"}</script>
</body></html>"""


def spider(**changes) -> ApiSpider:
    entry = {
        "id": "places",
        "kind": "api",
        "urls": [URL],
        "json_script": "script#__NEXT_DATA__",
        "item": "props.pageProps.funds[*]",
        "fields": {"title": "title", "url": "join('', ['/funding/', slug])"},
    }
    return ApiSpider(Source.model_validate({**entry, **changes}))


def parse(api: ApiSpider, html: str) -> list:
    response = HtmlResponse(URL, body=html.encode(), request=Request(URL))
    return [item for item in api.parse(response) if not isinstance(item, Request)]


def test_the_json_in_a_pages_script_is_read_as_the_api_answer():
    api = spider()
    items = parse(api, NEXT_DATA)
    assert [(i.title, i.url) for i in items] == [
        ("Play Parks & Spaces", "/funding/play-parks"),
        ("Libraries", "/funding/libraries"),
    ]
    assert api.problems == []


def test_an_xpath_to_the_scripts_text_reads_the_same():
    api = spider(json_script="xpath://script[@id='__NEXT_DATA__']/text()")
    assert [i.title for i in parse(api, NEXT_DATA)] == ["Play Parks & Spaces", "Libraries"]


def test_several_scripts_are_a_list_of_their_json():
    # JSON-LD: one <script type="application/ld+json"> a call.
    api = spider(
        json_script='script[type="application/ld+json"]',
        item="[*]",
        fields={"title": "name", "url": "url"},
    )
    assert [i.title for i in parse(api, JSON_LD)] == ["Heat fund", "Bus fund"]


def test_a_missing_or_broken_script_is_a_problem_naming_it():
    api = spider()
    assert parse(api, "<html><body><p>Loading…</p></body></html>") == []
    assert api.problems == [
        f"no script matched 'script#__NEXT_DATA__' on {URL}: the page layout may have changed"
    ]
    api = spider()
    parse(api, '<script id="__NEXT_DATA__">{"props": </script>')
    assert api.problems[0].startswith(f"not JSON in 'script#__NEXT_DATA__' on {URL}: ")


def test_a_web_page_without_json_script_says_what_to_do():
    api = spider(json_script=None)
    parse(api, NEXT_DATA)
    assert "name that script with json_script" in api.problems[0]


def test_json_script_is_checked_like_every_selector(tmp_path):
    assert list(entry_problems({"kind": "api", "json_script": "script[id="})) == [
        ("json_script", "bad CSS selector 'script[id=': Expected string or ident, got <EOF at 10>")
    ]
    said = sources_error(
        tmp_path,
        "- id: shell\n  kind: listing\n  urls: ['https://a.example/']\n  item: div\n"
        "  json_script: script\n  fields: {title: a, url: a}\n",
    )
    assert "entry 'shell' (#1)" in said
    assert "field 'json_script': only applies to kind: api" in said


def test_schema_orgs_monetary_amount_is_money():
    # JSON-LD names a range's ends minValue and maxValue; they read as nothing before, so a
    # JSON-LD grant's range was lost without a word.
    amount = {"@type": "MonetaryAmount", "currency": "GBP", "minValue": 5000, "maxValue": 40000}
    assert money(amount) == ("£5,000 - £40,000", 5000.0, 40000.0)
    assert money({"@type": "MonetaryAmount", "maxValue": 3000}) == ("Up to £3,000", None, 3000.0)


def test_a_monetary_amounts_quantitative_value_is_its_range():
    # The schema lets a MonetaryAmount's `value` be a QuantitativeValue; read by the outer keys it
    # had no number, and the grant no amount (tests/sites/jsonld_graph_events).
    quantity = {"@type": "QuantitativeValue", "minValue": 1000, "maxValue": 5000}
    amount = {"@type": "MonetaryAmount", "currency": "GBP", "value": quantity}
    assert money(amount) == ("£1,000 - £5,000", 1000.0, 5000.0)
    upto = {**amount, "value": {"@type": "QuantitativeValue", "maxValue": 250000}}
    assert money(upto) == ("Up to £250,000", None, 250000.0)
    assert money({**amount, "currency": "EUR"}) == (None, None, None)  # not pounds: no amount
