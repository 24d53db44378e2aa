"""The health table `fundwatch sources status` prints: pure, from each source's recent runs."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from config.clock import iso, parse_iso
from config.models import Source
from notifier.health.judge import judge
from notifier.present import ID_WIDTH, date_text
from spiders.crawl_exit import stopped_by_signal

INTERRUPTED = "interrupted"  # the last crawl's outcome shown for a run stopped by a signal


@dataclass(frozen=True)
class SourceStatus:
    source_id: str
    label: str
    state: str  # ok | failing | new
    reason: str | None
    last_outcome: str | None
    last_run: str | None  # when the latest crawl started (UTC ISO)
    last_success: str | None
    next_due: str | None
    items: int | None
    fill: dict[str, float] | None  # the latest run's share of items with each field
    acknowledged: bool
    # What the latest ok crawl noted, no failure (a next page that only repeated calls read before).
    note: str | None = None
    # A run not finished: its start (UTC ISO), and whether its crawl process is alive (crawling
    # now) or died part way (killed: the next crawl records it as failed).
    unfinished: dict | None = None

    def as_json(self) -> dict:
        return asdict(self)


def status_of(
    source: Source,
    runs: list[dict],
    stored: dict | None,
    now: datetime,
    unfinished: dict | None = None,
) -> SourceStatus:
    health = judge(source, runs, now)
    latest = next((r for r in runs if r.get("outcome") in ("ok", "failed")), None)
    # Stopped by a signal (the service stopped mid-crawl): no failure of the source, which health
    # passes over; shown so, with why, where it read "last crawl failed" without a reason.
    stopped = latest is not None and stopped_by_signal(latest.get("reason"))
    outcome = INTERRUPTED if stopped else latest["outcome"] if latest else None
    started = parse_iso(runs[0]["started_at"]) if runs else None
    due = max(started + source.interval, now) if started else now
    return SourceStatus(
        source_id=source.id,
        label=source.label,
        state=health.state,
        reason=health.reason,
        last_outcome=outcome,
        last_run=latest["started_at"] if latest else None,
        last_success=iso(health.last_ok),
        next_due=iso(due),
        items=latest["items"] if latest else None,
        fill={k: round(v, 3) for k, v in health.fill.items()} if health.fill else None,
        acknowledged=bool(stored and stored.get("acked_at") and health.state == "failing"),
        note=latest["reason"] if latest and (latest["outcome"] == "ok" or stopped) else None,
        unfinished=unfinished,
    )


def status_lines(status: SourceStatus, width: int = ID_WIDTH) -> list[str]:
    """One line a source, and the reason under a failing one; ids padded to `width`."""
    if status.state == "new":
        return [f"{status.source_id:<{width}} never crawled", *unfinished_lines(status.unfinished)]
    success = date_text(status.last_success) if status.last_success else "never"
    fill = ", ".join(f"{k} {v:.0%}" for k, v in (status.fill or {}).items())
    state = status.state.upper() if status.state == "failing" else status.state
    line = (
        f"{status.source_id:<{width}} {state:<8} last crawl {status.last_outcome}, "
        f"{status.items or 0} items; last success {success}; next due "
        f"{date_text(status.next_due)}"
    )
    lines = [line]
    if fill:
        lines.append(f"  fill: {fill}")
    if status.state == "failing":
        ack = " (acknowledged: no reminders)" if status.acknowledged else ""
        lines.append(f"  failing{ack}: {status.reason}")
    elif status.note:
        said = INTERRUPTED if status.last_outcome == INTERRUPTED else "note"
        lines.append(f"  {said}: {status.note}")
    return lines + unfinished_lines(status.unfinished)


def unfinished_lines(unfinished: dict | None) -> list[str]:
    if not unfinished:
        return []
    started = date_text(unfinished["started_at"])
    if unfinished["alive"]:
        return [f"  crawling now: started {started}"]
    return [
        f"  interrupted: the crawl started {started} stopped before finishing (its process is "
        "gone; nothing of it was removed); the next crawl records it as failed"
    ]
