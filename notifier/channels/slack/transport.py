"""Getting one message to Slack: slack_sdk clients, their retry handlers, and one poster per mode
(a bot token posting to a channel id, or an incoming webhook).

Retries inside one call are few and short. A rate limit is retried inline only when Slack asks for
a wait of at most `max_inline_wait` seconds; a longer Retry-After (or one given as a date, read
against the run's `now`) comes straight back as a PostOutcome with `retry_after`, so the outbox
row waits for a later run instead of this run (and its claims) stalling. Every wait goes through
the injected `sleep`, so tests record, not sleep.
"""

from __future__ import annotations

import http.client
import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Protocol
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.webhook import WebhookClient

from config.lazy_pattern import lazy_pattern
from notifier.channels.retry_after import retry_after_seconds
from notifier.channels.slack.answers import (
    PostOutcome,
    network_outcome,
    web_api_outcome,
    webhook_outcome,
)
from notifier.channels.slack.landed import landed, metadata
from spiders.early_stop import stop_signalled

Sleep = Callable[[float], None]

NETWORK_ERRORS = (OSError, http.client.HTTPException)


class _InjectedSleep(RetryHandler):
    """slack_sdk's handlers wait with time.sleep; these wait through the injected `sleep`."""

    sleep: Sleep

    def wait(self, state: RetryState, response: HttpResponse | None) -> float:
        return self.interval_calculator.calculate_sleep_duration(state.current_attempt)

    def prepare_for_next_attempt(
        self, *, state: RetryState, response: HttpResponse | None = None, **_: Any
    ) -> None:
        self.sleep(self.wait(state, response))
        if stop_signalled():  # stopped while waiting: the caller sees the answer, the row waits
            return
        state.next_attempt_requested = True
        state.increment_current_attempt()


class InlineRateLimitHandler(_InjectedSleep):
    """Retries a 429 in the same call only when Slack's Retry-After is at most `max_inline_wait`.

    slack_sdk's own RateLimitErrorRetryHandler sleeps whatever Slack asks, however long; this one
    gives up at once on a long wait, so the caller sees the 429 and its Retry-After.
    """

    def __init__(self, max_retry_count: int, max_inline_wait: float, sleep: Sleep) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.max_inline_wait = max_inline_wait
        self.sleep = sleep

    def _can_retry(self, *, response: HttpResponse | None = None, **_: Any) -> bool:
        if response is None or response.status_code != 429 or stop_signalled():
            return False
        return retry_after_seconds(response.headers) <= self.max_inline_wait

    def wait(self, state: RetryState, response: HttpResponse | None) -> float:
        return retry_after_seconds(response.headers if response is not None else None)


class ConnectRetryHandler(_InjectedSleep, ConnectionErrorRetryHandler):
    """One retry when the request could not be *sent* (URLError from connect), through `sleep`.

    A reset after sending may have posted already: a later run's retry is the safer place for that
    ambiguity, so only URLError counts.
    """

    def __init__(self, sleep: Sleep, max_retry_count: int = 1) -> None:
        super().__init__(max_retry_count=max_retry_count, error_types=[URLError])
        self.sleep = sleep


def retry_handlers(
    max_rate_limit_retries: int, max_inline_wait: float, sleep: Sleep
) -> list[RetryHandler]:
    return [
        ConnectRetryHandler(sleep),
        InlineRateLimitHandler(max_rate_limit_retries, max_inline_wait, sleep),
    ]


# Where slack_sdk's log lines quote an answer's body: a body that is not JSON was logged whole at
# ERROR (a proxy's page of any size, terminal escapes, or one echoing the Authorization header),
# and every body at DEBUG. The line is kept up to the body, which is never shown.
_BODIES = ("Received a response in a non-JSON format:", ", body: ")
_CONTROL = lazy_pattern(r"[\x00-\x08\x0b-\x1f\x7f]")


class _Redact(logging.Filter):
    """slack_sdk's clients log the webhook URL (a secret) and answers' bodies: blank the one and
    leave out the other, whichever line they are in."""

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[str, str] = {}  # a secret, and what stands in its place

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        hidden = message
        for marker in _BODIES:
            if marker in hidden:
                hidden = hidden.split(marker, 1)[0] + marker + " (not shown)"
        for secret, shown in self.secrets.items():
            hidden = hidden.replace(secret, shown)
        hidden = _CONTROL.sub("?", hidden)
        if hidden != message:
            record.msg, record.args = hidden, ()
        return True


