"""Deliver alerts to Slack: a bot token (threads per opportunity) or an incoming webhook.

Slack's answers become DeliveryResults the outbox understands: permanent (fix the config, don't
retry), rate limited (retry after N seconds) or transient (back off and retry on a later run).
"""

from __future__ import annotations

import http.client
import logging
import os
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.webhook import WebhookClient

from config.clock import iso
from config.models import Subscription
from notifier.alerts import Alert, DeliveryResult
from notifier.channels.slack_blocks import alert_message, burst_message

log = logging.getLogger("fundwatch.slack")

DEFAULT_API_URL = "https://slack.com/api/"
TOKEN_ENV = "SLACK_BOT_TOKEN"
API_URL_ENV = "SLACK_API_URL"
# When Slack rate limits without saying for how long (it always should), wait this long.
DEFAULT_RETRY_AFTER = 60.0

_CODE = re.compile(r"^[a-z_]{2,64}$")
_REPORT_BUG = "Slack rejected the message itself; this is a fundwatch bug, please report it"

WEB_API_PERMANENT = {
    "invalid_auth": f"the bot token in {TOKEN_ENV} was not accepted; check it is the current xoxb- token",
    "not_authed": f"no bot token reached Slack; set {TOKEN_ENV}",
    "account_inactive": "the bot token belongs to a deactivated user or workspace",
    "token_revoked": "the bot token was revoked or the app was removed from the workspace",
    "token_expired": "the bot token has expired; rotate it",
    "channel_not_found": "the channel id {channel} does not exist or the bot cannot see it",
    "not_in_channel": "the bot is not a member of {channel}; invite it with /invite @<bot name>",
    "is_archived": "the channel {channel} is archived",
    "invalid_blocks": _REPORT_BUG,
    "invalid_blocks_format": _REPORT_BUG,
    "msg_too_long": _REPORT_BUG,
    "msg_blocks_too_long": _REPORT_BUG,
    "invalid_arguments": _REPORT_BUG,
    "no_text": _REPORT_BUG,
    "no_permission": "the app has no permission to post in {channel}",
    "missing_scope": "the bot token lacks the chat:write scope; add it and reinstall the app",
    "restricted_action": "a workspace setting stops the bot posting in {channel}",
    "restricted_action_read_only_channel": "the channel {channel} is read-only",
    "restricted_action_thread_only_channel": "the channel {channel} only accepts thread replies",
    "restricted_action_non_threadable_channel": "the channel {channel} does not accept thread replies",
    "ekm_access_denied": "workspace administrators have suspended posting",
}

WEBHOOK_PERMANENT = {
    "invalid_token": "the webhook URL in {env} was revoked or is wrong",
    "no_service": "the webhook in {env} no longer exists (its app or integration was removed)",
    "no_service_id": "the webhook URL in {env} is incomplete",
    "no_team": "the webhook URL in {env} names no workspace",
    "team_disabled": "the workspace of the webhook in {env} is disabled",
    "channel_not_found": "the webhook in {env} points at a channel that no longer exists",
    "channel_is_archived": "the webhook in {env} points at an archived channel",
    "user_not_found": "the webhook in {env} points at a user that no longer exists",
    "action_prohibited": "a workspace administrator has restricted posting through the webhook in {env}",
    "posting_to_general_channel_denied": "the webhook in {env} may not post to #general",
    "invalid_payload": _REPORT_BUG,
    "invalid_blocks": _REPORT_BUG,
    "too_many_attachments": _REPORT_BUG,
}


class SlackNotConfigured(RuntimeError):
    """Slack delivery has no token or webhook to use: the caller falls back to the console."""


@dataclass(frozen=True)
class PostOutcome:
    """What one post to Slack came to."""

    ok: bool
    ts: str | None = None
    error: str | None = None
    permanent: bool = False
    retry_after: float | None = None

    @property
    def halts(self) -> bool:
        """Posting more to this channel now would only fail again, or hammer a rate limit."""
        return self.permanent or self.retry_after is not None

    def result(self, outbox_id: int) -> DeliveryResult:
        return DeliveryResult(
            outbox_id=outbox_id,
            ok=self.ok,
            error=self.error,
            permanent=self.permanent,
            retry_after=self.retry_after,
        )


