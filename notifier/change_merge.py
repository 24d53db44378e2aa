"""Several events about one call, told at once: what the reader learns is how the call moved since
they last heard of it, not each step. Pure functions, shared by digests and instant alerts.

A call changed twice between two sends (closing date 12 → 19 Jan, then 19 → 26 Jan) is one change,
12 → 26 Jan: the first step's before, the last step's after; a field that moved and moved back is
no change at all. A call the reader first hears of in this send (`new`, a welcome, a baseline) is
told as it stands now: its changes since it was found are no news to someone who never saw it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from notifier.alerts import Alert

# Events that introduce a call to its reader: whatever changed before it is sent is already in it.
FIRST_TOLD = frozenset({"new", "welcome", "baseline"})

Changes = dict[str, tuple[Any, Any]]


def merge_changes(steps: Iterable[Changes]) -> Changes:
    """Successive changes (oldest first) as one: each field's first before and last after; the
    fields back where they started are left out. Field order: as each was first changed."""
    merged: Changes = {}
    for step in steps:
        for name, (before, after) in step.items():
            merged[name] = (merged[name][0] if name in merged else before, after)
    return {name: pair for name, pair in merged.items() if pair[0] != pair[1]}


def told_as_new(events: Iterable[str]) -> bool:
    """Whether these events about one call include one that introduces it to its reader."""
    return any(event in FIRST_TOLD for event in events)


def fold(alerts: Sequence[Alert]) -> tuple[list[Alert], dict[int, list[int]]]:
    """Instant alerts as their readers should get them: a call's `changed` alerts folded into one.

    Into its `new` (or welcome) alert when the same send introduces the call: that alert shows it as
    it stands. Otherwise into its last `changed` alert, carrying the changes merged; when they
    cancel out, into none (nothing to say). Other events stay as they are. Returns the alerts to
    send, in order, and each kept alert's id → the ids folded into it (key 0: folded into none).
    """
    by_call: dict[str, list[Alert]] = {}
    for alert in alerts:
        by_call.setdefault(alert.opportunity.id, []).append(alert)
    replaced: dict[int, Alert | None] = {}  # outbox id → what is sent instead (None: nothing)
    folded: dict[int, list[int]] = {}
    for group in by_call.values():
        changed = sorted((a for a in group if a.event == "changed"), key=lambda a: a.outbox_id)
        intro = next((a for a in group if a.event in FIRST_TOLD), None)
        if not changed or (intro is None and len(changed) == 1):
            continue
        if intro is not None:
            keeper, gone = intro, changed
        else:
            merged = merge_changes(a.changes for a in changed)
            keeper = replace(changed[-1], changes=merged) if merged else None
            gone = changed[:-1] if merged else changed
            replaced[changed[-1].outbox_id] = keeper
        for alert in gone:
            replaced[alert.outbox_id] = None
        folded.setdefault(keeper.outbox_id if keeper else 0, []).extend(a.outbox_id for a in gone)
    kept = [replaced.get(a.outbox_id, a) for a in alerts]
    return [a for a in kept if a is not None], folded
