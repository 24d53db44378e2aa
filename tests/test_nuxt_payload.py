"""Nuxt 3's payload, `<script id="__NUXT_DATA__">`, is devalue's flat array: the root at index 0,
every object's values indices into the array. Read as plain JSON, an unseen combined authority's
`item: 'data."funding-calls".calls[*]'` found nothing ("expected a list of items"), and no
JMESPath could reach the calls through the indices."""

from __future__ import annotations

import json

from scrapy.http import HtmlResponse, Request

from config.models import Source
from spiders.api import ApiSpider
from spiders.devalue import MAX_VALUES, unflatten

URL = "https://www.example-ca.gov.uk/funding"
PAYLOAD = [
    ["ShallowReactive", 1],
    {"data": 2, "state": 9, "once": 11, "serverRendered": 12},
    ["ShallowReactive", 3],
    {"calls": 4},
    [5, 8],
    {"title": 6, "deadline": 7, "opensAt": -1},
    "Bus Shelter Fund",
    ["Date", "2027-01-22T12:00:00.000Z"],
    {"title": 13, "deadline": 14, "opensAt": -1},
    ["Reactive", 10],
    {},
    ["Set"],
    True,
    "Play Parks",
    "2027-02-26T17:00:00.000Z",
]


def test_a_nuxt_payload_is_the_data_it_stands_for():
    assert unflatten(PAYLOAD) == {
        "data": {
            "calls": [
                {
                    "title": "Bus Shelter Fund",
                    "deadline": "2027-01-22T12:00:00.000Z",
                    "opensAt": None,
                },
                {"title": "Play Parks", "deadline": "2027-02-26T17:00:00.000Z", "opensAt": None},
            ]
        },
        "state": {},
        "once": [],
        "serverRendered": True,
    }


def test_the_api_kind_reads_the_calls_in_a_pages_nuxt_data():
    html = '<html><body><div id="__nuxt"></div><script type="application/json" '
    html += f'id="__NUXT_DATA__" data-ssr="true">{json.dumps(PAYLOAD)}</script></body></html>'
    source = Source.model_validate(
        {
            "id": "nuxt",
            "kind": "api",
            "urls": [URL],
            "json_script": "script#__NUXT_DATA__",
            "item": "data.calls[*]",
            "fields": {
                "title": "title",
                "url": "join('', ['/funding#', title])",
                "closes": "deadline",
            },
        }
    )
    api = ApiSpider(source)
    response = HtmlResponse(URL, body=html.encode(), request=Request(URL))
    items = [i for i in api.parse(response) if not isinstance(i, Request)]
    assert [(i.title, i.closes) for i in items] == [
        ("Bus Shelter Fund", "2027-01-22T12:00:00.000Z"),
        ("Play Parks", "2027-02-26T17:00:00.000Z"),
    ]
    assert api.problems == []


def test_json_that_is_no_nuxt_payload_is_read_as_it_is():
    for data in ([[1, 2], [3]], [["Reactive", 7], {}], {"data": [1]}, [["ShallowReactive", 1]]):
        assert unflatten(data) is data


def test_a_payload_that_cannot_end_or_would_not_fit_is_left_as_it_is():
    inside_itself = [["ShallowReactive", 1], {"me": 1}]
    assert unflatten(inside_itself) is inside_itself
    # Each array holds the next twice: 2**60 values written out, from 60 written once.
    doubling = [["ShallowReactive", 1]] + [[i + 1, i + 1] for i in range(1, 60)] + ["leaf"]
    assert 2**60 > MAX_VALUES and unflatten(doubling) is doubling
    past_the_end = [["ShallowReactive", 1], {"a": 99}]
    assert unflatten(past_the_end) is past_the_end
