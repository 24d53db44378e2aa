"""The one reading of a Retry-After value, shared by the crawl's middleware, `sources try` and the
Slack and Teams channels (each then applies its own default and limit)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from spiders.retry_after import read_retry_after

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120.0),
        (b" 7 ", 7.0),
        ("1.5", 1.5),
        ("-5", 0.0),  # never a wait into the past
        ("Wed, 25 Nov 2026 09:02:00 GMT", 120.0),
        ("Wed, 25 Nov 2026 08:58:00 GMT", 0.0),
        ("Wed, 25 Nov 2026 09:02:00", None),  # no zone: nothing to count from
        ("nan", None),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_seconds_or_a_date_counted_from_now(value, seconds):
    assert read_retry_after(value, NOW) == seconds


def test_a_date_needs_a_clock_but_a_number_does_not():
    assert read_retry_after("Wed, 25 Nov 2026 09:02:00 GMT", None) is None
    assert read_retry_after("30", None) == 30.0