def _code(value: Any) -> str | None:
    """An error code worth repeating: Slack's snake_case words, never an arbitrary body."""
    text = str(value or "").strip()
    return text if _CODE.match(text) else None


def _retry_after(headers: Mapping[str, Any] | None) -> float:
    for key, value in (headers or {}).items():
        if key.lower() == "retry-after":
            raw = value[0] if isinstance(value, list | tuple) else value
            try:
                return max(float(raw), 0.0)
            except (TypeError, ValueError):
                break
    return DEFAULT_RETRY_AFTER


def rate_limited(where: str, headers: Mapping[str, Any] | None) -> PostOutcome:
    seconds = _retry_after(headers)
    return PostOutcome(
        ok=False,
        error=f"Slack is rate limiting posts to {where}; retry after {seconds:g}s",
        retry_after=seconds,
    )


def web_api_outcome(
    error: str | None, status: int, headers: Mapping[str, Any] | None, channel: str
) -> PostOutcome:
    """A failed chat.postMessage as a PostOutcome (pure, so every branch is testable)."""
    code = _code(error)
    if status == 429 or code in ("ratelimited", "rate_limited"):
        return rate_limited(channel, headers)
    if code in WEB_API_PERMANENT:
        reason = WEB_API_PERMANENT[code].format(channel=channel)
        return PostOutcome(ok=False, error=f"Slack said {code}: {reason}", permanent=True)
    said = f" ({code})" if code else ""
    if status != 200:
        return PostOutcome(ok=False, error=f"Slack answered HTTP {status}{said}; will retry later")
    return PostOutcome(ok=False, error=f"Slack said {code or 'not ok'}; will retry later")


def webhook_outcome(
    status: int, body: str | None, headers: Mapping[str, Any] | None, env: str
) -> PostOutcome:
    """A webhook answer as a PostOutcome; the webhook URL itself never appears."""
    code = _code(body)
    if status == 200 and code == "ok":
        return PostOutcome(ok=True)
    if status == 429:
        return rate_limited(f"the webhook in {env}", headers)
    if code in WEBHOOK_PERMANENT:
        reason = WEBHOOK_PERMANENT[code].format(env=env)
        return PostOutcome(ok=False, error=f"Slack said {code}: {reason}", permanent=True)
    said = f" ({code})" if code else ""
    return PostOutcome(
        ok=False,
        error=f"Slack answered HTTP {status}{said} for the webhook in {env}; will retry later",
    )


def network_outcome(exc: BaseException, where: str, timeout: float) -> PostOutcome:
    """Timeouts and connection failures: transient. Built from the error's kind, not its text,
    so nothing secret inside an exception message (a webhook URL) can reach the result."""
    reason = exc.reason if isinstance(exc, URLError) else exc
    if isinstance(reason, TimeoutError):
        what = f"Slack did not answer within {timeout:g}s"
    elif isinstance(reason, ConnectionRefusedError):
        what = "Slack refused the connection"
    elif isinstance(reason, ConnectionError | http.client.HTTPException):
        what = f"the connection to Slack failed ({type(reason).__name__})"
    else:
        what = f"could not reach Slack ({type(reason).__name__})"
    return PostOutcome(ok=False, error=f"{what} posting to {where}; will retry later")


_NETWORK_ERRORS = (OSError, http.client.HTTPException)


class _Redact(logging.Filter):
    """slack_sdk's WebhookClient logs its URL at debug level: the URL is a secret, so blank it."""

    def __init__(self) -> None:
        super().__init__()
        self.secrets: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        hidden = message
        for secret in self.secrets:
            hidden = hidden.replace(secret, "[webhook url]")
        if hidden != message:
            record.msg, record.args = hidden, ()
        return True


_webhook_log = logging.getLogger("fundwatch.slack.webhook")
_redact = _Redact()
_webhook_log.addFilter(_redact)


