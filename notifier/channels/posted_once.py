"""A chat message posted once per destination, whichever subscriptions it stands for.

Subscriptions are the teams' own rules, but several may name one Slack channel or one Teams
webhook: 200 teams' subscriptions in a shared channel, each matching a call, each with its own
outbox row, put the same message there 200 times (the first as a post, the rest as replies in
its thread, a second apart). A message the same, to the letter, as one already posted to that
destination stands for its rows too: they are marked sent without another post. A message that
differs (a team whose `near` places make the call "near you") still goes.

Within a run the posts are remembered here; across runs, through storage/channel_posts.py, whose
record the engine writes in the unit that marks the posting row sent (the outcome carries it as
`posted`). So a run killed at a later post leaves an earlier, answered message known, and the
next run marks the other teams' rows of it rather than posting it again.

A message is known by its destination, its kind (the cadence it went as: instant, daily, weekly)
and what it says: a digest is not the instant post it reads the same as, and goes.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, TypeVar

from notifier.alerts import Alert
from notifier.channels.outcome import Outcome
from storage.channel_posts import fingerprint, posted_since

if TYPE_CHECKING:
    from sqlite_utils import Database

OutcomeT = TypeVar("OutcomeT", bound=Outcome)


__all__ = ["PostedOnce", "Recorded", "fingerprint", "place"]


@dataclass(frozen=True)
class Recorded(Outcome):
    """A post an earlier run made and recorded; `ts` names it, for Slack's threads."""

    ts: str | None = None


def place(kind: str, destination: str) -> str:
    """The record's key for a destination: `kind` ("slack", "teams") and a hash of the destination
    itself (a Slack channel id, a webhook's URL). Not the variable that holds a webhook's URL nor a
    subscription's name for it: renamed in config, the same webhook must stay the same record (and
    two variables holding one webhook are one). Hashed, as a webhook's URL is a secret."""
    return f"{kind}:{fingerprint(destination)}"


@dataclass
class Reuses:
    """The teams and alerts one message stood for without being posted again, for one log line."""

    where: str  # how the log names the destination: a channel id, "webhook:<VARIABLE>"
    before: bool  # posted by an earlier run, not this one
    teams: set[str] = field(default_factory=set)
    alerts: int = 0


class PostedOnce:
    """The messages posted to each destination (`kind` and the destination, hashed by `place`):
    this run's in memory, earlier runs' in the repository when `db` is given."""

    def __init__(self, db: Database | None, platform: str) -> None:
        self._posted: dict[tuple[str, str, str], Outcome] = {}
        # Messages that stood for other teams' rows, said once each (one INFO line a team, 199
        # lines for a call 200 teams share, said nothing the first did not).
        self._reused: dict[tuple[str, str, str], Reuses] = {}
        self._lock = threading.Lock()
        self.db = db
        self.platform = platform  # "slack", "teams": a message's own kind is its cadence

    def earlier(
        self, destination: str, kind: str, message: str, alerts: Sequence[Alert] = ()
    ) -> Outcome | None:
        """The outcome of the same message of the same `kind` (a cadence) posted to `destination`
        earlier in the run, or recorded by an earlier run after every one of `alerts` was queued;
        None: post it."""
        where = place(self.platform, destination)
        with self._lock:
            found = self._posted.get((where, kind, message))
        if found is not None or self.db is None:
            return found
        queued = [a.queued_at for a in alerts]
        if not queued or None in queued:
            return None
        stored = posted_since(self.db, where, kind, message, max(queued))
        return None if stored is None else Recorded(ok=True, ts=stored[0], before=True)

    def remember(self, destination: str, kind: str, message: str, outcome: OutcomeT) -> OutcomeT:
        """Keep a posted message (only one that went); returns `outcome`, carrying what to record
        with its rows' mark when it went."""
        if not outcome.ok or outcome.untried:
            return outcome
        where = place(self.platform, destination)
        with self._lock:
            self._posted.setdefault((where, kind, message), outcome)
        return replace(outcome, posted=(where, kind, message, getattr(outcome, "ts", None)))

    def reused(
        self,
        destination: str,
        kind: str,
        message: str,
        earlier: Outcome,
        *,
        where: str,
        team: str,
        alerts: int,
    ) -> None:
        """Note that the message (its `earlier` outcome) stood for `team`'s `alerts`; said by `say`,
        naming the destination as `where` (a channel id, "webhook:<VARIABLE>", never a URL)."""
        key = (place(self.platform, destination), kind, message)
        with self._lock:
            tally = self._reused.get(key)
            if tally is None:
                tally = self._reused[key] = Reuses(where, earlier.before)
            tally.teams.add(team)
            tally.alerts += alerts

    def say(self, log: logging.Logger) -> None:
        """The delivery run's end: one INFO line a message that stood for other teams' rows."""
        for line in self.lines():
            log.info("%s", line)

    def lines(self) -> list[str]:
        """One line a message that stood for other teams' rows since the last call, with how many
        teams and alerts; forgotten once said."""
        with self._lock:
            noted, self._reused = list(self._reused.values()), {}
        return [
            f"{self.platform}: the same message, {'posted by an earlier run' if r.before else 'posted'}"
            f" to {r.where}, stood for {len(r.teams)} team(s) ({r.alerts} alert(s)): "
            "not posted again"
            for r in noted
        ]
