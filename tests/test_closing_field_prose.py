"""A closing-date field pointed at a page's prose (a GOV.UK start page: no labels, the deadline in
a sentence) is read for the closing date its sentences state, as a summary is: the paragraph is
too long to be a date field's value, and was read as no date at all (round 37, govuk_start_pages)."""

from __future__ import annotations

from datetime import UTC, datetime

from config.models import Source
from spiders.items import OpportunitySighting
from spiders.normalise.sighting import normalise

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
START_PAGE = (
    "Apply for a Warm Homes top-up grant You could get up to £5,000 towards loft, cavity wall or "
    "floor insulation if a national scheme does not cover the whole cost. The deadline is 5pm on 12 "
    "February 2027. Who can apply Homeowners and private tenants in Fernleigh with a household "
    "income under £36,000. Before you start You'll need a quote from an installer and proof of "
    "your income. Start now"
)


def test_a_closing_field_of_prose_closes_on_the_date_its_sentence_names():
    source = Source.model_validate(
        {
            "id": "council_grants",
            "kind": "listing",
            "urls": ["https://www.example.gov.uk/grants"],
            "item": "li",
            "fields": {"title": "a::text", "url": "a::attr(href)"},
        }
    )
    raw = OpportunitySighting(
        source_id="council_grants",
        title="Apply for a Warm Homes top-up grant",
        url="https://www.example.gov.uk/grants/warm-homes",
        summary="Help with the cost of insulating your home.",
        closes=START_PAGE,
        amount=START_PAGE,
    )
    sighting = normalise(raw, source, NOW)
    assert sighting.closes_at == datetime(2027, 2, 12, 17, tzinfo=UTC)
    assert sighting.status == "open"
    assert (sighting.amount_min, sighting.amount_max) == (None, 5000)
