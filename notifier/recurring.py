"""Recurring funds, pure: which rounds of a fund came before this one, and how people read them.

A fund's rounds share a fund key (storage/fund_rounds.py). A round is earlier by its label when both
labels count the same way ("Round 8" < "Round 9", "2026 to 2027" < "2027 to 2028"), otherwise by
its dates (opening, else closing, else first seen). The same round seen twice (the same label, or no
labels and closing within a day) is not a past round of itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from config.clock import parse_iso
from notifier.present import date_text
from storage.fund_rounds import round_order

SAME_CALL = timedelta(days=1)  # unlabelled twins closing this close together are one call
SHOWN = 3  # past rounds an alert lists: enough to see the rhythm of a fund


@dataclass(frozen=True)
class PastRound:
    id: str
    title: str
    label: str | None
    opens_at: datetime | None
    closes_at: datetime | None
    url: str | None = None

    @property
    def name(self) -> str:
        return self.label or "An earlier round"


def _when(row: dict[str, Any]) -> datetime | None:
    for name in ("opens_at", "closes_at", "first_seen"):
        when = parse_iso(row.get(name))
        if when is not None:
            return when
    return None


def _twins(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a.get("round_label") or b.get("round_label"):
        return bool(a.get("round_label")) and a.get("round_label") == b.get("round_label")
    closes_a, closes_b = parse_iso(a.get("closes_at")), parse_iso(b.get("closes_at"))
    if closes_a is None or closes_b is None:
        return closes_a is None and closes_b is None and a.get("opens_at") == b.get("opens_at")
    return abs(closes_a - closes_b) <= SAME_CALL


def _earlier(row: dict[str, Any], this: dict[str, Any]) -> bool:
    theirs, mine = round_order(row.get("round_label")), round_order(this.get("round_label"))
    if theirs and mine and theirs[0] == mine[0]:
        return theirs[1] < mine[1]
    when, now_when = _when(row), _when(this)
    return when is not None and now_when is not None and when < now_when


def _ran_alongside(row: dict[str, Any], this: dict[str, Any]) -> bool:
    """An earlier round still open when this one began ("Call 2" closing next week as "Call 3"
    opens) runs beside it: it is no past round to plan from."""
    began = parse_iso(this.get("opens_at")) or parse_iso(this.get("first_seen"))
    closes = parse_iso(row.get("closes_at"))
    if closes is None:
        return row.get("status") in ("open", "upcoming") and not row.get("removed_at")
    return began is not None and closes > began


def earlier_rounds(
    this: dict[str, Any],
    rounds: list[dict[str, Any]],
    limit: int | None = None,
    *,
    finished: bool = True,
) -> tuple[PastRound, ...]:
    """The rounds of `this` opportunity's fund that came before it, most recent first (rows as
    storage/fund_history.py reads them): those finished before it began, or with `finished=False`
    also those still running beside it."""
    past = [
        row
        for row in rounds
        if row.get("id") != this.get("id")
        and not _twins(row, this)
        and _earlier(row, this)
        and not (finished and _ran_alongside(row, this))
    ]
    past.sort(key=lambda row: _when(row) or datetime.min.replace(tzinfo=UTC), reverse=True)
    return tuple(
        PastRound(
            id=row["id"],
            title=row.get("title") or "",
            label=row.get("round_label"),
            opens_at=parse_iso(row.get("opens_at")),
            closes_at=parse_iso(row.get("closes_at")),
            url=row.get("url"),
        )
        for row in past[:limit]
    )


def round_name(label: str | None) -> str:
    """How a sentence names a round: 'Round 10', 'The 2027 to 2028 round', 'A new round'."""
    if not label:
        return "A new round"
    order = round_order(label)  # fund_rounds read the label: a year, month or season leads it
    if order and order[0][0] == "year":
        return f"The {label} round"
    return label


def followed_text(label: str | None) -> str:
    """'Round 10 of a fund you followed'."""
    return f"{round_name(label)} of a fund you followed"


def recurring_text(label: str | None, earlier: int) -> str:
    """'Round 10 of a recurring fund: 2 earlier rounds'."""
    rounds = "1 earlier round" if earlier == 1 else f"{earlier} earlier rounds"
    return f"{round_name(label)} of a recurring fund: {rounds}"


def round_dates(past: PastRound, now: datetime) -> str:
    """'Round 9: opened 5 Jan 2026, closed 20 Feb 2026'."""
    parts = []
    for verb, when in (("open", past.opens_at), ("close", past.closes_at)):
        if when is not None:
            tense = {"open": "opened", "close": "closed"}[verb] if when <= now else f"{verb}s"
            parts.append(f"{tense} {date_text(when, with_time=False)}")
    return f"{past.name}: {', '.join(parts) or 'dates not known'}"


def past_rounds_text(rounds: tuple[PastRound, ...], now: datetime, shown: int = SHOWN) -> str:
    """'Past rounds: Round 9: opened 5 Jan 2026, closed 20 Feb 2026; Round 8: closed 3 Mar 2025'."""
    listed = "; ".join(round_dates(past, now) for past in rounds[:shown])
    more = len(rounds) - shown
    return f"Past rounds: {listed}" + (f"; and {more} more" if more > 0 else "")
