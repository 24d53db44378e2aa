"""`fundwatch search --json`: one call a line, as `export --format json` writes each.

It printed the repository's own row: UTC dates (a call opening at midnight on 5 August, British
Summer Time, said `2026-08-04T23:00:00+00:00`, so a date cut from it was the day before), tags and
sources as JSON inside a string, a link whatever its scheme, and internal keys (content_hash,
title_key), unlike every other way the repository is read (README: "store UTC, show
Europe/London"). The real `fundwatch` command is run.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from storage.db import open_db
from storage.record import record_sighting
from storage.sighting import Sighting
from tests.crawl_helpers import fundwatch, write_config

NOW = datetime(2026, 7, 1, 9, tzinfo=UTC)


def test_each_line_is_the_exports_record_with_london_dates(tmp_path):
    config = write_config(tmp_path / "config", [])
    db_file = tmp_path / "fw.db"
    db = open_db(db_file)
    call = Sighting(
        source_id="find_a_grant",
        ref="HEAT-1",
        url="https://www.find-government-grants.service.gov.uk/grants/heat-1",
        title="Heat network zoning pilot",
        funder="Department for Energy Security and Net Zero",
        opens_at=datetime(2026, 8, 4, 23, tzinfo=UTC),  # 5 Aug 2026, 00:00 in London
        closes_at=datetime(2026, 9, 30, 11, tzinfo=UTC),  # 30 Sep 2026, 12:00 in London
        amount_max=250_000,
        status="upcoming",
        tags=("net_zero",),
        council_eligible="yes",
    )
    record_sighting(db, call, run_id=None, now=NOW)
    javascript = call.model_copy(
        update={"ref": "JS", "url": "javascript:alert(1)", "title": "Heat js"}
    )
    record_sighting(db, javascript, run_id=None, now=NOW)
    db.close()

    env = {"FUNDWATCH_NOW": NOW.isoformat()}
    found = fundwatch("search", "heat", "--json", config=config, db=db_file, env=env)
    assert found.returncode == 0, found.stderr
    lines = [json.loads(line) for line in found.stdout.splitlines()]
    exported = fundwatch("export", "--format", "json", config=config, db=db_file, env=env)
    items = {item["id"]: item for item in json.loads(exported.stdout)["items"]}
    assert len(lines) == 2 and all(line == items[line["id"]] for line in lines)

    heat = next(line for line in lines if line["title"] == "Heat network zoning pilot")
    opens = heat["keyDates"]["otherDates"]["appOpens"]
    assert (opens["date"], opens.get("time")) == ("2026-08-05", None)
    closes = heat["keyDates"]["closeDate"]
    assert (closes["date"], closes["time"]) == ("2026-09-30", "12:00:00")
    assert heat["customFields"]["tags"]["value"] == ["net_zero"]
    assert heat["funding"]["maxAwardAmount"] == {"amount": "250000.00", "currency": "GBP"}
    assert "content_hash" not in found.stdout and "javascript:" not in found.stdout
