"""SlackChannel: a subscription's alerts, posted to its Slack channel (bot token, threads per
opportunity) or its incoming webhook, paced at about one message a second per channel.

The first post about an opportunity in a channel starts its thread (a burst summary starts one for
every opportunity in it); later alerts reply there, and a reply that matters (a new deadline,
status or eligibility, a closing reminder) is also sent to the channel."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from slack_sdk import WebClient
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.webhook import WebhookClient

from config.model_parts import is_web_address
from config.models import Subscription
from notifier.alerts import Alert, DeliveryResult
from notifier.channels.escape import clean, mrkdwn
from notifier.channels.groups import burst_groups, is_summary
from notifier.channels.outcome import log_outcome, until_halted
from notifier.channels.pacing import Pacer
from notifier.channels.posted_once import PostedOnce, fingerprint
from notifier.channels.slack.answers import API_URL_ENV, TOKEN_ENV, PostOutcome
from notifier.channels.slack.blocks import alert_message, broadcasts, burst_message
from notifier.channels.slack.landed import posted_before
from notifier.channels.slack.transport import (
    BotPoster,
    Poster,
    WebhookPoster,
    retry_handlers,
    web_client,
    webhook_client,
)
from notifier.channels.slack.webhook_url import webhook_url_problem
from notifier.channels.unreachable import UnreachableHosts
from spiders.early_stop import sleep_unless_stopped
from storage.threads import remember_thread, remember_threads, thread_for

if TYPE_CHECKING:
    from sqlite_utils import Database

log = logging.getLogger("fundwatch.slack")

DEFAULT_API_URL = "https://slack.com/api/"
NOTICE_CHARS = 2900  # within a section's 3,000 characters once escaped


class SlackNotConfigured(RuntimeError):
    """Slack delivery has no token or webhook to use: the caller falls back to the console."""


class WebhookRefused(SlackNotConfigured):
    """The webhook variable holds a URL alerts may not go to: its alerts fail for good."""


class SlackChannel:
    """Posts a subscription's alerts to its Slack channel or webhook."""

    def __init__(
        self,
        db: Database,
        *,
        token: str | None = None,
        api_url: str | None = None,
        env: Mapping[str, str] = os.environ,
        burst_limit: int = 10,
        max_rate_limit_retries: int = 2,
        max_inline_wait: float = 30.0,
        min_interval: float = 1.0,
        timeout: float = 10.0,
        sleep: Callable[[float], None] = sleep_unless_stopped,
        clock: Callable[[], float] = time.monotonic,
        unreachable: UnreachableHosts | None = None,
    ) -> None:
        self.db = db
        self.env = env
        self.token = (token or env.get(TOKEN_ENV) or "").strip() or None
        base = (api_url or env.get(API_URL_ENV) or DEFAULT_API_URL).strip()
        self.api_url = base if base.endswith("/") else base + "/"
        self.burst_limit = burst_limit
        # A 429 is retried in-call at most this often, and only when Slack asks for at most
        # max_inline_wait seconds; otherwise the outbox row waits out the Retry-After.
        self.max_rate_limit_retries = max_rate_limit_retries
        self.max_inline_wait = max_inline_wait
        # Slack allows about one message a second per channel (chat.postMessage and webhooks alike).
        self.pacer = Pacer(min_interval, sleep, clock)
        self.timeout = timeout
        self._unreadable: set[str] = set()  # channels the token was refused a read of (landed.py)
        # One message once per channel, for every subscription there.
        self.posted = PostedOnce(db, "slack")
        # The run's hosts that stopped answering: shared by its workers (choose.py).
        self.unreachable = unreachable or UnreachableHosts()
        self._web: WebClient | None = None
        self._webhooks: dict[str, WebhookClient] = {}

    # --- configuration -------------------------------------------------------------------------

    def _poster(self, subscription: Subscription) -> Poster:
        target = subscription.slack
        if target is None:
            raise SlackNotConfigured(f"subscription {subscription.id} has no slack target")
        if target.channel:
            if not self.token:
                raise SlackNotConfigured(
                    f"subscription {subscription.id} posts to {target.channel} but {TOKEN_ENV} is not set"
                )
            if not is_web_address(self.api_url):
                raise SlackNotConfigured(f"{API_URL_ENV} must be an http(s) URL")
            if self._web is None:
                self._web = web_client(self.token, self.api_url, self.timeout, self._handlers())
            return BotPoster(self._web, target.channel, self.timeout)
        name = target.webhook_env or ""
        url = (self.env.get(name) or "").strip()
        if not url:
            raise SlackNotConfigured(
                f"subscription {subscription.id} uses a Slack webhook but {name} is not set"
            )
        # Read at send time, so FUNDWATCH_ALLOW_LOOPBACK set after the channel was built counts.
        # Never echo the value: it is a secret even when it is malformed.
        problem = webhook_url_problem(name, url, self.env)
        if problem:
            raise WebhookRefused(problem)
        if url not in self._webhooks:
            self._webhooks[url] = webhook_client(url, self.timeout, self._handlers())
        return WebhookPoster(self._webhooks[url], name, self.timeout)

    def _handlers(self) -> list[RetryHandler]:
        return retry_handlers(self.max_rate_limit_retries, self.max_inline_wait, self.pacer.sleep)

    # --- posting -------------------------------------------------------------------------------

    def _paced_post(
        self,
        poster: Poster,
        text: str,
        blocks: list[dict[str, Any]],
        thread_ts: str | None,
        broadcast: bool = False,
        now: datetime | None = None,
        ids: Sequence[int] = (),
    ) -> PostOutcome:
        # Asked before pacing too: an alert that will not be tried must not wait its second.
        skipped = self.unreachable.untried(poster.url, PostOutcome)
        if skipped is not None:
            return skipped
        return self.pacer.paced(
            poster.key,
            lambda: self.unreachable.attempt(
                poster.url,
                lambda: poster.post(text, blocks, thread_ts, broadcast, now, ids),
                PostOutcome,
            ),
        )

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
        coverage: str | None = None,  # digests by email say it; a chat message does not
    ) -> list[DeliveryResult]:
        """Post the alerts; one DeliveryResult per alert, in the same order."""
        try:
            poster = self._poster(subscription)
        except WebhookRefused as refused:
            log.warning("slack: alerts for %s not sent: %s", subscription.id, refused)
            return PostOutcome(ok=False, error=str(refused), permanent=True).results(alerts)
        if is_summary(alerts, self.burst_limit):
            return self._post_burst(subscription, poster, alerts, now, cadence)
        return until_halted(
            alerts, lambda alert: self._post_one(subscription, poster, alert, now, cadence)
        )

    def post_text(self, subscription: Subscription, text: str) -> PostOutcome:
        """A plain message from fundwatch itself (curators are told a source broke): one section,
        escaped as any scraped text is, to the subscription's channel or webhook."""
        try:
            poster = self._poster(subscription)
        except WebhookRefused as refused:
            return PostOutcome(ok=False, error=str(refused), permanent=True)
        body = mrkdwn(clean(text, NOTICE_CHARS))
        # verbatim: Slack otherwise parses mentions and links in it itself (as blocks.py says).
        section = {"type": "mrkdwn", "text": body, "verbatim": True}
        blocks = [{"type": "section", "text": section}]
        return self._paced_post(poster, body, blocks, None)

    def _post_burst(
        self,
        subscription: Subscription,
        poster: Poster,
        alerts: list[Alert],
        now: datetime,
        cadence: str,
    ) -> list[DeliveryResult]:
        """One summary; it starts the thread of every opportunity in it that has none yet."""
        text, blocks = burst_message(alerts, now)
        ids = [alert.outbox_id for alert in alerts]
        message = fingerprint(text, blocks)
        same = self._posted_already(poster, cadence, message, subscription, alerts)
        if same is not None:
            return same.results(alerts)
        outcome = self._posted_before(poster, alerts, None) or self._paced_post(
            poster, text, blocks, None, now=now, ids=ids
        )
        outcome = self.posted.remember(poster.destination, cadence, message, outcome)
        # poster.key: a channel id or "webhook:<ENV NAME>", never the webhook URL
        log_outcome(log, outcome, f"a summary of {len(alerts)} alerts", subscription, poster.key)
        if outcome.ok and poster.threads and outcome.ts:
            ids = [alert.opportunity.id for alert in alerts]
            remember_threads(self.db, poster.key, ids, outcome.ts, now)
        return outcome.results(alerts)

    def _post_one(
        self, subscription: Subscription, poster: Poster, alert: Alert, now: datetime, cadence: str
    ) -> PostOutcome:
        """One alert; the first post about an opportunity in a channel starts its thread, later
        ones reply in it (and the ones that matter are also sent to the channel)."""
        opportunity_id = alert.opportunity.id
        text, blocks = alert_message(alert, now)
        message = fingerprint(text, blocks)
        same = self._posted_already(poster, cadence, message, subscription, [alert])
        if same is not None:
            return same
        thread_ts = thread_for(self.db, poster.key, opportunity_id) if poster.threads else None
        broadcast = thread_ts is not None and broadcasts(alert)
        outcome = self._posted_before(poster, [alert], thread_ts) or self._paced_post(
            poster, text, blocks, thread_ts, broadcast, now, [alert.outbox_id]
        )
        outcome = self.posted.remember(poster.destination, cadence, message, outcome)
        if outcome.ok and poster.threads and thread_ts is None and outcome.ts:
            remember_thread(self.db, poster.key, opportunity_id, outcome.ts, now)
        log_outcome(log, outcome, f"outbox {alert.outbox_id}", subscription, poster.key)
        return outcome

    def _posted_already(
        self,
        poster: Poster,
        cadence: str,
        message: str,
        subscription: Subscription,
        alerts: Sequence[Alert],
    ) -> PostOutcome | None:
        """The same message of the same kind (`cadence`), posted to this channel for another
        subscription (earlier in the run, or recorded by an earlier run after these were queued):
        it stands for these rows too (posted_once.py). None: post it."""
        earlier = self.posted.earlier(poster.destination, cadence, message, alerts)
        if earlier is None:
            return None
        self.posted.reused(  # logged once a message, by finish()
            poster.destination,
            cadence,
            message,
            earlier,
            where=poster.key,
            team=subscription.id,
            alerts=len(alerts),
        )
        # Standing on a message posted now, or on one an earlier run posted (said apart).
        ts = getattr(earlier, "ts", None)
        return PostOutcome(ok=True, ts=ts, reused=True, before=earlier.before)

    def finish(self) -> None:
        """The delivery run's end: one line a message that stood for other teams' rows."""
        self.posted.say(log)

    def _posted_before(
        self, poster: Poster, alerts: list[Alert], thread_ts: str | None
    ) -> PostOutcome | None:
        """Sent already, when an earlier attempt at these alerts landed though its answer never
        came (landed.py). None: post it. A host that stopped answering this run is not read."""
        if self.unreachable.untried(poster.url, PostOutcome) is not None:
            return None
        return posted_before(poster, alerts, thread_ts, self._unreadable)
