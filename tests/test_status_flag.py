"""An api's status given as a flag (isOpen: true/false) is open or not open; "not open" wording
whose opening date is still to come is upcoming, not closed (spiders/api_values.py,
spiders/normalise/status.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from spiders.api_values import field_values
from spiders.normalise.status import normalise_status

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
BEFORE, AFTER = datetime(2026, 9, 1, tzinfo=UTC), datetime(2027, 1, 11, tzinfo=UTC)
LATER = datetime(2027, 3, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    "flag, opens, closes, status",
    [
        (True, BEFORE, LATER, "open"),
        (True, BEFORE, None, "open"),
        (True, BEFORE, datetime(2026, 11, 6, tzinfo=UTC), "closed"),  # a past deadline closes
        (False, AFTER, LATER, "upcoming"),  # not open yet
        (False, BEFORE, None, "closed"),  # opened, no deadline, but no longer open
        (False, BEFORE, LATER, "closed"),  # closed early (fully allocated)
        (False, None, None, "closed"),
    ],
)
def test_a_status_flag_is_open_or_not(flag, opens, closes, status):
    words = field_values("status", flag)["status"]
    assert normalise_status(words, opens, closes, NOW) == status


@pytest.mark.parametrize(
    "words, status",
    [
        ("Not currently accepting applications", "upcoming"),
        ("Closed", "closed"),  # closed says so whatever opens next
        ("Funding fully allocated", "closed"),
    ],
)
def test_not_open_before_its_opening_date_is_upcoming(words, status):
    assert normalise_status(words, AFTER, LATER, NOW) == status
