"""Source health with an injected clock: each failing condition, recovery, acknowledgement, the
reminder cadence and the digest's coverage line."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from config.models import Source
from notifier.health.judge import judge
from notifier.health.watch import coverage, watch_sources
from storage.health import acknowledge, health_states
from storage.runs import finish_run, start_run
from tests.notify_helpers import NOW


def source(**overrides) -> Source:
    raw = {
        "id": "salix",
        "name": "Salix Finance",
        "kind": "feed",
        "urls": ["https://salix.example/feed"],
        "every": "6h",
        "required": ["title", "url", "closes"],
    }
    return Source.model_validate({**raw, **overrides})


def run(outcome="ok", *, items=40, fill=None, hours_ago=0, reason=None) -> dict:
    fill = fill if fill is not None else {"title": items, "url": items, "closes": items}
    return {
        "outcome": outcome,
        "items": items,
        "fill": json.dumps(fill),
        "started_at": (NOW - timedelta(hours=hours_ago)).isoformat(),
        "reason": reason,
    }


CASES = [
    ("never crawled", [], "new", None),
    ("a good crawl", [run()], "ok", None),
    (
        "the latest crawl failed",
        [run("failed", reason="HTTP 500 on https://salix.example/feed"), run(hours_ago=6)],
        "failing",
        "HTTP 500",
    ),
    (
        "no items is a failed crawl",
        [run("failed", items=0, reason="no opportunities found")],
        "failing",
        "no opportunities",
    ),
    (
        "a required field stops matching",
        [run(fill={"title": 40, "url": 40, "closes": 2}), run(hours_ago=6), run(hours_ago=12)],
        "failing",
        "closes found on 2 of 40 items (5%), down from 100%",
    ),
    (
        "a field that was never there is no drift",
        [
            run(fill={"title": 40, "url": 40, "closes": 1}),
            run(hours_ago=6, fill={"title": 40, "url": 40, "closes": 2}),
        ],
        "ok",
        None,
    ),
    (
        "a small dip is no drift",
        [run(fill={"title": 40, "url": 40, "closes": 30}), run(hours_ago=6)],
        "ok",
        None,
    ),
    (
        "silent for three cadences",
        [run(hours_ago=19)],
        "failing",
        "no successful crawl for 19h (every 6h)",
    ),
    ("not yet three cadences", [run(hours_ago=17)], "ok", None),
    (
        "only failures for days",
        [run("failed", reason="timed out", hours_ago=1), run(hours_ago=30)],
        "failing",
        "timed out",
    ),
    # An operator's stop (Ctrl-C, the service restarted) says nothing of the source: a restart told
    # the curators it turned failing, then that it recovered.
    (
        "a crawl stopped by a signal",
        [
            run("failed", reason="the crawl was stopped (a signal) before it finished"),
            run(hours_ago=6),
        ],
        "ok",
        None,
    ),
    (
        "a source a stopped crawl never reached",
        [
            run(
                "failed",
                reason="not started: the crawl was stopped (a signal) before this source's turn",
            ),
            run(hours_ago=6),
        ],
        "ok",
        None,
    ),
    (
        "a stopped crawl that had failed already",
        [
            run(
                "failed",
                reason="HTTP 500 on https://salix.example/feed; the crawl was stopped (a signal) "
                "before it finished",
            ),
            run(hours_ago=6),
        ],
        "failing",
        "HTTP 500",
    ),
    (
        "only a stopped crawl",
        [run("failed", reason="the crawl was stopped (a signal) before it finished")],
        "new",
        None,
    ),
    (
        "a crawl cut short by a memory limit",
        [
            run("failed", reason="crawl stopped early: closed before every page was read"),
            run(hours_ago=6),
        ],
        "failing",
        "closed before every page",
    ),
]


@pytest.mark.parametrize(("name", "runs", "state", "reason"), CASES, ids=[c[0] for c in CASES])
def test_judge(name, runs, state, reason):
    health = judge(source(), runs, NOW)
    assert health.state == state
    if reason is None:
        assert health.reason is None
    else:
        assert reason in health.reason


def crawl(db, src: Source, at, *, problems=(), items=3):
    begun = start_run(db, src.id, f"b-{at:%d%H}", at)
    counts = {"items": items, "fill": json.dumps({"title": items, "url": items, "closes": items})}
    finish_run(db, begun.id, at, problems=list(problems), complete=not problems, counts=counts)


def notices(db) -> list[tuple[str, str, str]]:
    return [
        (r["source_id"], r["kind"], r["channel"])
        for r in db.query("SELECT * FROM curator_notices ORDER BY id")
    ]


def test_curators_hear_once_when_it_fails_then_daily_until_acknowledged_then_on_recovery(db):
    salix = source()
    crawl(db, salix, NOW - timedelta(hours=6))
    watch_sources(db, [salix], NOW - timedelta(hours=6), ("slack", "email"))
    assert notices(db) == []  # healthy from the start: nothing to say

    crawl(db, salix, NOW, problems=["HTTP 500 on https://salix.example/feed"])
    summary = watch_sources(db, [salix], NOW, ("slack", "email"))
    assert summary.failing == ["salix"]
    assert notices(db) == [("salix", "failing", "slack"), ("salix", "failing", "email")]
    text = db.execute("SELECT text FROM curator_notices LIMIT 1").fetchone()[0]
    assert "Salix Finance is failing: HTTP 500 on https://salix.example/feed" in text
    assert "fundwatch sources ack salix" in text

    for hours in (1, 6, 23):  # not again within the day
        assert watch_sources(db, [salix], NOW + timedelta(hours=hours), ("log",)).reminded == []
    assert watch_sources(db, [salix], NOW + timedelta(hours=24), ("log",)).reminded == ["salix"]
    assert notices(db)[-1] == ("salix", "reminder", "log")

    acknowledge(db, "salix", NOW + timedelta(hours=25))
    assert watch_sources(db, [salix], NOW + timedelta(days=3), ("log",)).reminded == []

    crawl(db, salix, NOW + timedelta(days=3))
    assert watch_sources(db, [salix], NOW + timedelta(days=3), ("log",)).recovered == ["salix"]
    assert notices(db)[-1] == ("salix", "recovered", "log")
    assert health_states(db)["salix"]["acked_at"] is None  # a change clears the acknowledgement

    crawl(db, salix, NOW + timedelta(days=4), problems=["timed out"])
    watch_sources(db, [salix], NOW + timedelta(days=4), ("log",))
    assert notices(db)[-1] == ("salix", "failing", "log")
    assert watch_sources(db, [salix], NOW + timedelta(days=5), ("log",)).reminded == ["salix"]


def test_the_digest_coverage_line(db):
    good, bad = source(id="ukri", name="UKRI"), source()
    for src in (good, bad):
        crawl(db, src, NOW)
    crawl(db, bad, NOW + timedelta(days=8), problems=["HTTP 500"])
    crawl(db, good, NOW + timedelta(days=8))
    # Before any watch has run (`fundwatch digest` alone): judged now, as `sources status` does.
    assert coverage(db, [good, bad], NOW + timedelta(days=8)) == (
        "1 of 2 sources healthy; Salix Finance failing"
    )
    watch_sources(db, [good, bad], NOW + timedelta(days=8))
    assert coverage(db, [good, bad], NOW + timedelta(days=8)) == (
        "1 of 2 sources healthy; Salix Finance failing since 3 Dec"
    )
    # A source that has recovered since the watch last ran reads healthy, not failing.
    for src in (good, bad):
        crawl(db, src, NOW + timedelta(days=9))
    assert coverage(db, [good, bad], NOW + timedelta(days=9)) == "2 of 2 sources healthy"
