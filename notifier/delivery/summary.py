"""What a delivery run did, counted per channel, with its problems as lines safe to print."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from config.clock import LONDON, parse_iso
from notifier.alerts import DeliveryResult
from notifier.present import date_text


def messages_of(results: Sequence[DeliveryResult]) -> int:
    """How many messages one deliver call's sent alerts went in, posted now: each chat post once
    (a summary is one), none for alerts standing on a message already posted, nor for a message
    an earlier run posted (found in the record or read back from Slack: one was counted as
    posted now, the other not), and one for a channel that sends its call as one message (an
    email, a line on the console)."""
    went = [r for r in results if r.ok]
    posts = {r.posted for r in went if r.posted and not r.before}
    return len(posts) + any(not r.posted and not r.reused for r in went)


@dataclass
class DeliverySummary:
    sent: int = 0
    failed: int = 0  # failed for good (permanent, gave up, subscription removed)
    retrying: int = 0  # back in the outbox for a later attempt
    recovered: int = 0  # rows a dead run left in `sending`, put back to pending
    left: int = 0  # due rows a stop left untried, for the next run (notifier/stopping.py)
    # Messages the sent alerts went in: a summary carries many, and a message several teams
    # sharing a channel get is posted once for all their rows.
    messages: int = 0
    # Alerts sent on a message an earlier run had posted (a run stopped or killed after the post
    # and before these were marked): sent, but in no message of this run.
    before: int = 0
    by_channel: dict[str, dict[str, int]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # one line each, secrets scrubbed
    # (channel, why) → alerts not tried, their host having stopped answering (counted in retrying)
    untried: dict[tuple[str, str], int] = field(default_factory=dict)
    # Destinations are served concurrently (notifier/delivery/engine.py): counts take turns.
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    # Told of every count, for a long run's progress lines (notifier/delivery/progress.py).
    progress: Callable[[DeliverySummary], None] | None = field(
        default=None, repr=False, compare=False
    )

    def count(self, channel: str, outcome: str, n: int) -> None:
        if not n:
            return
        with self._lock:
            setattr(self, outcome, getattr(self, outcome) + n)
            tally = self.by_channel.setdefault(channel, {"sent": 0, "failed": 0, "retrying": 0})
            tally[outcome] += n
        if self.progress is not None:
            self.progress(self)

    def count_messages(self, results: Sequence[DeliveryResult]) -> None:
        """Count the messages one deliver call's sent alerts went in (messages_of)."""
        n = messages_of(results)
        earlier = sum(1 for r in results if r.ok and r.before)
        with self._lock:
            self.messages += n
            self.before += earlier

    def count_left(self, n: int) -> None:
        with self._lock:
            self.left += n

    def note(self, problem: str) -> None:
        with self._lock:
            if problem not in self.problems:
                self.problems.append(problem)

    def not_tried(self, channel: str, why: str, n: int) -> None:
        with self._lock:
            self.untried[(channel, why)] = self.untried.get((channel, why), 0) + n

    @property
    def gave_up(self) -> int:
        """Alerts a channel failed for good in this run (not those of a removed subscription)."""
        return sum(tally["failed"] for tally in self.by_channel.values())

    def lines(self) -> str:
        """The problems, then what to do about alerts failed for good."""
        said = "".join(f"\n  problem: {p}" for p in self.problems)
        said += "".join(
            f"\n  problem: {channel}: {n} alert(s) {why}"
            for (channel, why), n in self.untried.items()
        )
        if self.gave_up:
            said += (
                f"\n  {self.gave_up} alert(s) failed for good: fix what the problem says, then "
                "`fundwatch notify --retry-failed` sends them once"
            )
        return said

    def text(self) -> str:
        line = (
            f"{self.sent} alert(s) sent in {self.messages} message(s), {self.retrying} to retry, "
            f"{self.failed} failed"
        )
        if self.before:
            line += f", {self.before} sent on message(s) posted by an earlier run"
        if self.recovered:
            line += f", {self.recovered} recovered from an interrupted run"
        return line + self.lines()


@dataclass
class DigestSummary(DeliverySummary):
    digests: int = 0  # messages (per subscription and channel) that went out
    not_due: int = 0  # (subscription, channel) pairs with alerts waiting for their next slot
    next_slot: str | None = None  # ISO UTC, for the scheduler and the command line

    def text(self) -> str:
        waiting = f"; {self.not_due} waiting for the next slot" if self.not_due else ""
        # A digest a stopped run had posted to a shared channel is marked, not posted again:
        # said, or the rerun read as if it had sent them now.
        earlier = f", {self.before} on message(s) posted by an earlier run" if self.before else ""
        return (
            f"{self.digests} digest(s) sent covering {self.sent} alert(s){earlier}; "
            f"{self.retrying} to "
            f"retry, {self.failed} failed{waiting}; next slot {slot_text(self.next_slot)}"
            + self.lines()
        )


def slot_text(value: str | None) -> str:
    """'Wed 2 Jun 2027, 8:00am (UK time)': the slot as the schedule in settings.yaml says it (London
    time, with its weekday); the stored ISO UTC would read 07:00 all summer."""
    when = parse_iso(value)
    if when is None:
        return "none"
    return f"{when.astimezone(LONDON):%a} {date_text(when)} (UK time)"