def retry_handlers(max_rate_limit_retries: int) -> list[RetryHandler]:
    # Only a failure to *send* (URLError from connect) is retried in-call: a reset after sending may
    # have posted already, and a later run's retry is the safer place for that ambiguity.
    return [
        ConnectionErrorRetryHandler(max_retry_count=1, error_types=[URLError]),
        RateLimitErrorRetryHandler(max_retry_count=max_rate_limit_retries),
    ]


class _Poster(Protocol):
    key: str  # one per Slack channel: pacing and thread rows hang off it
    threads: bool

    def post(
        self, text: str, blocks: list[dict[str, Any]], thread_ts: str | None
    ) -> PostOutcome: ...


class _BotPoster:
    threads = True

    def __init__(self, client: WebClient, channel: str, timeout: float) -> None:
        self.client, self.key, self.timeout = client, channel, timeout

    def post(self, text: str, blocks: list[dict[str, Any]], thread_ts: str | None) -> PostOutcome:
        try:
            response = self.client.chat_postMessage(
                channel=self.key,
                text=text,
                blocks=blocks,
                thread_ts=thread_ts,
                unfurl_links=False,
                unfurl_media=False,
            )
        except SlackApiError as exc:
            answer = exc.response
            error = answer.get("error") if isinstance(answer.data, dict) else None
            return web_api_outcome(error, answer.status_code, answer.headers, self.key)
        except _NETWORK_ERRORS as exc:
            return network_outcome(exc, self.key, self.timeout)
        return PostOutcome(ok=True, ts=response.get("ts"))


class _WebhookPoster:
    threads = False

    def __init__(self, client: WebhookClient, env_name: str, timeout: float) -> None:
        self.client, self.env_name, self.timeout = client, env_name, timeout
        self.key = f"webhook:{env_name}"

    def post(self, text: str, blocks: list[dict[str, Any]], thread_ts: str | None) -> PostOutcome:
        where = f"the webhook in {self.env_name}"
        try:
            response = self.client.send(
                text=text, blocks=blocks, unfurl_links=False, unfurl_media=False
            )
        except _NETWORK_ERRORS as exc:
            return network_outcome(exc, where, self.timeout)
        return webhook_outcome(response.status_code, response.body, response.headers, self.env_name)


