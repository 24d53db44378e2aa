"""An API's date-only column given as a zoned midnight (SharePoint and Dynamics: the day's London
midnight in UTC; ArcGIS and many JSON back ends: UTC midnight, often as epoch milliseconds) closes
at the end of that day, not its first minute: a call listed as closing on 31 March read closed from
23:00 on 30 March. The text forms are pinned in tests/cases/dates.yaml; these are the datetime and
epoch forms a source's parser hands over."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from spiders.normalise.date_json import epoch_date
from spiders.normalise.dates import parse_date


@pytest.mark.parametrize(
    "given, closes",
    [
        (datetime(2027, 3, 30, 23, tzinfo=UTC), datetime(2027, 3, 31, 22, 59, tzinfo=UTC)),
        (datetime(2027, 1, 15, tzinfo=UTC), datetime(2027, 1, 15, 23, 59, tzinfo=UTC)),
        (
            datetime(2027, 6, 30, tzinfo=timezone(timedelta(hours=1))),
            datetime(2027, 6, 30, 22, 59, tzinfo=UTC),
        ),
        # Not midnight by either clock: the instant given.
        (datetime(2027, 3, 31, 16, tzinfo=UTC), datetime(2027, 3, 31, 16, tzinfo=UTC)),
    ],
)
def test_a_closing_datetime_at_midnight_is_its_day(given, closes):
    assert parse_date(given, end_of_day=True) == closes


def test_an_opening_midnight_is_the_instant():
    given = datetime(2027, 3, 30, 23, tzinfo=UTC)
    assert parse_date(given) == given


def test_epoch_milliseconds_of_utc_midnight_close_that_day():
    # ArcGIS's date field: 2027-06-30T00:00:00Z in milliseconds since 1970.
    millis = int(datetime(2027, 6, 30, tzinfo=UTC).timestamp() * 1000)
    closes = datetime(2027, 6, 30, 22, 59, tzinfo=UTC)  # 23:59 London time, in summer
    assert parse_date(epoch_date(millis), end_of_day=True) == closes
