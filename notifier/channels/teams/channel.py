"""TeamsChannel: a subscription's alerts as Adaptive Cards, POSTed to the Teams Workflows webhook
whose URL is in the variable the subscription names, paced per webhook.

One card per alert up to the burst limit, else one summary card (as Slack). No retries inside a
call: a 429 comes back with its Retry-After and the outbox waits it out; a timeout or a 5xx is
tried again on a later run (engine backoff). Redirects are not followed (a redirect could lead
anywhere); the URL is read at send time, checked (webhook_url.py), and never logged or repeated.
Plain urllib, so no new dependency; the environment's proxy settings apply, as for slack_sdk.
"""

from __future__ import annotations

import http.client
import json
import logging
import os
import time
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.error import HTTPError

from config.models import Subscription
from notifier.alerts import Alert, DeliveryResult
from notifier.channels.groups import burst_groups, is_summary
from notifier.channels.outcome import log_outcome, until_halted
from notifier.channels.pacing import Pacer
from notifier.channels.posted_once import PostedOnce, fingerprint
from notifier.channels.teams.answers import TeamsOutcome, answer_outcome, network_outcome
from notifier.channels.teams.cards import alert_card, burst_card, message, notice_card
from notifier.channels.teams.webhook_url import teams_url_problem
from notifier.channels.unreachable import UnreachableHosts
from spiders.early_stop import sleep_unless_stopped

if TYPE_CHECKING:
    from sqlite_utils import Database

log = logging.getLogger("fundwatch.teams")

USER_AGENT = "fundwatch-teams/1"
MAX_ANSWER_BYTES = 65_536  # an error page is read only this far
NOTICE_CHARS = 2000  # one line of a notice to curators
NETWORK_ERRORS = (OSError, http.client.HTTPException)


class TeamsNotConfigured(RuntimeError):
    """The subscription's webhook variable is not set: its rows wait (choose.py falls back to
    the console before this can happen)."""


class TeamsWebhookRefused(TeamsNotConfigured):
    """The variable holds a URL alerts may not go to: its alerts fail for good."""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # the 3xx comes back as an HTTPError, and answers.py says why


def opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_NoRedirect())


