"""`fundwatch export --format atom|ics`: a valid Atom feed of new and changed calls, newest first,
and a calendar of closing dates that updates in place when a date moves."""

from __future__ import annotations

from datetime import UTC, date, datetime
from xml.etree import ElementTree

import feedparser
import pytest
from icalendar import Calendar

from notifier.export.atom import Entry, atom_feed
from storage.db import open_db
from storage.record import record_sighting
from storage.sighting import Sighting
from tests.web_helpers import HOSTILE, LATER, export_site, move_deadline, run_export


@pytest.fixture
def site(tmp_path, monkeypatch):
    return export_site(tmp_path, monkeypatch)


def export(site, *args: str) -> bytes:
    return run_export(site, *args).stdout_bytes


def events(site, *args: str) -> dict[str, dict]:
    calendar = Calendar.from_ical(export(site, "--format", "ics", *args))
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_atom_lists_new_and_changed_calls_newest_first(site):
    _, db_path, ids = site
    db = open_db(db_path)
    move_deadline(db)
    db.close()
    raw = export(site, "--format", "atom")
    feed = feedparser.parse(raw)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "fundwatch: All funding"
    titles = [e.title for e in feed.entries]
    assert titles[0] == "Updated: Heat network zoning pilot"
    assert "New: Heat network zoning pilot" in titles and len(titles) == 6
    updated = [e.updated_parsed for e in feed.entries]
    assert updated == sorted(updated, reverse=True)
    changed = feed.entries[0]
    assert "Closing date: 12 Jan 2027, 4:00pm → 26 Jan 2027, 4:00pm" in changed.summary
    assert "Councils can apply" in changed.summary
    assert changed.link == "https://www.ukri.org/opportunity/heat-network-zoning/"
    assert changed.updated == "2026-12-03T10:00:00Z"
    assert {t.term for t in changed.tags} == {"net_zero"}
    # ids are stable: the same file twice, every entry its own id
    assert export(site, "--format", "atom") == raw
    assert len({e.id for e in feed.entries}) == 6
    assert ids["Heat network zoning pilot"]  # the page link needs --base-url
    linked = feedparser.parse(export(site, "--format", "atom", "--base-url", "http://x.test/"))
    pages = [link.href for link in linked.entries[0].links if link.rel == "related"]
    assert pages == [f"http://x.test/opportunity/{ids['Heat network zoning pilot']}"]


def test_atom_narrows_by_tag_and_subscription(site):
    digital = feedparser.parse(export(site, "--format", "atom", "--tag", "digital"))
    assert [e.title for e in digital.entries] == ["New: Local Digital Fund round 8"]
    assert digital.feed.title == "fundwatch: Digital & data"
    climate = feedparser.parse(export(site, "--format", "atom", "--subscription", "climate_team"))
    assert len(climate.entries) == 2 and climate.feed.title == "fundwatch: Climate team"


def test_atom_links_only_http_and_hostile_text_is_text(site):
    raw = export(site, "--format", "atom")
    assert b"<script>" not in raw and b"&lt;script&gt;" in raw and b"\x1b" not in raw
    evil = next(e for e in feedparser.parse(raw).entries if "Evil" in e.title)
    assert evil.title.startswith('New: <script>alert("x")</script> Evil & "quoted"')
    feed = atom_feed(
        feed_id="urn:x",
        title="t",
        subtitle="s",
        updated=datetime(2026, 1, 1, tzinfo=UTC),
        entries=[
            Entry(
                id="urn:e",
                title="x",
                updated=datetime(2026, 1, 1, tzinfo=UTC),
                summary="",
                link="javascript:alert(1)",
                related="data:text/html,x",
            )  # fmt: skip
        ],
    )
    assert b"javascript" not in feed and b"data:" not in feed and b"<link" not in feed
    assert not feedparser.parse(feed).bozo


