"""The CSV links of the served repository give every call they name, not the first 1,000.

The footer's "CSV" (under Open data, on every page) was `opportunities.csv?_size=max`, and a
list's "This list as data: CSV" Datasette's own `…csv?_size=max`: Datasette answers both with one
page of at most max_returned_rows (1,000), and nothing in the file says it stopped, so on a
national repository the analyst's spreadsheet silently lacked every call past the thousandth.
Datasette's own client, in process.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime

import pytest

from notifier.configuration import load_config
from notifier.web.app import SETTINGS, make_datasette
from storage.db import open_db
from storage.record import record_sightings
from storage.sighting import Sighting
from tests.crawl_helpers import write_config
from tests.serve_helpers import Client

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
CALLS = SETTINGS["max_returned_rows"] + 10


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("csv_whole")
    db = open_db(folder / "fw.db")
    for start in range(0, CALLS, 500):
        page = [
            Sighting(
                source_id="find_a_grant",
                ref=f"call-{n}",
                url=f"https://www.find-government-grants.service.gov.uk/grants/call-{n}",
                title=f"Community {'energy' if n % 2 else 'transport'} fund {n}",
                status="open",
            )
            for n in range(start, min(start + 500, CALLS))
        ]
        record_sightings(db, page, run_id=None, now=NOW)
    db.close()
    config = load_config(write_config(folder / "config", []))
    served = Client(make_datasette(folder / "fw.db", config, now=lambda: NOW))
    yield served
    served.close()


def csv_ids(client: Client, page: str, before: str) -> list[str]:
    """The ids in the CSV its page links to as "CSV", the first such link after `before`."""
    html = client.get(page).text
    link = re.search(rf'{before}.*?<a href="([^"]+\.csv[^"]*)">CSV</a>', html, re.S).group(1)
    answer = client.get(link.replace("&amp;", "&"))
    assert answer.status_code == 200, answer.text[:300]
    return [row["id"] for row in csv.DictReader(io.StringIO(answer.text))]


def test_the_footers_csv_link_gives_every_call(client):
    ids = csv_ids(client, "/", "Open data:")
    assert len(ids) == CALLS and len(set(ids)) == CALLS


def test_a_lists_csv_link_gives_every_call_it_holds_from_any_of_its_pages(client):
    first = "/fundwatch/opportunities?_search=transport"
    holds = client.get(first.replace("?", ".json?")).json()["filtered_table_rows_count"]
    assert holds > SETTINGS["max_returned_rows"] // 2
    ids = csv_ids(client, first, "This list as data:")
    assert len(ids) == holds == len(set(ids))
    later = client.get(first.replace("?", ".json?")).json()["next"]
    assert csv_ids(client, f"{first}&_next={later}", "This list as data:") == ids
