"""A status given only as CSS classes (spiders/normalise/class_words.py, via normalise_status)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from spiders.normalise.class_words import class_words
from spiders.normalise.status import normalise_status

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("classes", "status"),
    [
        # A community foundation's amber card with no date: read no status as first written.
        ("card card--coming-soon", "upcoming"),
        ("card card--closed", "closed"),
        ("grant is-opening-soon", "upcoming"),
        ("card status_open", "open"),
    ],
)
def test_a_cards_modifier_class_is_its_status(classes, status):
    assert normalise_status(classes, None, None, NOW) == status


def test_words_people_read_are_left_as_written():
    assert class_words("Open – rolling") == "Open – rolling"
    assert class_words("re-opening in spring") == "re-opening in spring"
    assert class_words("card card--coming-soon") == "card card coming soon"