def test_ics_has_one_event_per_open_call(site):
    _, _, ids = site
    found = events(site)
    heat, digital = ids["Heat network zoning pilot"], ids["Local Digital Fund round 8"]
    evil = ids[HOSTILE]
    assert set(found) == {f"{heat}@fundwatch", f"{digital}@fundwatch", f"{evil}@fundwatch"}
    event = found[f"{heat}@fundwatch"]
    start = event.decoded("DTSTART")
    assert (start.isoformat(), str(start.tzinfo)) == ("2027-01-12T16:00:00+00:00", "Europe/London")
    assert event["SEQUENCE"] == 1
    assert "Councils can apply" in str(event["DESCRIPTION"])
    assert "https://www.ukri.org/opportunity/heat-network-zoning/" in str(event["DESCRIPTION"])
    assert str(event["URL"]) == "https://www.ukri.org/opportunity/heat-network-zoning/"
    assert str(event["SUMMARY"]) == "Deadline: Heat network zoning pilot"
    all_day = found[f"{digital}@fundwatch"]  # "5 December" with no time: a day, not 23:59
    assert all_day.decoded("DTSTART") == date(2026, 12, 5)
    assert all_day.decoded("DTEND") == date(2026, 12, 6)
    assert "Councils can take part as partners" in str(all_day["DESCRIPTION"])


def test_ics_event_moves_in_place_with_a_higher_sequence(site):
    _, db_path, ids = site
    uid = f"{ids['Heat network zoning pilot']}@fundwatch"
    before = events(site)[uid]
    db = open_db(db_path)
    move_deadline(db)
    db.close()
    after = events(site)[uid]
    assert before.decoded("DTSTART").date() == date(2027, 1, 12)
    assert after.decoded("DTSTART").date() == date(2027, 1, 26)
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after.decoded("DTSTAMP") > before.decoded("DTSTAMP")
    assert export(site, "--format", "ics") == export(site, "--format", "ics")  # stable bytes


def test_ics_narrows_and_keeps_hostile_titles_as_text(site):
    _, _, ids = site
    assert set(events(site, "--tag", "digital")) == {
        f"{ids['Local Digital Fund round 8']}@fundwatch"
    }
    climate = events(site, "--subscription", "climate_team")
    assert len(climate) == 2
    evil = climate[f"{ids[HOSTILE]}@fundwatch"]
    summary = str(evil["SUMMARY"])
    assert summary.startswith('Deadline: <script>alert("x")</script> Evil & "quoted"')
    assert "\x1b" not in summary and "\u202e" not in summary
    assert Calendar.from_ical(export(site, "--format", "ics")).walk("VTIMEZONE")


def test_ics_descriptions_name_only_http_links(site):
    """A calendar shows its DESCRIPTION's addresses as links (Outlook, Google Calendar): the funder's
    page goes in only when it is one the calendar's URL property would carry."""
    _, db_path, _ = site
    db = open_db(db_path)
    for ref, url in (("JS", "javascript:alert(1)"), ("Q", 'https://a.example/b"onclick=alert(1)')):
        call = dict(ref=ref, url=url, title=f"Unsafe link {ref}", status="open", tags=("net_zero",))
        call["closes_at"] = datetime(2026, 12, 21, 12, tzinfo=UTC)
        record_sighting(db, Sighting(source_id="find_a_grant", **call), run_id=None, now=LATER)
    db.close()
    found = {
        str(e["SUMMARY"]): e
        for e in Calendar.from_ical(export(site, "--format", "ics")).walk("VEVENT")
    }
    for ref in ("JS", "Q"):
        text = str(found[f"Deadline: Unsafe link {ref}"]["DESCRIPTION"])
        assert "Funder's page" not in text and "alert(1)" not in text, text
    heat = str(found["Deadline: Heat network zoning pilot"]["DESCRIPTION"])
    assert "Funder's page: https://www.ukri.org/opportunity/heat-network-zoning/" in heat


def test_every_atom_entry_has_an_alternate_link_or_content(site):
    """RFC 4287 4.1.1: an entry with no atom:content must have a link rel=alternate. A call whose
    address is withheld (not http(s)) has none, so its words go in as its content."""
    _, db_path, _ = site
    db = open_db(db_path)
    call = dict(ref="JS", url="javascript:alert(1)", title="Unsafe link", tags=("net_zero",))
    record_sighting(db, Sighting(source_id="find_a_grant", **call), run_id=None, now=LATER)
    db.close()
    raw = export(site, "--format", "atom")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = ElementTree.fromstring(raw).findall("a:entry", ns)
    for entry in entries:
        alternate = entry.findall("a:link[@rel='alternate']", ns)
        content = entry.find("a:content", ns)
        assert alternate or content is not None, ElementTree.tostring(entry)[:300]
    unsafe = next(e for e in feedparser.parse(raw).entries if e.title == "New: Unsafe link")
    assert unsafe.content[0].value == unsafe.summary and "javascript" not in raw.decode()
    assert not feedparser.parse(raw).bozo
