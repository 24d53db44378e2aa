"""What one post to a chat destination (a Slack channel or webhook, a Teams webhook) came to, and
the rule every chat channel follows with it: post alert by alert until an answer halts the rest.

An outcome is ok, or failed: for good (`permanent`), after a wait the far end named
(`retry_after`), or for now (the engine backs off). A permanent failure or a wait halts the
destination: the alerts after it get the same answer without being posted. Not so when the far end
refused this one message for what it holds (`only_this`: a card Teams would not take says nothing
about the next one).

A post that got no answer at all names what happened in `unanswered` ("Slack did not answer
within 10s"): its host is then not tried again in the run, and the posts after it come back
`untried` (unreachable.py).
"""

from __future__ import annotations

import http.client
import logging
import socket
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Self
from urllib.error import URLError

from config.models import Subscription
from notifier.alerts import Alert, DeliveryResult

# An answer a chat channel does not know (an `ok: false` code Slack does not document for
# posting, a 4xx Teams does not give): more likely a refusal no retry cures than a passing fault,
# and retried as one it cost 12 attempts over some 20 hours. One rule for every chat channel: it
# is tried this often in all (runs minutes apart), then fails for good showing what was said.
UNKNOWN_ANSWER_ATTEMPTS = 3
UNKNOWN_ANSWER = "an answer fundwatch does not know; please report it"


@dataclass(frozen=True)
class Outcome:
    """What one post came to."""

    ok: bool
    error: str | None = None
    permanent: bool = False
    retry_after: float | None = None
    only_this: bool = False
    untried: bool = False  # not posted: its host stopped answering earlier in the run
    unanswered: str | None = None  # no answer came, in words about the host alone
    give_up_after: int | None = None  # fewer attempts than the outbox's own for this answer
    posted: tuple[str, str, str, str | None] | None = None  # what went where (posted_once.py)
    reused: bool = False  # not posted: the same message was in its destination already
    # The message it went in was in its destination before this run (an earlier run posted it:
    # found in the record, or read back from Slack): sent now, but no message posted now.
    before: bool = False

    @classmethod
    def unknown(cls, said: str) -> Self:
        """An answer fundwatch does not know (`said`: the far end's code or status, in our words):
        UNKNOWN_ANSWER_ATTEMPTS tries, then failed for good showing it."""
        return cls(
            ok=False, error=f"{said}, {UNKNOWN_ANSWER}", give_up_after=UNKNOWN_ANSWER_ATTEMPTS
        )

    @classmethod
    def down_for(cls, said: str, seconds: float) -> Self:
        """A 5xx naming how long the far end will be down (retry_after.outage_wait): the
        destination waits that long, and the alerts after it are not posted into the outage."""
        return cls(ok=False, error=f"{said}; retry after {seconds:g}s", retry_after=seconds)

    @property
    def halts(self) -> bool:
        """The rule is DeliveryResult's: posting more now would only fail again."""
        return self.result(0).halts

    def result(self, outbox_id: int) -> DeliveryResult:
        return DeliveryResult(
            outbox_id=outbox_id,
            ok=self.ok,
            error=self.error,
            permanent=self.permanent,
            retry_after=self.retry_after,
            only_this=self.only_this,
            untried=self.untried,
            give_up_after=self.give_up_after,
            posted=self.posted,
            reused=self.reused,
            before=self.before,
        )

    def results(self, alerts: Sequence[Alert]) -> list[DeliveryResult]:
        """The same answer for every alert (a summary, a digest, a destination refused)."""
        return [self.result(alert.outbox_id) for alert in alerts]


def until_halted(alerts: Sequence[Alert], post: Callable[[Alert], Outcome]) -> list[DeliveryResult]:
    """Post alert by alert; once an answer halts the destination, the rest get that answer unposted
    (same destination, same answer: don't hammer a rate limit or a channel that is gone)."""
    results: list[DeliveryResult] = []
    halted: Outcome | None = None
    for alert in alerts:
        outcome = halted or post(alert)
        results.append(outcome.result(alert.outbox_id))
        if outcome.halts:
            halted = outcome
    return results


def unreachable(exc: BaseException, service: str, timeout: float) -> str:
    """A timeout or connection failure in words built from its kind, never its text: an exception
    message may quote the URL, and a webhook URL is a secret."""
    reason = exc.reason if isinstance(exc, URLError) else exc
    if isinstance(reason, TimeoutError):
        return f"{service} did not answer within {timeout:g}s"
    if isinstance(reason, ConnectionRefusedError):
        return f"{service} refused the connection"
    if isinstance(reason, socket.gaierror):
        # Said "(gaierror)": a word only a programmer knows, for a mistyped or unresolvable host.
        return f"could not reach {service}: its host name was not found"
    if isinstance(reason, ssl.SSLError):
        return f"could not reach {service}: the secure connection failed (its certificate or TLS)"
    if isinstance(reason, ConnectionError | http.client.HTTPException):
        return f"the connection to {service} failed ({type(reason).__name__})"
    return f"could not reach {service} ({type(reason).__name__})"


def log_outcome(
    log: logging.Logger, outcome: Outcome, what: str, subscription: Subscription, where: str
) -> None:
    """One line a post; `where` names the destination by its id or variable, never a URL. Posts
    not tried are left to the run's summary, which counts them in one line."""
    service = log.name.rsplit(".", 1)[-1]  # fundwatch.slack → "slack: …", as the lines always began
    if outcome.untried:
        return
    if outcome.ok:
        log.info("%s: posted %s for %s to %s", service, what, subscription.id, where)
    else:
        log.warning(
            "%s: %s for %s to %s failed: %s", service, what, subscription.id, where, outcome.error
        )
