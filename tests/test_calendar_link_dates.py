"""A deadline written only in an "Add to calendar" link (round 34's calendar_link_deadline): a
closing-date field pointed at the Google Calendar link read 200 characters of address, no date
("4 read but not usable"), so every call was stored with no closing date and no status."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from spiders.normalise.calendar_links import calendar_link_date
from spiders.normalise.dates import parse_date

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
GOOGLE = "https://calendar.google.com/calendar/render?action=TEMPLATE&text=Deadline&dates="


@pytest.mark.parametrize(
    ("link", "closes"),
    [
        (GOOGLE + "20270115T170000Z/20270115T170000Z", "2027-01-15T17:00:00+00:00"),
        (GOOGLE + "20270115T170000Z%2F20270115T180000Z&details=x", "2027-01-15T17:00:00+00:00"),
        # A whole day closes at its end, London time; a local time in its ctz (BST in April).
        (GOOGLE + "20270129/20270130", "2027-01-29T23:59:00+00:00"),
        (GOOGLE + "20270416T170000/20270416T170000&ctz=Europe/London", "2027-04-16T16:00:00+00:00"),
        # A local time with no ctz is the source's clock; an event of days is a window: its end.
        (GOOGLE + "20270601T170000/20270601T170000", "2027-06-01T16:00:00+00:00"),
        (GOOGLE + "20270104/20270327", "2027-03-26T23:59:00+00:00"),
        (
            "https://outlook.live.com/calendar/0/deeplink/compose?subject=Deadline"
            "&startdt=2027-01-15T17%3A00%3A00%2B00%3A00&enddt=2027-01-15T17%3A00%3A00%2B00%3A00",
            "2027-01-15T17:00:00+00:00",
        ),
        (
            "https://outlook.office.com/calendar/action/compose?startdt=2027-02-10&enddt=2027-02-11",
            "2027-02-10T23:59:00+00:00",
        ),
        (
            "https://calendar.yahoo.com/?v=60&title=Deadline&st=20270305T120000Z",
            "2027-03-05T12:00:00+00:00",
        ),
    ],
)
def test_a_calendar_links_event_is_the_date(link, closes):
    assert parse_date(link, end_of_day=True, now=NOW).isoformat() == closes


def test_an_opening_is_the_events_start_and_other_links_are_no_date():
    window = GOOGLE + "20270104/20270327"
    assert parse_date(window, now=NOW).isoformat() == "2027-01-04T00:00:00+00:00"
    assert (
        calendar_link_date("https://www.example.org.uk/grants/x/deadline.ics", closing=True) is None
    )
    assert calendar_link_date(GOOGLE, closing=True) is None  # no dates given
    assert parse_date("https://www.example.org.uk/grants/2027/01/15/", end_of_day=True) is None
