"""Several events about one call, told at once: what the reader learns is how the call moved since
they last heard of it, not each step. Pure functions, shared by digests and instant alerts.

A call changed twice between two sends (closing date 12 → 19 Jan, then 19 → 26 Jan) is one change,
12 → 26 Jan: the first step's before, the last step's after; a field that moved and moved back is
no change at all. A call the reader first hears of in this send (`new`, a welcome, a baseline) is
told as it stands now: its changes since it was found are no news to someone who never saw it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

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
