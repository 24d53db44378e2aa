"""One field named for both `opens` and `closes` (a Drupal daterange "Closing date", an events
plugin's date line): a window gives both ends; one date is only when the call closes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from config.models import Source
from spiders.items import OpportunitySighting
from spiders.normalise.sighting import normalise

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
SOURCE = Source.model_validate(
    {
        "id": "park",
        "kind": "listing",
        "urls": ["https://www.park.example.gov.uk/funding"],
        "item": "div.views-row",
        "fields": {"title": "h2::text", "url": "h2 a::attr(href)"},
    }
)


def read(opens: str | None, closes: str | None) -> tuple[datetime | None, datetime | None]:
    raw = OpportunitySighting(
        source_id="park",
        title="Dark Skies Lighting Grants",
        url="https://www.park.example.gov.uk/funding/dark-skies",
        opens=opens,
        closes=closes,
    )
    sighting = normalise(raw, SOURCE, NOW)
    return sighting.opens_at, sighting.closes_at


@pytest.mark.parametrize("words", ["08/01/2027", "Friday 8 January 2027, 5pm", "8 Jan 2027"])
def test_one_date_in_the_shared_field_is_the_closing_date_only(words):
    # Before: "08/01/2027" opened at 00:00 on 8 January, the day it closed.
    opens_at, closes_at = read(words, words)
    assert opens_at is None
    assert closes_at is not None and closes_at.date() == datetime(2027, 1, 8).date()


def test_a_window_in_the_shared_field_still_gives_both_ends():
    words = "01/12/2026 - 09:00 - 12/02/2027 - 17:00"
    assert read(words, words) == (
        datetime(2026, 12, 1, 9, tzinfo=UTC),
        datetime(2027, 2, 12, 17, tzinfo=UTC),
    )


def test_an_opening_field_of_its_own_keeps_a_same_day_opening():
    # Two fields that happen to name one day ("Opens 8 January", "Closes 8 January, 5pm").
    opens_at, _ = read("8 January 2027, 9am", "8 January 2027, 5pm")
    assert opens_at == datetime(2027, 1, 8, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("words", "opening"),
    [
        ("4 January – 26 March 2027", datetime(2027, 1, 4, tzinfo=UTC)),
        ("Opens 1 December 2026, closes 5 March 2027", datetime(2026, 12, 1, tzinfo=UTC)),
        ("Applications accepted from 4 January 2027 to 12 noon on 26 February 2027", None),
        ("Monday 1 Feb 2027 – Friday 26 Feb 2027", datetime(2027, 2, 1, tzinfo=UTC)),
    ],
)
def test_a_window_in_the_closing_field_alone_opens_at_its_start(words, opening):
    # A council's "Closing date" column holding "4 January – 26 March 2027", with no opening
    # field: the call was stored open, with no opening date (round 22's pdf_guidance_portal_table).
    opening = opening or datetime(2027, 1, 4, tzinfo=UTC)
    assert read(None, words)[0] == opening


@pytest.mark.parametrize(
    "words",
    [
        "15 January 2027",
        "5 March 2027 - extended to 19 March 2027",  # a date that gave way: no window
        "Webinar: 14 January 2027. Deadline: 11 February 2027.",
        "Deadline to register: 19 February 2027; deadline to apply: 5 March 2027",
        "Stage 1: 12 January 2027; Stage 2: 30 March 2027",
        "Round 1: 5 November 2026 (closed); Round 2: 4 March 2027",
        "12 January 2027 and 30 March 2027",
    ],
)
def test_a_closing_field_that_is_no_window_gives_no_opening(words):
    assert read(None, words)[0] is None
