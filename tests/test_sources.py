"""Per source: its snapshot → the exact expected items (titles, URLs, dates, amounts), after normalising.

The spider's callbacks run on responses built from the snapshot files, as if fetched from the real
site; requests it yields (next pages, detail pages) are answered from the same snapshot.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from scrapy.http import HtmlResponse, Request, TextResponse

from config.loader import load_sources
from spiders.items import OpportunitySighting
from spiders.normalise.sighting import normalise
from spiders.registry import make_spider
from spiders.sources import SOURCES_DIR, load_expected, source_folders
from spiders.sources.routes import load_redirects, load_routes
from tests.crawl_helpers import ROOT
from tests.offline_crawl import first_pages, request_path, run_callbacks

SOURCES = {s.id: s for s in load_sources(ROOT / "config")}
# Not a hidden folder: a killed `sources record` leaves its copy so (spiders/sources/__init__.py).
EXPECTED = sorted(
    p.parent.name for p in SOURCES_DIR.glob("*/expected.yaml") if not p.parent.name.startswith(".")
)


def snapshot_response(source_id: str, url: str) -> TextResponse:
    origin, routes = load_routes(SOURCES_DIR / source_id)
    moved = load_redirects(SOURCES_DIR / source_id).get(request_path(url))
    if moved is not None:  # a page that answered from another address when it was recorded
        url = origin + moved
    route = routes[request_path(url)]
    cls = HtmlResponse if "html" in route.content_type else TextResponse
    return cls(
        url=url,
        body=route.file.read_bytes(),
        headers={"Content-Type": route.content_type},
        encoding="utf-8",
        request=Request(url),
    )


def crawl_offline(source_id: str) -> list[OpportunitySighting]:
    """Run the spider's callbacks to exhaustion against the snapshot, breadth first."""
    spider = make_spider(SOURCES[source_id])
    items = run_callbacks(first_pages(spider), lambda url: snapshot_response(source_id, url))
    assert spider.problems == [], spider.problems
    return items


@pytest.fixture(scope="module", params=EXPECTED)
def case(request):
    expected = load_expected(request.param)
    now = datetime.fromisoformat(expected["now"])
    records = [
        normalise(item, SOURCES[request.param], now).model_dump()
        for item in crawl_offline(request.param)
    ]
    return expected, records


def stored(value):
    return value.isoformat() if isinstance(value, datetime) else value


def test_every_expected_item_and_nothing_else(case):
    expected, records = case
    assert sorted(r["url"] for r in records) == sorted(i["url"] for i in expected["items"])


def test_each_item_matches_field_by_field(case):
    expected, records = case
    by_url = {r["url"]: r for r in records}
    for item in expected["items"]:
        record = by_url[item["url"]]
        for key, value in item.items():
            got = stored(record[key])
            if key.startswith("amount_") and value is not None:
                assert got is not None and float(got) == float(value), (
                    item["title"],
                    key,
                    got,
                    value,
                )
            else:
                assert got == value, (item["title"], key, got, value)


def test_every_snapshotted_source_has_expected_items():
    assert set(EXPECTED) == {p.name for p in source_folders()}
