"""Pure: is a source healthy, from its recent runs? One verdict and the reason in plain words.

A source is failing when its latest crawl failed (an error, no items), when a field it must have
falls well below its last good runs (a selector that drifted), or when it has had no successful
crawl for three times its cadence (a hung or stopped crawl, a site that went away).
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from config.clock import LONDON, parse_iso
from config.models import Source
from spiders.crawl_exit import stopped_by_signal

STALE_AFTER = 3  # cadences without a successful crawl
GOOD_RUNS = 5  # how many earlier good runs a fill rate is compared with
DRIFT = 0.5  # failing when a required field's fill rate falls below half of what it was
SOLID = 0.5  # ... and only if it used to be there for at least half the items
ENOUGH_ITEMS = 3  # items a field not required must be missing from, all of them, to have gone
MAY_ALL_LACK = {
    "opens",
    "closes",
    "amount",
}  # fields whole crawls of calls may lack (rolling funds)
ENOUGH_WITHOUT = 10  # ...so these must be missing from at least this many items to have gone


@dataclass(frozen=True)
class Health:
    source_id: str
    state: str  # ok | failing | new (never crawled yet)
    reason: str | None = None
    last_ok: datetime | None = None  # when its latest successful crawl started
    fill: dict[str, float] | None = None  # the latest run's fill rate per field
    stale: bool = False  # failing only for want of a recent success (no crawl said so)


def fill_rates(run: dict[str, Any]) -> dict[str, float] | None:
    items = run.get("items") or 0
    if not items or not run.get("fill"):
        return None
    return {name: count / items for name, count in json.loads(run["fill"]).items()}


def _silent(delta: timedelta) -> str:
    hours = int(delta.total_seconds() // 3600)
    return f"{hours // 24}d {hours % 24}h" if hours >= 24 else f"{hours}h"


def judge(source: Source, runs: list[dict[str, Any]], now: datetime) -> Health:
    """`runs`: the source's finished runs, newest first."""
    # A run stopped by a signal (Ctrl-C, the service stopped for an upgrade) says nothing of the
    # source: a restart would otherwise tell the curators it turned failing, then recovered.
    finished = [
        r
        for r in runs
        if r.get("outcome") in ("ok", "failed") and not stopped_by_signal(r.get("reason"))
    ]
    good = [r for r in finished if r["outcome"] == "ok"]
    last_ok = parse_iso(good[0]["started_at"]) if good else None
    if not finished:
        return Health(source.id, "new")
    latest = finished[0]
    rates = fill_rates(latest)
    if latest["outcome"] == "failed":
        return Health(
            source.id, "failing", latest.get("reason") or "the crawl failed", last_ok, rates
        )
    stale_after = STALE_AFTER * source.interval
    if last_ok is None or now - last_ok > stale_after:
        reason = (
            f"no successful crawl for {_silent(now - last_ok)} (every {source.every})"
            if last_ok
            else "never crawled successfully"
        )
        return Health(source.id, "failing", reason, last_ok, rates, stale=True)
    drift = _drift(source, latest, good[1 : 1 + GOOD_RUNS])
    if drift:
        return Health(source.id, "failing", drift, last_ok, rates)
    return Health(source.id, "ok", None, last_ok, rates)


def _drift(source: Source, latest: dict[str, Any], earlier: list[dict[str, Any]]) -> str | None:
    now_rates = fill_rates(latest)
    before = [r for r in (fill_rates(run) for run in earlier) if r is not None]
    if now_rates is None or not before:
        return None
    # A required field is lost when it falls below half of its usual rate. A field the entry
    # reads that is not required may come and go with the calls (an amount some calls lack), so
    # only its total loss counts: found on none, where it used to be found on most. A site's new
    # wrapper round the summary emptied every call's summary, and the source stayed healthy with
    # less stored than its page says.
    items = latest.get("items") or 0
    for field in [*source.required, *_configured(source)]:
        usual = statistics.median(r.get(field, 0.0) for r in before)
        rate = now_rates.get(field, 0.0)
        if usual < SOLID:
            continue
        if field in source.required:
            if rate >= usual * DRIFT:
                continue
            found = f"{round(rate * items)} of {items} items ({rate:.0%})"
        else:
            # Every call of a small crawl may honestly lack a date or a sum (three rolling funds).
            enough = ENOUGH_WITHOUT if field in MAY_ALL_LACK else ENOUGH_ITEMS
            if items < enough or rate:
                continue
            found = f"none of {items} items"
        return (
            f"{field} found on {found}, down from {usual:.0%} in its last good crawls: its "
            "selector may have stopped matching"
        )
    return None


def _configured(source: Source) -> list[str]:
    """The fields the entry reads that it does not require, listing's and detail page's."""
    names = [*source.fields, *(source.detail.fields if source.detail else {})]
    return [name for name in dict.fromkeys(names) if name not in source.required]


def _day(moment: datetime) -> str:
    local = moment.astimezone(LONDON)
    return f"{local.day} {local:%b}"


def coverage_line(states: list[tuple[str, str, datetime | None]]) -> str:
    """'11 of 12 sources healthy; Salix failing since 3 Dec' for digests, from (label, state,
    since) of each source that has been judged."""
    judged = [s for s in states if s[1] in ("ok", "failing")]
    failing = [s for s in judged if s[1] == "failing"]
    line = f"{len(judged) - len(failing)} of {len(judged)} sources healthy"
    named = [
        f"{label} failing since {_day(since)}" if since else f"{label} failing"
        for label, _, since in failing[:3]
    ]
    if len(failing) > 3:
        named.append(f"{len(failing) - 3} more failing")
    return "; ".join([line, *named])
