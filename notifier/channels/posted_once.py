"""A chat message posted once per destination in a run, whichever subscriptions it stands for.

Subscriptions are the teams' own rules, but several may name one Slack channel or one Teams
webhook: 200 teams' subscriptions in a shared channel, each matching a call, each with its own
outbox row, put the same message there 200 times (the first as a post, the rest as replies in
its thread, a second apart). A message the same, to the letter, as one already posted to that
destination in this run stands for its rows too: they are marked sent without another post. A
message that differs (a team whose `near` places make the call "near you") still goes.
"""

from __future__ import annotations

import hashlib
import json
import threading
from typing import Any, TypeVar

from notifier.channels.outcome import Outcome

OutcomeT = TypeVar("OutcomeT", bound=Outcome)


def fingerprint(*message: Any) -> str:
    """What a post says (text, blocks, a card), as one comparable key."""
    text = json.dumps(message, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class PostedOnce:
    """The messages posted to each destination this run (a channel id, a webhook's key)."""

    def __init__(self) -> None:
        self._posted: dict[tuple[str, str], Outcome] = {}
        self._lock = threading.Lock()

    def earlier(self, where: str, message: str) -> Outcome | None:
        """The outcome of the same message posted to `where` earlier in the run, if any."""
        with self._lock:
            return self._posted.get((where, message))

    def remember(self, where: str, message: str, outcome: OutcomeT) -> OutcomeT:
        """Keep a posted message (only one that went); returns `outcome`."""
        if outcome.ok and not outcome.untried:
            with self._lock:
                self._posted.setdefault((where, message), outcome)
        return outcome
