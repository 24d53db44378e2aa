"""A deadline named by its place among the month's weekdays ("the last Friday of January 2027",
"noon on the second Monday of February 2027": a town council's panel calendar, round 41's
weekday_of_month_deadlines) is that day; it read as no date at all."""

from __future__ import annotations

from datetime import UTC, datetime

from spiders.normalise.dates import parse_date
from spiders.normalise.weekday_of_month import weekday_of_month

LONDON = "Europe/London"


def test_a_weekday_by_its_place_in_the_month_is_its_date():
    assert parse_date("the last Friday of January 2027", LONDON, end_of_day=True) == datetime(
        2027, 1, 29, 23, 59, tzinfo=UTC
    )
    assert parse_date(
        "noon on the second Monday of February 2027", LONDON, end_of_day=True
    ) == datetime(2027, 2, 8, 12, tzinfo=UTC)
    assert parse_date(
        "5pm on the first Friday in November 2026", LONDON, end_of_day=True
    ) == datetime(2026, 11, 6, 17, tzinfo=UTC)
    # An opening at the start of its day; a closing in BST at 23:59 London time.
    assert parse_date("the first Monday in March 2027", LONDON) == datetime(2027, 3, 1, tzinfo=UTC)
    assert parse_date("the last Friday in April 2027", LONDON, end_of_day=True) == datetime(
        2027, 4, 30, 22, 59, tzinfo=UTC
    )


def test_no_year_or_no_such_week_is_no_day():
    assert weekday_of_month("the last Friday of each month") == "the last Friday of each month"
    assert weekday_of_month("the last Friday in January") == "the last Friday in January"
    assert weekday_of_month("the 3rd Tuesday of March 2027") == "Tuesday 16 March 2027"