_webhook_log = logging.getLogger("fundwatch.slack.webhook")
_redact = _Redact()
_webhook_log.addFilter(_redact)
# The Web API client logs to its module's logger: a filter there sees exactly its lines.
logging.getLogger("slack_sdk.web.base_client").addFilter(_redact)


def web_client(token: str, api_url: str, timeout: float, handlers: list[RetryHandler]) -> WebClient:
    _redact.secrets[token] = "[bot token]"
    return WebClient(token=token, base_url=api_url, timeout=timeout, retry_handlers=handlers)


def webhook_client(url: str, timeout: float, handlers: list[RetryHandler]) -> WebhookClient:
    """A WebhookClient whose log lines never show its URL."""
    _redact.secrets[url] = "[webhook url]"
    return WebhookClient(url=url, timeout=timeout, logger=_webhook_log, retry_handlers=handlers)


class Poster(Protocol):
    key: str  # one per Slack channel: pacing and thread rows hang off it
    threads: bool
    url: str  # where it posts: its host's places and whether it answers hang off it (never logged)
    # What it posts into (a channel id, a webhook's URL; never logged): the shared-post record's
    # key, hashed (posted_once.place), so a renamed variable is still the same webhook.
    destination: str

    def post(
        self,
        text: str,
        blocks: list[dict[str, Any]],
        thread_ts: str | None,
        broadcast: bool = False,
        now: datetime | None = None,
        ids: Sequence[int] = (),
    ) -> PostOutcome: ...

    def landed(self, ids: Sequence[int], thread_ts: str | None, since: datetime) -> str | None:
        """The ts of an earlier post of these outbox ids, if it can be found (landed.py)."""


class BotPoster:
    """chat.postMessage with a bot token: replies can go into a thread, and a reply that matters
    can also be sent to the channel (`reply_broadcast`, Slack's "Also send to channel")."""

    threads = True

    def __init__(self, client: WebClient, channel: str, timeout: float) -> None:
        self.client, self.key, self.timeout = client, channel, timeout
        self.url = client.base_url
        self.destination = channel

    def post(
        self,
        text: str,
        blocks: list[dict[str, Any]],
        thread_ts: str | None,
        broadcast: bool = False,
        now: datetime | None = None,
        ids: Sequence[int] = (),
    ) -> PostOutcome:
        extra: dict[str, Any] = {"reply_broadcast": True} if thread_ts and broadcast else {}
        if ids:  # so that a post whose answer never came can be found (landed.py)
            extra["metadata"] = metadata(ids)
        try:
            response = self.client.chat_postMessage(
                channel=self.key,
                text=text,
                blocks=blocks,
                thread_ts=thread_ts,
                unfurl_links=False,
                unfurl_media=False,
                **extra,
            )
        except SlackApiError as exc:
            answer = exc.response
            error = answer.get("error") if isinstance(answer.data, dict) else None
            return web_api_outcome(error, answer.status_code, answer.headers, self.key, now)
        except NETWORK_ERRORS as exc:
            return network_outcome(exc, self.key, self.timeout)
        return PostOutcome(ok=True, ts=response.get("ts"))

    def landed(self, ids: Sequence[int], thread_ts: str | None, since: datetime) -> str | None:
        return landed(self.client, self.key, ids, thread_ts, since, NETWORK_ERRORS)


class WebhookPoster:
    """An incoming webhook: no threads, and it is named by its variable, never its URL."""

    threads = False

    def __init__(self, client: WebhookClient, env_name: str, timeout: float) -> None:
        self.client, self.env_name, self.timeout = client, env_name, timeout
        self.key = f"webhook:{env_name}"
        self.url = self.destination = client.url

    def post(
        self,
        text: str,
        blocks: list[dict[str, Any]],
        thread_ts: str | None,
        broadcast: bool = False,
        now: datetime | None = None,
        ids: Sequence[int] = (),
    ) -> PostOutcome:
        where = f"the webhook in {self.env_name}"
        try:
            response = self.client.send(
                text=text, blocks=blocks, unfurl_links=False, unfurl_media=False
            )
        except NETWORK_ERRORS as exc:
            return network_outcome(exc, where, self.timeout)
        return webhook_outcome(
            response.status_code, response.body, response.headers, self.env_name, now
        )

    def landed(self, ids: Sequence[int], thread_ts: str | None, since: datetime) -> str | None:
        return None  # a webhook cannot read its channel: the alert is posted again
