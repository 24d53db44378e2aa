"""`fundwatch export --format json|csv`: every live call, stable ids, CommonGrants field names,
filters by tag and subscription, a file written whole, and hostile text kept inert."""

from __future__ import annotations

import csv
import io
import json
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

from notifier.cli import cli
from notifier.export.records import CSV_COLUMNS, common_id
from storage.db import open_db
from tests.web_helpers import (
    FORMULA_FUNDER,
    HOSTILE,
    export_site,
    move_deadline,
    run_export,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def site(tmp_path, monkeypatch):
    return export_site(tmp_path, monkeypatch)


def export(site, *args: str) -> str:
    return run_export(site, *args).stdout


def items(site, *args: str) -> list[dict]:
    return json.loads(export(site, "--format", "json", *args))["items"]


def test_json_has_every_live_call_with_commongrants_fields(site):
    _, _, ids = site
    document = json.loads(export(site, "--format", "json"))
    assert document["licence"]["name"] == "Open Government Licence v3.0"
    assert document["count"] == len(ids) == len(document["items"])
    heat = next(i for i in document["items"] if i["title"] == "Heat network zoning pilot")
    assert set(heat) >= {"id", "title", "description", "status", "funding", "keyDates", "source"}
    assert heat["status"]["value"] == "open"
    assert heat["funding"]["minAwardAmount"] == {"amount": "10000.00", "currency": "GBP"}
    assert heat["funding"]["maxAwardAmount"] == {"amount": "50000.00", "currency": "GBP"}
    close = heat["keyDates"]["closeDate"]
    assert (close["date"], close["time"], close["eventType"]) == (
        "2027-01-12",
        "16:00:00",
        "singleDate",
    )
    assert heat["keyDates"]["otherDates"]["appOpens"]["date"] == "2026-11-01"
    assert heat["source"] == "https://www.ukri.org/opportunity/heat-network-zoning/"
    assert heat["createdAt"] == "2026-11-25T09:00:00Z"
    custom = heat["customFields"]
    assert custom["fundwatchId"]["value"] == ids["Heat network zoning pilot"]
    assert custom["councilEligible"]["value"] == "yes"
    assert custom["tagLabels"]["value"] == ["Net zero & climate"]
    seen = {s["id"]: s for s in custom["sources"]["value"]}
    assert set(seen) == {"ukri", "find_a_grant"} and seen["ukri"]["name"] == "UKRI Funding Finder"
    assert uuid.UUID(heat["id"]).version == 5
    closed = next(i for i in document["items"] if i["title"] == "Old housing call")
    assert closed["status"]["value"] == "closed"


def test_ids_are_stable_across_runs_and_changes(site):
    _, db_path, ids = site
    first = {i["customFields"]["fundwatchId"]["value"]: i["id"] for i in items(site)}
    assert export(site, "--format", "json") == export(site, "--format", "json")
    db = open_db(db_path)
    move_deadline(db)  # a change to a call never changes its id
    db.close()
    second = {i["customFields"]["fundwatchId"]["value"]: i["id"] for i in items(site)}
    assert first == second == {oid: common_id(oid) for oid in ids.values()}
    rows = list(csv.DictReader(io.StringIO(export(site, "--format", "csv"))))
    assert {r["fundwatchId"]: r["id"] for r in rows} == first
    assert export(site, "--format", "csv") == export(site, "--format", "csv")


def test_csv_columns_are_the_documented_schema(site):
    text = export(site, "--format", "csv")
    reader = csv.DictReader(io.StringIO(text))
    assert tuple(reader.fieldnames) == CSV_COLUMNS
    heat = next(r for r in reader if r["title"] == "Heat network zoning pilot")
    assert heat["closeDate"] == "2027-01-12T16:00:00+00:00"
    assert (heat["minAwardAmount"], heat["currency"], heat["tags"]) == (
        "10000.00",
        "GBP",
        "net_zero",
    )
    assert heat["sources"] == "ukri;find_a_grant"
    schema = (ROOT / "notifier" / "export" / "SCHEMA.md").read_text()
    for column in CSV_COLUMNS:
        assert f"`{column}`" in schema, f"SCHEMA.md does not document {column}"


def test_tag_and_subscription_narrow_the_export(site):
    assert {i["title"] for i in items(site, "--tag", "digital")} == {"Local Digital Fund round 8"}
    housing = {i["title"] for i in items(site, "--tag", "housing")}
    assert housing == {"Old housing call", "Rolling housing programme"}
    # climate_team: net zero calls a council can apply for or join
    climate = {i["title"] for i in items(site, "--subscription", "climate_team")}
    assert climate == {
        "Heat network zoning pilot",
        HOSTILE.replace("\x1b", "").replace("\u202e", ""),
    }


def test_unknown_tag_or_subscription_names_the_known_ones(site):
    config, db_path, _ = site
    result = CliRunner().invoke(
        cli,
        [
            "--config",
            str(config),
            "--db",
            str(db_path),
            "export",
            "--format",
            "ics",
            "--tag",
            "netzero",
        ],
    )
    assert result.exit_code == 2
    assert "unknown tag 'netzero'" in result.output and "net_zero" in result.output
    # The option given, not both (walk12: "Invalid value for --tag/--subscription").
    assert "Invalid value for --tag: unknown tag" in result.output, result.output


def test_output_writes_the_file_whole(site, tmp_path):
    target = tmp_path / "calendar" / "deadlines.ics"
    target.parent.mkdir()
    target.write_text("old")
    assert export(site, "--format", "ics", "--output", str(target)) == ""
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert [p.name for p in target.parent.iterdir()] == ["deadlines.ics"]  # no temporary left


def test_hostile_text_stays_text_in_json_and_csv(site):
    evil = next(i for i in items(site) if "Evil" in i["title"])
    assert evil["title"].startswith('<script>alert("x")</script> Evil & "quoted"')
    assert "\u202e" not in evil["title"] and "\x1b" not in evil["title"]
    assert evil["source"] == "https://www.find-government-grants.service.gov.uk/grants/evil"
    row = next(
        r
        for r in csv.DictReader(io.StringIO(export(site, "--format", "csv")))
        if "Evil" in r["title"]
    )
    assert row["funder"] == "'" + FORMULA_FUNDER  # a spreadsheet shows it, never runs it
