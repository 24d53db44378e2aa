"""The service's log line for a crawl job: a line per source for one source, a summary for many.

The first round crawls every source in one job; its line named each source with its counts, so
a national instance's 500 sources made one log line of some 60 KB, which journald (LineMax, 48K
by default) cuts, and in which the few that failed were hard to find. A round now says its
totals and names only the sources that failed, the first few with their reasons.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

FAILED_NAMED = 10  # more failures than this are counted, not listed: `sources status` has them
NO_RUN = {"outcome": "failed", "reason": "no run recorded"}


def crawl_said(source_ids: Sequence[str], runs: Mapping[str, dict[str, Any]], took: str) -> str:
    """`took`: '(12.3s)'."""
    if len(source_ids) == 1:
        return _one(source_ids[0], runs.get(source_ids[0], NO_RUN), took)
    each = [runs.get(source_id, NO_RUN) for source_id in source_ids]
    failed = [(s, r) for s, r in zip(source_ids, each, strict=True) if r["outcome"] != "ok"]
    said = (
        f"crawl of {len(source_ids)} source(s): {len(source_ids) - len(failed)} ok, "
        f"{len(failed)} failed; {_total(each, 'items')} items, {_total(each, 'new')} new, "
        f"{_total(each, 'changed')} changed {took}"
    )
    if failed:
        named = [f"{s} ({r.get('reason')})" for s, r in failed[:FAILED_NAMED]]
        more = len(failed) - FAILED_NAMED
        said += "; failed: " + ", ".join(named)
        if more > 0:
            said += f", and {more} more (fundwatch sources status)"
    return said


def _one(source_id: str, run: dict[str, Any], took: str) -> str:
    line = (
        f"crawl {source_id}: {run['outcome']}, {run.get('items') or 0} items, "
        f"{run.get('new') or 0} new, {run.get('changed') or 0} changed {took}"
    )
    if run["outcome"] != "ok":
        line += f"; reason: {run.get('reason')}"
    return line


def _total(runs: list[dict[str, Any]], key: str) -> int:
    return sum(run.get(key) or 0 for run in runs)
