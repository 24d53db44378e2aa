"""An Elasticsearch (or OpenSearch) `_search` asked by GET, configured as the README advises: `item:
"hits.hits[*]"` and each field under `_source`, so `ref` reaches the hit's own `_id`. The README
used to advise `item: "hits.hits[*]._source"`, from which no JMESPath reaches the `_id` beside it
(JMESPath has no way up to a parent), so calls kept no id of the index's own."""

from __future__ import annotations

import json

from scrapy.http import Request, TextResponse

from config.models import Source
from spiders.api import ApiSpider
from spiders.normalise.sighting import normalise
from spiders.sources import SNAPSHOT_NOW

URL = "https://search.grants.example/grants/_search?q=*&size=2"
FIELDS = {
    "ref": "_id",
    "title": "_source.title",
    "url": "join('', ['https://www.grants.example', _source.path])",
    "closes": "_source.deadline",
    "amount": "{min: _source.award.gte, max: _source.award.lte}",
}


def _hit(ref: str, title: str, path: str, deadline: str, award: dict) -> dict:
    source = {"title": title, "path": path, "deadline": deadline, "award": award}
    return {"_index": "grants", "_id": ref, "_score": 1.0, "_source": source}


ANSWER = {
    "took": 2,
    "hits": {
        "total": {"value": 3, "relation": "eq"},
        "hits": [
            _hit(
                "g-12",
                "Village Green Grants",
                "/grants/green",
                "2027-01-20T17:00:00",
                {"gte": 1000, "lte": 5000},
            ),
            # Two calls of one page and one title: only the index's id tells them apart.
            _hit("g-15", "Shopfront Scheme", "/grants/shops", "2027-03-12", {"gte": 2500}),
            _hit("g-16", "Shopfront Scheme", "/grants/shops", "2027-09-30", {"lte": 8000}),
        ],
    },
}


def _crawl(item: str, fields: dict) -> tuple[list, list]:
    source = Source(
        id="grants",
        kind="api",
        urls=[URL],
        item=item,
        fields=fields,
        page_param={"name": "from", "start": 0, "step": 2},
    )
    spider = ApiSpider(source)
    response = TextResponse(URL, body=json.dumps(ANSWER).encode(), request=Request(URL))
    out = list(spider.parse(response))
    assert spider.problems == []
    items = [normalise(i, source, SNAPSHOT_NOW) for i in out if not isinstance(i, Request)]
    return items, [r for r in out if isinstance(r, Request)]


def test_the_readmes_elasticsearch_entry_reads_each_hit_with_its_id():
    items, requests = _crawl("hits.hits[*]", FIELDS)
    assert [(i.ref, i.title, i.url) for i in items] == [
        ("g-12", "Village Green Grants", "https://www.grants.example/grants/green"),
        ("g-15", "Shopfront Scheme", "https://www.grants.example/grants/shops"),
        ("g-16", "Shopfront Scheme", "https://www.grants.example/grants/shops"),
    ]
    assert [(i.amount_min, i.amount_max) for i in items] == [
        (1000, 5000),
        (2500, None),
        (None, 8000),
    ]
    assert items[0].closes_at.isoformat() == "2027-01-20T17:00:00+00:00"
    # The next page from its offset ("*" is asked re-encoded, which the server decodes alike).
    assert [r.url for r in requests] == [URL.replace("q=*&size=2", "q=%2A&size=2&from=2")]


def test_from_the_source_object_the_id_is_out_of_reach():
    # Why the advice changed: at `_source`, `_id` (and any path up to it) reads nothing.
    fields = {"ref": "_id", "title": "title", "url": "path"}
    items, _ = _crawl("hits.hits[*]._source", fields)
    assert [i.ref for i in items] == [i.url for i in items]  # no id of its own: the url stands in
