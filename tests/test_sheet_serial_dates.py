"""A sheet-backed API's date cell not formatted as a date is the spreadsheet's serial day (days since
30 December 1899, a fraction the time of day), as text or a number: read in the source's zone, a
day alone closing at 23:59 (spiders/normalise/date_json.py's sheet_serial_date, used by
spiders/api_values.py). Round 23's opensheet site stored no date for four of its five calls."""

from __future__ import annotations

import pytest

from spiders.api_values import field_values
from spiders.normalise.date_json import sheet_serial_date
from spiders.normalise.dates import parse_date


@pytest.mark.parametrize(
    "value, end_of_day, utc",
    [
        ("46418", True, "2027-01-31T23:59:00+00:00"),  # a day alone closes at its end
        (46418, True, "2027-01-31T23:59:00+00:00"),  # the Sheets API's unformatted number
        ("46444.5", True, "2027-02-26T12:00:00+00:00"),  # noon
        ("46477", True, "2027-03-31T22:59:00+00:00"),  # BST
        ("46398", False, "2027-01-11T00:00:00+00:00"),  # an opening day starts at midnight
        ("46209", False, "2026-07-05T23:00:00+00:00"),
    ],
)
def test_a_spreadsheet_serial_day_is_a_date(value, end_of_day, utc):
    name = "closes" if end_of_day else "opens"
    read = field_values(name, value)[name]
    assert parse_date(read, end_of_day=end_of_day).isoformat() == utc


@pytest.mark.parametrize(
    "value", ["20270131", "1801224000", "2027", "365", "12345", "99999", "46418 days", True, None]
)
def test_other_figures_are_no_serial_day(value):
    assert sheet_serial_date(value) is None


def test_a_serial_in_another_field_is_still_text():
    assert field_values("ref", "46418") == {"ref": "46418"}
    assert field_values("title", "46418") == {"title": "46418"}
