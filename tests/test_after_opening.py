"""A closing date written as a span after the card's own launch date ("Closes: 6 weeks after
launch" beside "Launch date: 2 November 2026", round 41's launch_relative_deadlines) closes that
many days, weeks or months after the opening; it read as no date, and a competition gone stayed
open."""

from __future__ import annotations

from datetime import UTC, datetime

from config.models import Source
from spiders.items import OpportunitySighting
from spiders.normalise.after_opening import closing_after_opening
from spiders.normalise.sighting import normalise

LONDON = "Europe/London"
NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)


def test_a_span_after_the_opening_closes_at_the_end_of_its_day_or_at_its_time():
    opens = datetime(2026, 11, 2, tzinfo=UTC)
    assert closing_after_opening("6 weeks after launch", opens, LONDON) == datetime(
        2026, 12, 14, 23, 59, tzinfo=UTC
    )
    assert closing_after_opening("12 noon, 8 weeks after launch", opens, LONDON) == datetime(
        2026, 12, 28, 12, tzinfo=UTC
    )
    assert closing_after_opening("30 days from the launch date", opens, LONDON) == datetime(
        2026, 12, 2, 23, 59, tzinfo=UTC
    )
    # A month on from 31 January is the last day of February; into BST, 23:59 London is 22:59 UTC.
    end_of_january = datetime(2027, 1, 31, tzinfo=UTC)
    assert closing_after_opening("two months after the fund opens", end_of_january, LONDON) == (
        datetime(2027, 3, 31, 22, 59, tzinfo=UTC)
    )
    assert closing_after_opening("one month after opening", end_of_january, LONDON) == datetime(
        2027, 2, 28, 23, 59, tzinfo=UTC
    )


def test_no_opening_another_event_or_working_days_give_no_date():
    opens = datetime(2026, 11, 2, tzinfo=UTC)
    assert closing_after_opening("6 weeks after launch", None, LONDON) is None
    assert closing_after_opening("6 weeks after the event", opens, LONDON) is None
    assert closing_after_opening("20 working days after launch", opens, LONDON) is None


def test_a_card_whose_deadline_counts_from_its_launch_is_stored_with_it():
    source = Source.model_validate(
        {
            "id": "ca_competitions",
            "kind": "listing",
            "urls": ["https://www.example.gov.uk/funding/competitions"],
            "item": "article",
            "fields": {"title": "a::text", "url": "a::attr(href)"},
        }
    )
    raw = OpportunitySighting(
        source_id="ca_competitions",
        title="Active Travel Small Schemes",
        url="https://www.example.gov.uk/funding/competitions/active-travel",
        opens="12 October 2026",
        closes="4 weeks after launch",
    )
    sighting = normalise(raw, source, NOW)
    assert sighting.closes_at == datetime(2026, 11, 9, 23, 59, tzinfo=UTC)
    assert sighting.status == "closed"
