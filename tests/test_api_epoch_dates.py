"""An api's date given as a JSON number is epoch milliseconds or seconds, UTC, told apart by size
(spiders/normalise/date_json.py's epoch_date, used by spiders/api_values.py)."""

from __future__ import annotations

import pytest

from spiders.api_values import field_values
from spiders.normalise.date_json import epoch_date
from spiders.normalise.dates import parse_date


@pytest.mark.parametrize(
    "value, utc",
    [
        (1801224000000, "2027-01-29T12:00:00+00:00"),  # milliseconds, Java's and JavaScript's
        (1801224000, "2027-01-29T12:00:00+00:00"),  # seconds, a Unix timestamp
        (1801224000000.0, "2027-01-29T12:00:00+00:00"),
    ],
)
def test_a_number_for_a_date_is_read_as_epoch_time(value, utc):
    closes = field_values("closes", value)["closes"]
    assert parse_date(closes, end_of_day=True).isoformat() == utc


@pytest.mark.parametrize("value", [20270226, 2027, 0, -1, True, 5 * 10**13])
def test_a_number_that_is_no_timestamp_is_not_made_one(value):
    assert epoch_date(value) is None


def test_a_number_in_another_field_is_still_text():
    assert field_values("ref", 1801224000000) == {"ref": "1801224000000"}
