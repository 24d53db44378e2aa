"""Feeds at stable URLs: each subscription's and each tag's Atom feed and ICS calendar, answering
conditional requests with 304 so a calendar or feed reader subscribes once and polls cheaply."""

from __future__ import annotations

from email.utils import format_datetime, parsedate_to_datetime

import feedparser
import pytest
from icalendar import Calendar

from storage.db import open_db
from tests.serve_helpers import SERVED_NOW, served
from tests.web_helpers import HOSTILE, london, move_deadline


@pytest.fixture
def client(tmp_path):
    running, ids = served(tmp_path)
    running.ids = ids
    running.db_path = tmp_path / "fundwatch.db"
    yield running
    running.close()


def test_the_feeds_page_lists_every_team_and_topic(client):
    page = client.get("/-/feeds")
    assert page.status_code == 200
    for path in (
        "/-/feeds/all.ics",
        "/-/feeds/subscription/climate_team.ics",
        "/-/feeds/subscription/digital_team.atom",
        "/-/feeds/tag/net_zero.ics",
        "/-/feeds/tag/housing.atom",
    ):
        assert f"http://localhost{path}" in page.text, path
    assert "webcal://localhost/-/feeds/subscription/climate_team.ics" in page.text
    assert "climate@example.gov.uk" not in page.text  # who gets the alerts stays private


def test_subscription_and_tag_feeds_carry_their_calls(client):
    calendar = client.get("/-/feeds/subscription/climate_team.ics")
    assert calendar.status_code == 200
    assert calendar.headers["content-type"] == "text/calendar; charset=utf-8"
    uids = {str(e["UID"]) for e in Calendar.from_ical(calendar.content).walk("VEVENT")}
    expected = {client.ids["Heat network zoning pilot"], client.ids[HOSTILE]}
    assert uids == {f"{i}@fundwatch" for i in expected}
    atom = client.get("/-/feeds/tag/digital.atom")
    assert atom.headers["content-type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(atom.content)
    assert not feed.bozo and [e.title for e in feed.entries] == ["New: Local Digital Fund round 8"]
    page = [link.href for link in feed.entries[0].links if link.rel == "related"]
    assert page == [f"http://localhost/opportunity/{client.ids['Local Digital Fund round 8']}"]
    assert any(link.rel == "self" for link in feed.feed.links)
    assert client.get("/-/feeds/tag/no_such_tag.ics").status_code == 404
    assert client.get("/-/feeds/subscription/nobody.atom").status_code == 404


@pytest.mark.parametrize("path", ["/-/feeds/tag/net_zero.ics", "/-/feeds/all.atom"])
def test_an_unchanged_feed_answers_304(client, path):
    first = client.get(path)
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert first.status_code == 200 and etag.startswith('"')
    assert parsedate_to_datetime(modified).year == 2026
    again = client.get(path, **{"if-none-match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    assert client.get(path, **{"if-none-match": f'W/{etag}, "other"'}).status_code == 304
    assert client.get(path, **{"if-modified-since": modified}).status_code == 304
    # If-None-Match wins over If-Modified-Since (RFC 9110): a different tag means a new body.
    stale = client.get(path, **{"if-none-match": '"old"', "if-modified-since": modified})
    assert stale.status_code == 200 and stale.content == first.content


def test_a_changed_feed_answers_200_with_a_new_etag(client):
    path = "/-/feeds/tag/net_zero.ics"
    first = client.get(path)
    modified = parsedate_to_datetime(first.headers["last-modified"])
    db = open_db(client.db_path)
    move_deadline(db, london(2027, 2, 2, 12, 0), SERVED_NOW)  # it moves again: a new version
    db.close()
    earlier = format_datetime(modified, usegmt=True)
    after = client.get(
        path, **{"if-none-match": first.headers["etag"], "if-modified-since": earlier}
    )
    assert after.status_code == 200 and after.headers["etag"] != first.headers["etag"]
    assert parsedate_to_datetime(after.headers["last-modified"]) > modified
    heat = f"{client.ids['Heat network zoning pilot']}@fundwatch"
    event = next(e for e in Calendar.from_ical(after.content).walk("VEVENT") if e["UID"] == heat)
    assert event["SEQUENCE"] == 3


def test_one_call_as_a_calendar_and_hostile_titles_as_text(client):
    evil = client.ids[HOSTILE]
    single = client.get(f"/opportunity/{evil}.ics")
    assert single.status_code == 200
    (event,) = Calendar.from_ical(single.content).walk("VEVENT")
    assert str(event["UID"]) == f"{evil}@fundwatch"
    assert str(event["SUMMARY"]).startswith('Deadline: <script>alert("x")</script>')
    atom = client.get("/-/feeds/all.atom").content
    assert b"<script>" not in atom and b"&lt;script&gt;" in atom
    assert not feedparser.parse(atom).bozo