class TeamsChannel:
    """Posts a subscription's alerts to its Teams channel's Workflows webhook."""

    def __init__(
        self,
        *,
        env: Mapping[str, str] = os.environ,
        burst_limit: int = 10,
        min_interval: float = 1.0,
        timeout: float = 10.0,
        sleep: Callable[[float], None] = sleep_unless_stopped,
        clock: Callable[[], float] = time.monotonic,
        unreachable: UnreachableHosts | None = None,
        db: Database | None = None,
    ) -> None:
        self.env = env
        self.burst_limit = burst_limit
        # The Teams connector behind a flow allows about 100 calls a minute per connection; one
        # card a second per webhook keeps well inside that and reads calmly in a channel.
        self.pacer = Pacer(min_interval, sleep, clock)
        self.timeout = timeout
        # The run's hosts that stopped answering: shared by its workers (choose.py).
        self.unreachable = unreachable or UnreachableHosts()
        self._opener = opener()
        # One card once per webhook, for every subscription on it.
        self.posted = PostedOnce(db, "teams")

    # --- configuration -------------------------------------------------------------------------

    def webhook(self, subscription: Subscription) -> tuple[str, str]:
        """(variable name, URL) for the subscription, read now; never echoes the value."""
        target = subscription.teams
        if target is None:
            raise TeamsNotConfigured(f"subscription {subscription.id} has no teams target")
        name = target.webhook_env
        url = (self.env.get(name) or "").strip()
        if not url:
            raise TeamsNotConfigured(
                f"subscription {subscription.id} posts to Teams but {name} is not set"
            )
        problem = teams_url_problem(name, url, self.env)
        if problem:
            raise TeamsWebhookRefused(problem)
        return name, url

    # --- posting -------------------------------------------------------------------------------

    def split(self, alerts: list[Alert]) -> list[list[Alert]]:
        """One alert per deliver call up to the burst limit; beyond it, one call (one summary)."""
        return burst_groups(alerts, self.burst_limit)

    def deliver(
        self,
        subscription: Subscription,
        alerts: list[Alert],
        now: datetime,
        *,
        cadence: str = "instant",
        coverage: str | None = None,  # digests by email say it; a chat card does not
    ) -> list[DeliveryResult]:
        """Post the alerts; one DeliveryResult per alert, in the same order."""
        try:
            name, url = self.webhook(subscription)
        except TeamsWebhookRefused as refused:
            log.warning("teams: alerts for %s not sent: %s", subscription.id, refused)
            return TeamsOutcome(ok=False, error=str(refused), permanent=True).results(alerts)
        except TeamsNotConfigured as missing:
            return TeamsOutcome(ok=False, error=f"{missing}; will retry later").results(alerts)
        if is_summary(alerts, self.burst_limit):
            card = burst_card(alerts, now, cadence)
            what = f"a summary of {len(alerts)} alerts"
            posted = self._post(subscription, name, url, card, now, what, alerts, cadence)
            return posted.results(alerts)
        return until_halted(
            alerts,
            lambda alert: self._post(
                subscription,
                name,
                url,
                alert_card(alert, now),
                now,
                f"outbox {alert.outbox_id}",
                [alert],
                cadence,
            ),
        )

    def post_text(self, subscription: Subscription, text: str, now: datetime) -> TeamsOutcome:
        """One notice card to the subscription's webhook (curators told a source broke)."""
        try:
            name, url = self.webhook(subscription)
        except TeamsWebhookRefused as refused:
            return TeamsOutcome(ok=False, error=str(refused), permanent=True)
        except TeamsNotConfigured as missing:
            return TeamsOutcome(ok=False, error=str(missing))
        card = notice_card(text, NOTICE_CHARS)
        return self._post(subscription, name, url, card, now, "a notice to curators", (), "notice")

    def _post(
        self,
        subscription: Subscription,
        name: str,
        url: str,
        card: dict,
        now: datetime,
        what: str,
        alerts: Sequence[Alert] = (),
        kind: str = "instant",
    ) -> TeamsOutcome:
        """One card to the webhook in variable `name`, logged under the variable's name; a card
        the same, and of the same kind (a cadence), as one posted to this webhook for `alerts`
        already (this run, or recorded by an earlier one after they were queued) is not posted
        again."""
        payload, where = message(card), f"webhook:{name}"
        said = fingerprint(payload)
        # Known by the URL (two variables may hold one webhook), kept hashed (posted_once.place).
        if (earlier := self.posted.earlier(url, kind, said, alerts)) is not None:
            # Said once a card, by finish(): a line a team was 199 for one call 200 teams share.
            self.posted.reused(
                url, kind, said, earlier, where=where, team=subscription.id, alerts=len(alerts)
            )
            return TeamsOutcome(ok=True, reused=True, before=earlier.before)
        outcome = self.posted.remember(url, kind, said, self.post(name, url, payload, now))
        log_outcome(log, outcome, what, subscription, where)  # never the URL
        return outcome

    def finish(self) -> None:
        """The delivery run's end: one line a card that stood for other teams' rows."""
        self.posted.say(log)

    def post(self, name: str, url: str, payload: dict[str, Any], now: datetime) -> TeamsOutcome:
        """One paced POST of `payload` to the webhook in variable `name`; paced by URL, as two
        variables may hold the same webhook. Not tried when the webhook's host stopped answering
        earlier in the run (unreachable.py)."""
        skipped = self.unreachable.untried(url, TeamsOutcome)
        if skipped is not None:
            return skipped
        return self.pacer.paced(
            url,
            lambda: self.unreachable.attempt(
                url, lambda: self._send(name, url, payload, now), TeamsOutcome
            ),
        )

    def _send(self, name: str, url: str, payload: dict[str, Any], now: datetime) -> TeamsOutcome:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(
            url,
            data=data,
            method="POST",
            headers={"Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT},
        )
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                response.read(MAX_ANSWER_BYTES)
                return answer_outcome(response.status, None, response.headers, name, now)
        except HTTPError as answer:
            try:
                body = answer.read(MAX_ANSWER_BYTES)
            except NETWORK_ERRORS:
                body = None
            finally:
                answer.close()
            return answer_outcome(answer.code, body, answer.headers, name, now)
        except NETWORK_ERRORS as exc:
            return network_outcome(exc, name, self.timeout)
