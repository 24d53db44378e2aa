"""Calendars and feeds carry openings as well as deadlines: a call still to open has its own
"Opens: …" event with its own stable UID beside its deadline, in `fundwatch export` and in the served
feeds; the Atom feed says when a newly announced call opens."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from datetime import UTC, datetime

from icalendar import Calendar

from notifier.alerts import Labels
from notifier.configuration import load_config
from notifier.export.build import Links, build, opportunity_ics
from notifier.export.scope import ALL
from notifier.web.app import make_datasette
from spiders.sources import SNAPSHOT_NOW
from tests.crawl_helpers import ROOT
from tests.radar_helpers import crawled_repository

LIVING_LABS = "Transport decarbonisation living labs"  # UKRI: opens 12 Jan 2027 9am, closes 16 Mar


def events(body: bytes) -> dict[str, dict]:
    out = {}
    for event in Calendar.from_ical(body).walk("VEVENT"):
        out[str(event["UID"])] = {
            "summary": str(event["SUMMARY"]),
            "start": event.decoded("DTSTART"),
            "sequence": int(event["SEQUENCE"]),
        }
    return out


def opportunity_id(db, title: str) -> str:
    (found,) = [r["id"] for r in db["opportunities"].rows if r["title"] == title]
    return found


def test_a_call_still_to_open_has_an_opening_event_with_its_own_uid(tmp_path):
    db = crawled_repository(tmp_path, "ukri_opportunities", "find_a_tender")
    labs = opportunity_id(db, LIVING_LABS)
    calendar = events(build("ics", db.conn, ALL, Labels(), SNAPSHOT_NOW).content)
    opening, deadline = calendar[f"{labs}-opens@fundwatch"], calendar[f"{labs}@fundwatch"]
    assert opening["summary"] == f"Opens: {LIVING_LABS}"
    assert opening["start"] == datetime(2027, 1, 12, 9, tzinfo=UTC)
    assert deadline["summary"] == f"Deadline: {LIVING_LABS}"
    # Find a Tender's planned procurement (UK3) has no deadline yet, only its opening
    greenwich = opportunity_id(db, "Smart Street Lighting Central Management System")
    assert calendar[f"{greenwich}-opens@fundwatch"]["start"] == datetime(2027, 2, 1, 9, tzinfo=UTC)
    assert f"{greenwich}@fundwatch" not in calendar
    # calls already open have no opening event
    opened = [uid for uid, e in calendar.items() if uid.endswith("-opens@fundwatch")]
    assert len(opened) == 4  # 14 Dec and 12 Jan on UKRI; the UK1 and UK3 notices
    # once it has opened, its opening event leaves the calendar; the deadline stays
    later = events(build("ics", db.conn, ALL, Labels(), datetime(2027, 1, 13, tzinfo=UTC)).content)
    assert f"{labs}-opens@fundwatch" not in later and f"{labs}@fundwatch" in later


def test_the_opening_uid_is_stable_when_the_date_moves(tmp_path):
    db = crawled_repository(tmp_path, "ukri_opportunities")
    labs = opportunity_id(db, LIVING_LABS)
    first = events(build("ics", db.conn, ALL, Labels(), SNAPSHOT_NOW).content)
    db["opportunities"].update(labs, {"opens_at": "2027-01-19T09:00:00+00:00", "version": 2})
    moved = events(build("ics", db.conn, ALL, Labels(), SNAPSHOT_NOW).content)
    uid = f"{labs}-opens@fundwatch"
    assert set(first) == set(moved)
    assert moved[uid]["start"] == datetime(2027, 1, 19, 9, tzinfo=UTC)
    assert moved[uid]["sequence"] > first[uid]["sequence"]
    one = events(opportunity_ics(db.conn, labs, Labels(), Links(), SNAPSHOT_NOW).content)
    assert set(one) == {uid, f"{labs}@fundwatch"}  # the same UIDs as in every feed


def test_one_calls_calendar_drops_its_opening_once_the_date_passes(tmp_path):
    # The status stored at the last crawl still says `upcoming`: the date decides, as in the feed.
    db = crawled_repository(tmp_path, "ukri_opportunities")
    labs = opportunity_id(db, LIVING_LABS)
    assert db["opportunities"].get(labs)["status"] == "upcoming"
    after = datetime(2027, 1, 13, tzinfo=UTC)
    one = events(opportunity_ics(db.conn, labs, Labels(), Links(), after).content)
    assert set(one) == {f"{labs}@fundwatch"}
    whole = events(build("ics", db.conn, ALL, Labels(), after).content)
    assert {uid for uid in whole if uid.startswith(labs)} == set(one)


def test_the_atom_feed_says_when_a_new_call_opens(tmp_path):
    db = crawled_repository(tmp_path, "ukri_opportunities")
    feed = build("atom", db.conn, ALL, Labels(), SNAPSHOT_NOW).content.decode()
    assert f"New, opens 12 Jan 2027: {LIVING_LABS}" in feed
    assert "Opens: 12 Jan 2027, 9:00am" in feed


def test_the_served_calendar_carries_openings(tmp_path):
    db = crawled_repository(tmp_path, "ukri_opportunities")
    labs = opportunity_id(db, LIVING_LABS)
    db.close()
    datasette = make_datasette(
        tmp_path / "fundwatch.db", load_config(ROOT / "config"), now=lambda: SNAPSHOT_NOW
    )
    loop = asyncio.new_event_loop()
    try:
        response = loop.run_until_complete(datasette.client.get("/-/feeds/all.ics"))
    finally:
        for database in datasette.databases.values():
            database.close()
        loop.close()
    assert response.status_code == 200
    assert f"{labs}-opens@fundwatch" in events(response.content)


def test_json_and_csv_say_what_kind_of_notice_a_call_is_and_who_buys(tmp_path):
    db = crawled_repository(tmp_path, "ukri_opportunities", "find_a_tender")
    greenwich = opportunity_id(db, "Smart Street Lighting Central Management System")
    labs = opportunity_id(db, LIVING_LABS)
    document = json.loads(build("json", db.conn, ALL, Labels(), SNAPSHOT_NOW).content)
    custom = {
        i["customFields"]["fundwatchId"]["value"]: i["customFields"] for i in document["items"]
    }
    assert custom[greenwich]["kind"]["value"] == "planned_procurement"
    assert custom[greenwich]["buyer"]["value"] == "Royal Borough of Greenwich"
    assert custom[greenwich]["buyerIsCouncil"]["value"] is True
    assert (custom[labs]["kind"]["value"], custom[labs]["buyer"]["value"]) == ("funding", None)
    text = build("csv", db.conn, ALL, Labels(), SNAPSHOT_NOW).content.decode()
    sheet = {r["fundwatchId"]: r for r in csv.DictReader(io.StringIO(text))}
    assert (sheet[greenwich]["kind"], sheet[greenwich]["buyer"]) == (
        "planned_procurement",
        "Royal Borough of Greenwich",
    )
    assert (sheet[labs]["kind"], sheet[labs]["buyer"], sheet[labs]["round"]) == ("funding", "", "")
