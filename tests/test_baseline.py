"""A source added to a repository others already fill: its first crawl is a baseline, not a flood.

Its calls are stored and tracked, but raise `baseline` events, which go only into digests ("Now
tracking N calls from …"), never one alert at a time. A fresh repository's first crawl announces as
before: there is nobody to flood yet.
"""

from __future__ import annotations

import email
import email.policy
from collections import Counter
from datetime import timedelta

from config.models import Settings
from notifier.alerts import Labels
from notifier.delivery import send_digests
from notifier.route import route_events
from storage.record import record_sighting
from storage.runs import finish_run, start_run
from storage.sighting import Sighting
from tests.notify_helpers import NOW, outbox, subscription

COUNTS = {"pages": 1, "items": 1, "new": 1, "changed": 0, "not_modified": 0}


def call(source_id: str, n: int) -> Sighting:
    return Sighting(
        source_id=source_id,
        ref=f"{source_id}-{n}",
        url=f"https://{source_id}.example.gov.uk/calls/{n}",
        title=f"{source_id} call number {n}",
        funder=f"Funder of {source_id}",
        tags=("digital",),
        council_eligible="yes",
    )


def crawl(db, source_id: str, calls: range, at, *, fail: bool = False):
    run = start_run(db, source_id, f"batch-{source_id}-{at:%H%M}", at)
    for n in calls:
        record_sighting(db, call(source_id, n), run_id=run.id, now=at, baseline=run.baseline)
    problems = ["HTTP 500 on page 2"] if fail else []
    finish_run(db, run.id, at, problems=problems, complete=not fail, counts=COUNTS)
    return run


def kinds(db) -> Counter:
    return Counter(row["kind"] for row in db.query("SELECT kind FROM events"))


def test_a_fresh_repository_announces_its_first_crawls_even_when_sources_start_together(db):
    first = start_run(db, "find_a_grant", "b1", NOW)
    second = start_run(db, "ukri", "b1", NOW)  # the same crawl batch: nobody has finished yet
    assert (first.baseline, second.baseline) == (False, False)


def test_a_source_added_later_is_a_baseline_until_it_has_crawled_successfully(db):
    crawl(db, "find_a_grant", range(3), NOW)
    added = crawl(db, "new_source", range(5), NOW + timedelta(days=1), fail=True)
    assert added.baseline
    assert kinds(db) == {"new": 3, "baseline": 5}
    # Its first crawl failed half way: the next one is still its first successful one.
    again = crawl(db, "new_source", range(8), NOW + timedelta(days=2))
    assert again.baseline
    assert kinds(db) == {"new": 3, "baseline": 8}
    later = crawl(db, "new_source", range(9), NOW + timedelta(days=3))
    assert not later.baseline
    assert kinds(db) == {"new": 4, "baseline": 8}  # from now on, its new calls are news
    assert not crawl(db, "find_a_grant", range(4), NOW + timedelta(days=4)).baseline


def test_baseline_calls_go_only_into_digests_and_only_to_those_who_want_new_calls(db):
    crawl(db, "find_a_grant", range(2), NOW)
    crawl(db, "new_source", range(3), NOW + timedelta(days=1))
    both = subscription(
        "both_ways",
        slack={"channel": "C0BOTH0001"},
        email={"to": ["team@example.gov.uk"], "cadence": "daily"},
    )
    instant_only = subscription("instant_only", slack={"channel": "C0INST0001"})
    deadlines_only = subscription(
        "deadlines_only",
        email={"to": ["d@example.gov.uk"], "cadence": "weekly"},
        events=["closing_soon"],
        slack=None,
    )
    route_events(db, [both, instant_only, deadlines_only], NOW + timedelta(days=1))

    rows = outbox(db)
    baseline = [r for r in rows if r["event"] == "baseline"]
    assert {(r["subscription_id"], r["channel"], r["cadence"]) for r in baseline} == {
        ("both_ways", "email", "daily")
    }
    assert len(baseline) == 3
    # The first source's calls were news, on every channel of those who asked for new calls.
    assert Counter(r["subscription_id"] for r in rows if r["event"] == "new") == {
        "both_ways": 4,
        "instant_only": 2,
    }


def test_the_next_digest_says_now_tracking_and_lists_the_new_source_s_calls(db, tmp_path):
    """Through the real digest renderer: one section for the new source, not a flood of 'New'."""
    crawl(db, "find_a_grant", range(2), NOW)
    crawl(db, "new_source", range(3), NOW + timedelta(days=1))
    team = subscription(
        "digest_team",
        name="Digital team",
        slack=None,
        email={"to": ["team@example.gov.uk"], "cadence": "daily"},
    )
    later = NOW + timedelta(days=1, hours=1)
    route_events(db, [team], later)
    labels = Labels(sources={"new_source": "Local Digital Fund", "find_a_grant": "Find a Grant"})
    summary = send_digests(
        db,
        [team],
        Settings(),
        cadence="daily",
        now=later,
        force=True,
        env={},
        outbox_dir=tmp_path / "outbox",
        labels=labels,
    )
    assert summary.digests == 1 and summary.sent == 5
    (eml,) = (tmp_path / "outbox").glob("*.eml")
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    text = message.get_body(("plain",)).get_content()
    assert message["Subject"].startswith("2 new, 3 newly tracked · Digital team")
    assert "NOW TRACKING 3 CALLS FROM LOCAL DIGITAL FUND" in text  # the plain part shouts headings
    assert "new_source call number 2" in text
    assert "NEW (2)" in text  # the first source's calls were news
