"""Every call once, following `next` through the served list, its JSON and its streamed CSV.

Datasette 0.65 ordered a sorted table's first page by the sort column alone and the pages after
it by the column and then the key; calls sharing a value across the first page's end (a crawl
stores a whole page of calls with one `first_seen`, the list's default sort) came twice or never:
on 1,500 calls, 84 never appeared (notifier/web/first_page.py). Datasette's own client, in process.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest

from notifier.configuration import load_config
from notifier.web.app import make_datasette
from storage.db import open_db
from storage.record import record_sightings
from storage.sighting import Sighting
from tests.crawl_helpers import write_config
from tests.serve_helpers import Client

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
CALLS = 130  # three pages of 50, every call stored in one unit: one first_seen


@pytest.fixture
def client(tmp_path):
    db_file = tmp_path / "fw.db"
    db = open_db(db_file)
    calls = [
        Sighting(
            source_id="find_a_grant",
            ref=f"call-{n}",
            url=f"https://www.find-government-grants.service.gov.uk/grants/call-{n}",
            title=f"Community energy fund {n}",
            closes_at=NOW + timedelta(days=10 + n % 3),  # ties under every sort here
            amount_max=[50_000, 100_000][n % 2],
            status="open",
            council_eligible="yes",
        )
        for n in range(CALLS)
    ]
    record_sightings(db, calls, run_id=None, now=NOW)
    db.close()
    config = load_config(write_config(tmp_path / "config", []))
    served = Client(make_datasette(db_file, config, now=lambda: NOW))
    yield served
    served.close()


def followed(client: Client, query: str) -> list[str]:
    ids, path = [], f"/fundwatch/opportunities.json?_size=50{query}"
    while path:
        page = client.get(path).json()
        ids += [row[0] for row in page["rows"]]
        nxt = page.get("next")
        path = f"/fundwatch/opportunities.json?_size=50{query}&_next={quote(nxt)}" if nxt else None
    return ids


@pytest.mark.parametrize(
    "query", ["", "&_sort=closes_at", "&_sort_desc=amount_max", "&_search=energy"]
)
def test_following_next_gives_every_call_once(client, query):
    ids = followed(client, query)
    assert len(ids) == CALLS and len(set(ids)) == CALLS


def test_the_streamed_csv_has_every_call_once(client):
    answer = client.get("/fundwatch/opportunities.csv?_stream=on&_size=50")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert len(rows) == CALLS and len({row["id"] for row in rows}) == CALLS


def test_the_first_page_is_still_newest_first(client):
    rows = client.get("/fundwatch/opportunities.json?_shape=array&_size=3").json()
    assert [row["first_seen"] for row in rows] == [NOW.isoformat()] * 3
