"""A fund written as one paragraph of prose, the entry's closing date and summary both that
paragraph (round 41's prose_paragraph_funds): a dated opening still to come makes it upcoming, as a
month still to come does; a closing day gone with the next round planned is upcoming, as a closed
call with no date is, unless the call is titled as one numbered round (the next is another call)."""

from __future__ import annotations

from datetime import UTC, datetime

from config.models import Source
from spiders.items import OpportunitySighting
from spiders.normalise.sighting import normalise
from spiders.normalise.status_in_text import opening_ahead

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
SOURCE = Source.model_validate(
    {
        "id": "cf_funds",
        "kind": "listing",
        "urls": ["https://www.example.org.uk/our-funds/"],
        "item": "p",
        "fields": {"title": "a::text", "url": "a::attr(href)"},
    }
)


def _stored(title: str, paragraph: str):
    raw = OpportunitySighting(
        source_id="cf_funds",
        title=title,
        url="https://www.example.org.uk/our-funds/fund/",
        summary=paragraph,
        closes=paragraph,
    )
    return normalise(raw, SOURCE, NOW)


def test_a_dated_opening_still_to_come_is_upcoming():
    said = (
        "Our Spring Greening Grants open on 1 February 2027 and close at midday on 26 March 2027. "
        "Grants of up to £2,000 are available to community groups."
    )
    assert opening_ahead(said, NOW)
    sighting = _stored("Spring Greening Grants", said)
    assert sighting.closes_at == datetime(2027, 3, 26, 12, tzinfo=UTC)
    assert sighting.status == "upcoming"


def test_a_dated_opening_gone_by_or_a_window_is_not_ahead():
    assert not opening_ahead("The fund opened on 2 November 2026 and closes on 4 March 2027.", NOW)
    assert not opening_ahead("Applications open on 2 November 2026 until 4 March 2027.", NOW)
    assert not opening_ahead("The fund is open 1–14 February 2027.", NOW)
    # A reopening after the call's own deadline is the next round's.
    said = "The next deadline is 4 January 2027, after which the fund will reopen on 1 April 2027."
    assert not opening_ahead(said, NOW, datetime(2027, 1, 4, 23, 59, tzinfo=UTC))


def test_a_closing_day_gone_with_its_next_round_planned_is_upcoming():
    said = (
        "The Youth Voice Fund closed on 30 October 2026 and the panel is now reading applications. "
        "The next round will open in April 2027."
    )
    sighting = _stored("Youth Voice Fund", said)
    assert sighting.closes_at == datetime(2026, 10, 30, 23, 59, tzinfo=UTC)
    assert sighting.status == "upcoming"
    # A call titled as its round stays closed: the round planned after it is another call.
    assert _stored("Youth Voice Fund: round 1", said).status == "closed"