class SlackChannel:
    """Posts a subscription's alerts to its Slack channel or webhook."""

    def __init__(
        self,
        db,
        *,
        token: str | None = None,
        api_url: str | None = None,
        env: Mapping[str, str] = os.environ,
        burst_limit: int = 10,
        max_rate_limit_retries: int = 2,
        min_interval: float = 1.0,
        timeout: float = 10.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.db = db
        self.env = env
        self.token = (token or env.get(TOKEN_ENV) or "").strip() or None
        base = (api_url or env.get(API_URL_ENV) or DEFAULT_API_URL).strip()
        self.api_url = base if base.endswith("/") else base + "/"
        self.burst_limit = burst_limit
        self.max_rate_limit_retries = max_rate_limit_retries
        # Slack allows about one message a second per channel (chat.postMessage and webhooks alike).
        self.min_interval = min_interval
        self.timeout = timeout
        self._sleep, self._clock = sleep, clock
        self._last_post: dict[str, float] = {}
        self._web: WebClient | None = None
        self._webhooks: dict[str, WebhookClient] = {}

    # --- configuration -------------------------------------------------------------------------

    def is_configured(self, subscription: Subscription) -> bool:
        try:
            self._poster(subscription)
        except SlackNotConfigured:
            return False
        return True

    def _poster(self, subscription: Subscription) -> _Poster:
        target = subscription.slack
        if target is None:
            raise SlackNotConfigured(f"subscription {subscription.id} has no slack target")
        if target.channel:
            if not self.token:
                raise SlackNotConfigured(
                    f"subscription {subscription.id} posts to {target.channel} but {TOKEN_ENV} is not set"
                )
            if not self.api_url.lower().startswith(("http://", "https://")):
                raise SlackNotConfigured(f"{API_URL_ENV} must be an http(s) URL")
            return _BotPoster(self._web_client(), target.channel, self.timeout)
        name = target.webhook_env or ""
        url = (self.env.get(name) or "").strip()
        if not url:
            raise SlackNotConfigured(
                f"subscription {subscription.id} uses a Slack webhook but {name} is not set"
            )
        if not url.lower().startswith(("http://", "https://")):
            # Never echo the value: it is a secret even when it is malformed.
            raise SlackNotConfigured(f"{name} is set but is not an http(s) URL")
        return _WebhookPoster(self._webhook_client(url), name, self.timeout)

    def _web_client(self) -> WebClient:
        if self._web is None:
            self._web = WebClient(
                token=self.token,
                base_url=self.api_url,
                timeout=self.timeout,
                retry_handlers=retry_handlers(self.max_rate_limit_retries),
            )
        return self._web

    def _webhook_client(self, url: str) -> WebhookClient:
        if url not in self._webhooks:
            _redact.secrets.add(url)
            self._webhooks[url] = WebhookClient(
                url=url,
                timeout=self.timeout,
                logger=_webhook_log,
                retry_handlers=retry_handlers(self.max_rate_limit_retries),
            )
        return self._webhooks[url]

    # --- threads -------------------------------------------------------------------------------

    def _thread_ts(self, channel: str, opportunity_id: str) -> str | None:
        row = self.db.execute(
            "select ts from slack_threads where channel = ? and opportunity_id = ?",
            [channel, opportunity_id],
        ).fetchone()
        return row[0] if row else None

    def _remember_thread(self, channel: str, opportunity_id: str, ts: str, now: datetime) -> None:
        self.db["slack_threads"].insert(
            {
                "channel": channel,
                "opportunity_id": opportunity_id,
                "ts": ts,
                "created_at": iso(now),
            },
            ignore=True,
        )

    # --- posting -------------------------------------------------------------------------------

    def _paced_post(
        self, poster: _Poster, text: str, blocks: list[dict[str, Any]], thread_ts: str | None
    ) -> PostOutcome:
        last = self._last_post.get(poster.key)
        if last is not None:
            wait = self.min_interval - (self._clock() - last)
            if wait > 0:
                self._sleep(wait)
        try:
            return poster.post(text, blocks, thread_ts)
        finally:
            self._last_post[poster.key] = self._clock()

    def deliver(
        self, subscription: Subscription, alerts: list[Alert], now: datetime
    ) -> list[DeliveryResult]:
        """Post the alerts; one DeliveryResult per alert, in the same order."""
        poster = self._poster(subscription)
        if not alerts:
            return []
        if len(alerts) > self.burst_limit:
            text, blocks = burst_message(alerts, now)
            outcome = self._paced_post(poster, text, blocks, None)
            self._log(subscription, poster, outcome, f"a summary of {len(alerts)} alerts")
            return [outcome.result(alert.outbox_id) for alert in alerts]

        results: list[DeliveryResult] = []
        halted: PostOutcome | None = None
        for alert in alerts:
            if halted is not None:
                # Same channel, same answer: don't hammer a rate limit or a broken channel.
                results.append(halted.result(alert.outbox_id))
                continue
            opportunity_id = alert.opportunity.id
            thread_ts = self._thread_ts(poster.key, opportunity_id) if poster.threads else None
            text, blocks = alert_message(alert, now)
            outcome = self._paced_post(poster, text, blocks, thread_ts)
            if outcome.ok and poster.threads and thread_ts is None and outcome.ts:
                self._remember_thread(poster.key, opportunity_id, outcome.ts, now)
            self._log(subscription, poster, outcome, f"outbox {alert.outbox_id}")
            results.append(outcome.result(alert.outbox_id))
            if outcome.halts:
                halted = outcome
        return results

    @staticmethod
    def _log(subscription: Subscription, poster: _Poster, outcome: PostOutcome, what: str) -> None:
        where = poster.key  # a channel id or "webhook:<ENV NAME>", never the webhook URL
        if outcome.ok:
            log.info("slack: posted %s for %s to %s", what, subscription.id, where)
        else:
            log.warning(
                "slack: %s for %s to %s failed: %s", what, subscription.id, where, outcome.error
            )
