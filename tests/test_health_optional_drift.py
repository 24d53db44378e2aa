"""A field the entry reads but does not require, lost from every call (tests/sites/README.md,
Round 39, nlcf_funding_drift): the site put one more wrapper round each card's summary, the
selector read nothing, and the source stayed healthy: only required fields were judged."""

from __future__ import annotations

import json
from datetime import timedelta

from config.models import Source
from notifier.health.judge import judge
from tests.notify_helpers import NOW

SOURCE = Source.model_validate(
    {
        "id": "programmes",
        "name": "Programmes",
        "kind": "listing",
        "urls": ["https://funder.example.org/programmes"],
        "item": "li.card",
        "fields": {
            "title": "h3 a::text",
            "url": "h3 a::attr(href)",
            "summary": "xpath:./div[@class='summary']/p[1]",
            "closes": {"label": "Application deadline"},
        },
        "detail": {"fields": {"eligibility": "#who-can-apply"}},
    }
)


def run(hours_ago: int, items: int = 5, **fill: int) -> dict:
    counts = {"title": items, "url": items, "summary": items, "closes": 2, "eligibility": items}
    return {
        "outcome": "ok",
        "items": items,
        "fill": json.dumps({**counts, **fill}),
        "started_at": (NOW - timedelta(hours=hours_ago)).isoformat(),
        "reason": None,
    }


def test_a_field_found_on_no_call_where_it_was_on_all_is_failing():
    health = judge(SOURCE, [run(0, summary=0), run(24), run(48)], NOW)
    assert health.state == "failing"
    assert health.reason == (
        "summary found on none of 5 items, down from 100% in its last good crawls: its selector "
        "may have stopped matching"
    )


def test_a_field_some_calls_lack_is_no_drift():
    # Closes on 2 of 5 before and on none now (every call rolling): under half before, so no
    # verdict; a summary on 3 of 5 is a dip, not a loss.
    assert judge(SOURCE, [run(0, closes=0, summary=3), run(24), run(48)], NOW).state == "ok"
    # Too few calls to say: one call with no summary.
    assert judge(SOURCE, [run(0, items=1, summary=0), run(24), run(48)], NOW).state == "ok"


def test_a_detail_pages_field_lost_from_every_call_is_failing():
    health = judge(SOURCE, [run(0, eligibility=0), run(24)], NOW)
    assert health.state == "failing" and health.reason.startswith("eligibility found on none")


def test_dates_and_sums_every_call_of_a_small_crawl_lacks_are_no_drift():
    # Three rolling funds with no deadline: closes on none, where it was on most before. Only a
    # crawl of ten or more calls with none says the closing date went.
    usual = {"closes": 5}
    assert judge(SOURCE, [run(0, items=3, closes=0), run(24, **usual)], NOW).state == "ok"
    health = judge(SOURCE, [run(0, items=12, closes=0), run(24, **usual)], NOW)
    assert health.state == "failing" and health.reason.startswith("closes found on none of 12")
