"""A call's own text saying it closed on a day is its status: sites10 found a council's list item
"Christmas Lights Fund – closed 30 October 2026. Up to £750 for …" stored with no status (the
date is no closing date, as "closed" is never a label in dates_in_text.py, and no status
sentence said "now closed"). Only a bare "closed" opening a sentence or after the name's dash,
with a day and month after it."""

from __future__ import annotations

import pytest

from spiders.normalise.status import summary_status


@pytest.mark.parametrize(
    "summary",
    [
        "Christmas Lights Fund – closed 30 October 2026. Up to £750 for parish councils.",
        "Closed on 12 May 2026. Grants of up to £5,000.",
        "Small grants for clubs. Applications closed at 5pm on Friday 13th November 2026.",
    ],
)
def test_a_call_that_says_it_closed_on_a_day_is_closed(summary):
    assert summary_status(summary) == "closed"


@pytest.mark.parametrize(
    "summary",
    [
        "Round 1 closed on 3 March 2026. Round 2 closes on 3 March 2027.",
        "Since 2019 the fund closed 30 projects early.",
        "Grants for halls – closes 5pm 12 Feb. Up to £3,000.",
        "The fund closed in 2024 and reopens in January.",
    ],
)
def test_another_rounds_closing_or_a_closing_to_come_says_nothing(summary):
    assert summary_status(summary) is None
