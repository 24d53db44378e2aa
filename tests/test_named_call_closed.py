"""A summary saying the call itself, by the name its title gives, closed (tests/sites/README.md,
Round 39, govuk_council_funding_drift): "The family hubs capital grant closed on 31 October 2026."
under the title "Family hubs capital grant: round closed" was stored with no status, as the summary
rules take only "the/this <noun>" with nothing between. Another round's, or another call's, words
between say nothing of this one."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from config.models import Source
from spiders.items import OpportunitySighting
from spiders.normalise.sighting import normalise

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
SOURCE = Source.model_validate(
    {"id": "news", "name": "News", "kind": "feed", "urls": ["https://www.gov.uk/news.atom"]}
)


def status(title: str, summary: str) -> str | None:
    raw = OpportunitySighting(
        source_id="news", title=title, url="https://www.gov.uk/news/1", summary=summary
    )
    return normalise(raw, SOURCE, NOW).status


def test_the_call_named_in_its_title_closed_on_a_day_is_closed():
    summary = (
        "The family hubs capital grant closed on 31 October 2026. Councils will hear in January."
    )
    assert status("Family hubs capital grant: round closed", summary) == "closed"
    assert status("Town Deals capacity fund", "The Town Deals capacity fund is now closed.") == (
        "closed"
    )


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        ("Community Fund round 2", "The previous round closed on 3 March 2026."),
        ("Community Fund round 2", "The Community Fund round 1 closed on 3 March 2026."),
        ("Warm Homes grant", "The Boiler Upgrade grant closed on 12 May 2026."),
    ],
)
def test_another_rounds_or_calls_closing_says_nothing(title, summary):
    assert status(title, summary) is None
