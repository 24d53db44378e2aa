"""Watch every source's health and queue what curators must hear: a source that turns failing, one
that recovers, and a daily reminder while one fails, unless a curator acknowledged it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlite_utils import Database

from config.clock import parse_iso
from config.models import Source
from notifier.health.judge import Health, coverage_line, judge
from notifier.present import date_text
from storage.health import health_states, recent_runs, record_state

REMIND_EVERY = timedelta(days=1)


@dataclass
class WatchSummary:
    healths: list[Health] = field(default_factory=list)
    failing: list[str] = field(default_factory=list)  # turned failing in this pass
    recovered: list[str] = field(default_factory=list)
    reminded: list[str] = field(default_factory=list)

    def text(self) -> str:
        parts = [
            f"{len(ids)} {what}: {', '.join(ids)}"
            for what, ids in (
                ("turned failing", self.failing),
                ("recovered", self.recovered),
                ("still failing (reminder)", self.reminded),
            )
            if ids
        ]
        return "source health: " + ("; ".join(parts) if parts else "no change")


def _told(source: Source, health: Health, since: str | None) -> tuple[str, str]:
    label = source.label
    check = (
        f"Check it with `fundwatch sources try {source.id}`; `fundwatch sources ack {source.id}` "
        "stops the daily reminders until it changes."
    )
    if health.state == "failing" and since is None:
        return "failing", f"fundwatch: {label} is failing: {health.reason}. {check}"
    if health.state == "failing":
        day = date_text(parse_iso(since), with_time=False)
        return (
            "reminder",
            f"fundwatch: {label} has been failing since {day}: {health.reason}. {check}",
        )
    return "recovered", f"fundwatch: {label} is working again: its latest crawl was good."


def watch_sources(
    db: Database,
    sources: list[Source],
    now: datetime,
    channels: tuple[str, ...] = ("log",),
    under_way: Callable[[str], bool] = lambda _source_id: False,
) -> WatchSummary:
    """Judge each enabled source; record changes and queue a notice on each of the curators'
    `channels` (tell.py: curator_channels) (storage/health.py). `under_way`: is a crawl of the
    source running or waiting its turn (storage/locks.py crawl_running)?"""
    summary = WatchSummary()
    states = health_states(db)
    for source, health in _judged(db, sources, now):
        summary.healths.append(health)
        if health.state == "new":
            continue
        if health.stale and under_way(source.id):
            # Waiting for its host behind another source's long crawl, it had no run to show: a
            # wait is not a failure (it turned failing, then recovered, each time). Its crawl,
            # bounded by the crawl timeout, decides once it ends.
            continue
        stored = states.get(source.id)
        before = stored["state"] if stored else "ok"

        if health.state != before:
            if _tell(db, source, health, stored, None, now, channels):
                (summary.failing if health.state == "failing" else summary.recovered).append(
                    source.id
                )
        elif health.state == "failing" and _reminder_due(stored, now):
            if _tell(db, source, health, stored, stored["since"], now, channels):
                summary.reminded.append(source.id)
        elif stored is None or stored["reason"] != health.reason:
            record_state(db, source.id, health.state, health.reason, now)
    return summary


def _tell(
    db: Database,
    source: Source,
    health: Health,
    stored: dict | None,
    since: str | None,
    now: datetime,
    channels: tuple[str, ...],
) -> bool:
    """Record the source's state with its notice to the curators. Queued only if the row is still
    as read: a service and a cron notify judging at once tell the curators once."""
    notice = _told(source, health, since)
    return record_state(
        db, source.id, health.state, health.reason, now,
        notice=notice, channels=channels, seen=stored,
    )  # fmt: skip


def _judged(db: Database, sources: list[Source], now: datetime) -> Iterator[tuple[Source, Health]]:
    """Each enabled source with its health, judged now from its recent runs."""
    for source in sources:
        if source.enabled:
            yield source, judge(source, recent_runs(db, source.id), now)


def _reminder_due(stored: dict, now: datetime) -> bool:
    if stored.get("acked_at"):
        return False
    told = parse_iso(stored.get("told_at")) or parse_iso(stored.get("since"))
    return told is None or now - told >= REMIND_EVERY


def coverage(db: Database, sources: list[Source], now: datetime) -> str:
    """The digest's coverage line: each enabled source judged now, as `sources status` judges it
    (a digest sent by `fundwatch digest` alone, with no service watching, still says it right);
    a failing source's "since" is when curators were first told, where they were."""
    states = health_states(db)
    rows = []
    for source, health in _judged(db, sources, now):
        stored = states.get(source.id) or {}
        since = parse_iso(stored.get("since")) if stored.get("state") == health.state else None
        rows.append((source.label, health.state, since))
    return coverage_line(rows)
