"""An iCalendar (.ics) answer to a `feed` source is a calendar of deadlines, each event one call
(spiders/ics_feed.py, read by spiders/feed.py). Before round 23 it was "malformed feed …
SAXParseException" and nothing was stored (tests/sites/ics_deadline_calendar)."""

from __future__ import annotations

import pytest

from spiders.ics_feed import calendar_calls, is_calendar
from spiders.normalise.dates import parse_date


def calendar(*events: str) -> bytes:
    body = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"]
    for event in events:
        body += ["BEGIN:VEVENT", "UID:u", "SUMMARY:Fund", *event.split("|"), "END:VEVENT"]
    return ("\r\n".join([*body, "END:VCALENDAR"]) + "\r\n").encode()


@pytest.mark.parametrize(
    "lines, opens, closes",
    [
        # A deadline at a time: a zero-length or short event closes when it starts.
        ("DTSTART;TZID=Europe/London:20270129T170000|DTEND;TZID=Europe/London:20270129T180000",
         None, "2027-01-29T17:00:00+00:00"),
        ("DTSTART:20270331T160000Z", None, "2027-03-31T16:00:00+00:00"),
        # Floating (no zone): London time, BST here.
        ("DTSTART:20270331T170000|DURATION:PT0M", None, "2027-03-31T16:00:00+00:00"),
        # All day: DTEND is the next day, exclusive; a date alone closes at 23:59.
        ("DTSTART;VALUE=DATE:20261211|DTEND;VALUE=DATE:20261212", None, "2026-12-11T23:59:00+00:00"),
        ("DTSTART;VALUE=DATE:20261211", None, "2026-12-11T23:59:00+00:00"),
        # Spanning days: the application window.
        ("DTSTART;VALUE=DATE:20270111|DTEND;VALUE=DATE:20270313",
         "2027-01-11T00:00:00+00:00", "2027-03-12T23:59:00+00:00"),
        ("DTSTART:20270111T090000Z|DTEND:20270312T170000Z",
         "2027-01-11T09:00:00+00:00", "2027-03-12T17:00:00+00:00"),
    ],
)  # fmt: skip
def test_an_events_dates_are_its_deadline_or_its_window(lines, opens, closes):
    (call,) = calendar_calls(calendar(lines))
    read_opens = call.get("opens") and parse_date(call["opens"], end_of_day=False).isoformat()
    assert read_opens == opens
    assert parse_date(call["closes"], end_of_day=True).isoformat() == closes


def test_an_events_words_link_and_id():
    event = (
        "DTSTART:20270226T120000|DESCRIPTION:Grants of up to £2\\,500.\\nMore information: "
        "https://www.example.org.uk/grants/doors/.\\nWho can apply: churches."
    )
    (call,) = calendar_calls(calendar(event))
    assert call["title"] == "Fund" and call["ref"] == "u"
    assert call["url"] == "https://www.example.org.uk/grants/doors/"  # no URL: the description's
    assert call["summary"].startswith("Grants of up to £2,500.\nMore information")
    with_url = calendar(event + "|URL:https://www.example.org.uk/event/doors/")
    assert calendar_calls(with_url)[0]["url"] == "https://www.example.org.uk/event/doors/"


def test_a_cancelled_event_is_no_call():
    body = calendar("DTSTART:20270108T120000Z|STATUS:CANCELLED", "DTSTART:20270109T120000Z")
    assert len(calendar_calls(body)) == 1


def test_an_event_whose_dates_do_not_read_keeps_its_other_fields():
    body = calendar(
        "DTSTART;VALUE=DATE:2027|URL:https://www.example.org.uk/a", "DTSTART:20270109T120000Z"
    )
    broken, fine = calendar_calls(body)
    assert broken["url"] == "https://www.example.org.uk/a" and "closes" not in broken
    assert fine["closes"] == "2027-01-09T12:00+00:00"
    # An all-day start with a timed end: the day it starts.
    (mixed,) = calendar_calls(calendar("DTSTART;VALUE=DATE:20270108|DTEND:20270110T120000Z"))
    assert mixed == {**mixed, "closes": "2027-01-08"} and "opens" not in mixed


def test_what_is_a_calendar():
    assert is_calendar(calendar("DTSTART:20270108T120000Z"))
    assert is_calendar(b"\xef\xbb\xbf\r\nBEGIN:VCALENDAR\r\n")
    assert not is_calendar(b'<?xml version="1.0"?><rss version="2.0"></rss>')
    with pytest.raises(ValueError):
        calendar_calls(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:notadate\r\n")
