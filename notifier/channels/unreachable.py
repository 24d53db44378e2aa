"""The hosts that stopped answering in this delivery run (a chat service's, or the mail server), so
the run sends nothing more to them.

A post that gets no answer (a timeout, a refused or reset connection) says the host is unwell, not
that one message was wrong: every later post to that host in the run would wait out the same
timeout (50 alerts with Slack stalled: 10 s each, a 500 s run, its claims held all along). So the
first such failure marks the host, and the alerts after it, for any channel, webhook or
subscription on that host, come back `untried`: the outbox keeps them pending with the usual
backoff and without spending an attempt, as it keeps the alerts a rate limit held back. A run
lasts minutes; the next run tries again.

One object per run, shared by its workers (notifier/delivery/workers.py); a channel built without
one gets its own, which then lasts as long as the channel.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from notifier.channels.in_flight import host_of, in_flight
from notifier.channels.outcome import Outcome

Answer = TypeVar("Answer", bound=Outcome)


class UnreachableHosts:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._why: dict[str, str] = {}  # host → what its first unanswered post came to

    def untried(self, url: str, kind: type[Answer]) -> Answer | None:
        """The outcome of a post not tried, when the host of `url` has stopped answering in this
        run; None when it has not. Its words are the service's (never the URL: a webhook's is a
        secret)."""
        with self._lock:
            why = self._why.get(host_of(url))
        if why is None:
            return None
        return kind(
            ok=False, error=f"not tried: {why} earlier in this run; will retry later", untried=True
        )

    def attempt(self, url: str, post: Callable[[], Answer], kind: type[Answer]) -> Answer:
        """`post()` while holding one of the host's few places (in_flight.py), unless the host
        stopped answering while this post waited for a place; a post that got no answer marks
        the host for the rest of the run."""
        with in_flight(url):
            skipped = self.untried(url, kind)
            if skipped is not None:
                return skipped
            outcome = post()
        if outcome.unanswered:
            self.note(url, outcome.unanswered)
        return outcome

    def note(self, url: str, why: str) -> None:
        """The host of `url` gave no answer (`why`, in words that quote nothing secret): the run
        tries it no more. The first words are kept."""
        with self._lock:
            self._why.setdefault(host_of(url), why)
