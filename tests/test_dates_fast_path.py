"""The common date forms are read without dateutil, for speed: they must read exactly as dateutil
reads them, on every form and time a page uses."""

from __future__ import annotations

import itertools
from zoneinfo import ZoneInfo

import pytest

from spiders.normalise.date_common import common_form
from spiders.normalise.date_dateutil import read_by_dateutil

LONDON = ZoneInfo("Europe/London")
DAYS = ["1", "4", "04", "4th", "21st", "30"]
MONTHS = ["March", "Mar", "mar", "September", "Sept", "Sep.", "December"]
YEARS = ["2027", "2024"]
TIMES = [
    "",
    "4pm",
    "4:00pm",
    "4.30 pm",
    "11am",
    "12pm",
    "12am",
    "12:30 a.m.",
    "16:00",
    "09.15",
    "at 5pm",
]
LEADS = ["", "Thursday ", "Thu, ", "Friday, "]

CASES = [
    f"{lead}{day} {month} {year}" + (f", {time}" if time and i % 2 else f" {time}" if time else "")
    for i, (lead, day, month, year, time) in enumerate(
        itertools.product(LEADS, DAYS, MONTHS, YEARS, TIMES)
    )
]


@pytest.mark.parametrize("end_of_day", [False, True])
def test_the_fast_path_reads_every_common_form_as_dateutil_does(end_of_day):
    read = 0
    for text in CASES:
        fast = common_form(text, LONDON, end_of_day)
        if fast is None:
            continue
        read += 1
        slow = read_by_dateutil(text, LONDON, end_of_day)
        # dateutil cannot read a dotted 12-hour time ("4.30 pm"); the fast path can, and does.
        assert fast == slow or (slow is None and "." in text.split(" ", 3)[-1]), text
    assert read > len(CASES) * 0.9  # and it does read nearly all of them


@pytest.mark.parametrize(
    "text",
    [
        "31 February 2027",
        "4 Marchy 2027",
        "Closes 4 March 2027",
        "4 March 2027 25:00",
        "4 March 2027 13pm",
    ],
)
def test_what_it_cannot_read_surely_goes_to_dateutil(text):
    assert common_form(text, LONDON, False) is None
