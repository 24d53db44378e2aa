"""A deadline's own zone words are read, and a zone no one knows is read quietly in the source's
zone: dateutil printed "UnknownTimezoneWarning: tzname UK identified but not understood" on the
curator's terminal for each such date (the cases themselves are in tests/cases/dates.yaml)."""

import warnings

import pytest

from spiders.normalise.dates import parse_date
from spiders.normalise.zone_names import named_zone


@pytest.mark.parametrize(
    "text",
    ["Closes 12 noon UK, 9 Feb 2027", "5pm HKT 9 March 2027", "17:00 ET 9 March 2027"],
)
def test_no_warning_for_a_zone_word(text):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert parse_date(text, end_of_day=True) is not None


def test_unknown_zone_word_keeps_the_source_zone():
    assert parse_date("5pm HKT 9 March 2027", "Europe/London").isoformat() == (
        "2027-03-09T17:00:00+00:00"
    )


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("16 April 2027 17:00 Brussels time", "Europe/Brussels"),
        ("16 April 2027 (Europe/Paris)", "Europe/Paris"),
        ("4pm UTC+1, 16 April 2027", "Etc/GMT-1"),
        ("4pm UTC-5, 16 April 2027", "Etc/GMT+5"),
        ("4pm UTC+0, 16 April 2027", "UTC"),
        ("16 April 2027 (Mars/Olympus)", "Europe/London"),  # no such zone: the source's
        ("5pm GMT - 5 March 2027", "Europe/London"),  # a window's dash, no offset
        ("16/04/2027 5pm", "Europe/London"),
        ("North Eastern time-limited fund closes 5 March 2027", "Europe/London"),  # no clock
    ],
)
def test_named_zone(text, zone):
    assert named_zone(text, "Europe/London")[1] == zone
