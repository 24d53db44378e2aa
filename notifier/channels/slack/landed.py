"""Whether a post that got no clear answer landed after all, read back from Slack.

chat.postMessage has no idempotency key: a post whose answer came after the client's timeout (or
a 500, which Slack says may follow a partial success) may have been posted, and a plain retry
posted it twice. So a bot-token post carries its outbox ids in Slack's message metadata, and before
an alert that was tried before is posted again, the channel (or, for a reply, its thread) is read
back from when the alert was queued: a message of ours carrying every id means it landed.

Reading needs the history scopes (channels:history, groups:history for private channels) beside
chat:write. Without them, or when Slack does not answer the read, or past MAX_PAGES of messages,
the answer is "not found" and the alert is posted again, as before: a duplicate is possible then,
a loss never. A read Slack rate limits is not "not found": the alert waits out the limit. Webhooks cannot read at all (transport.py).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from notifier.channels.retry_after import retry_after_seconds
from notifier.channels.slack.answers import RATE_LIMITED, PostOutcome, slack_code

if TYPE_CHECKING:
    from notifier.alerts import Alert
    from notifier.channels.slack.transport import Poster

log = logging.getLogger("fundwatch.slack")

EVENT_TYPE = "fundwatch_alert"
MARGIN = timedelta(minutes=5)  # Slack stamps messages with its clock, not ours
PAGE = 200  # messages a read (Slack's advice: no more than 200)
MAX_PAGES = 5  # a busy channel: past 1,000 messages since the alert, it is posted again


# Answers that say this token may never read the channel (the history scopes are optional: the
# README asks for chat:write alone), so asking again for the next alert would only be refused again.
CANNOT_READ = frozenset({"missing_scope", "not_allowed_token_type", "no_permission"})


class CannotRead(Exception):
    """The token cannot read this channel's messages: nothing sent to it can be looked for."""


class ReadLimited(Exception):
    """Slack is rate limiting reads of this channel for `seconds` (past the wait the client takes
    in the call): the alert waits that long, rather than being posted again unchecked, which
    after an outage posted a second copy of every alert that had landed (a Marketplace-less
    app's conversations.history is allowed one call a minute)."""

    def __init__(self, channel: str, seconds: float) -> None:
        super().__init__(channel)
        self.seconds = seconds


def metadata(outbox_ids: Sequence[int]) -> dict[str, Any]:
    """What a post carries so that it can be recognised later (no scraped text, only our ids)."""
    return {"event_type": EVENT_TYPE, "event_payload": {"outbox_ids": list(outbox_ids)}}


def carries(message: dict[str, Any], wanted: set[int]) -> bool:
    meta = message.get("metadata") or {}
    payload = meta.get("event_payload") or {}
    return meta.get("event_type") == EVENT_TYPE and wanted <= set(payload.get("outbox_ids") or [])


def landed(
    client: WebClient,
    channel: str,
    outbox_ids: Sequence[int],
    thread_ts: str | None,
    since: datetime,
    network_errors: tuple[type[BaseException], ...],
) -> str | None:
    """The ts of our message in `channel` (in the thread `thread_ts`, if given) carrying every one
    of `outbox_ids`, posted since `since`; None when there is none, or it cannot be known this
    time. CannotRead: the token may never read the channel."""
    wanted, cursor = set(outbox_ids), None
    read = client.conversations_replies if thread_ts else client.conversations_history
    where = {"ts": thread_ts} if thread_ts else {}
    oldest = f"{(since - MARGIN).timestamp():.6f}"
    for _ in range(MAX_PAGES):
        try:
            page = read(
                channel=channel,
                oldest=oldest,
                include_all_metadata=True,
                limit=PAGE,
                cursor=cursor,
                **where,
            )
        except (SlackApiError, *network_errors) as exc:
            # Said by its code or kind (missing_scope: the token cannot read), then posted again.
            log.info("slack: could not look for earlier posts in %s (%s)", channel, _why(exc))
            if _why(exc) in CANNOT_READ:
                raise CannotRead(channel) from exc
            if _limited(exc):
                seconds = retry_after_seconds(exc.response.headers)
                raise ReadLimited(channel, seconds) from exc
            return None
        found = next((m for m in page.get("messages") or [] if carries(m, wanted)), None)
        if found is not None:
            return found.get("ts")
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            return None
    return None


def posted_before(
    poster: Poster, alerts: Sequence[Alert], thread_ts: str | None, unreadable: set[str]
) -> PostOutcome | None:
    """Sent already, when an earlier attempt at these alerts landed though its answer never came:
    found in the channel or thread, it is not posted again. None: post it. `unreadable` holds the
    channels (poster keys) this run's token was refused a read of; one refused is added to it."""
    since = min((a.tried_since for a in alerts if a.tried_since is not None), default=None)
    # A token refused the read once is not asked again for the channel's other alerts: after
    # an outage, every alert retried cost a refused conversations.history call.
    if since is None or poster.key in unreadable:
        return None
    try:
        ts = poster.landed([a.outbox_id for a in alerts], thread_ts, since)
    except CannotRead:
        unreadable.add(poster.key)
        return None
    except ReadLimited as limited:  # wait, then look again: never post it unchecked
        return PostOutcome(
            ok=False,
            error=f"not tried: Slack is rate limiting reads of {poster.key}, needed to "
            f"check whether an earlier post landed; retry after {limited.seconds:g}s",
            retry_after=limited.seconds,
            untried=True,  # not posted: no attempt spent
        )
    if ts is None:
        return None
    ids = ", ".join(str(a.outbox_id) for a in alerts)
    log.info(
        "slack: outbox %s already in %s (its answer never came): not posted again", ids, poster.key
    )
    return PostOutcome(ok=True, ts=ts, before=True)  # posted by an earlier run, not now


def _limited(exc: BaseException) -> bool:
    """A 429, or Slack's `ratelimited` in an HTTP 200."""
    return isinstance(exc, SlackApiError) and (
        exc.response.status_code == 429 or _why(exc) in RATE_LIMITED
    )


def _why(exc: BaseException) -> str:
    if isinstance(exc, SlackApiError):
        answer = exc.response.data if isinstance(exc.response.data, dict) else {}
        return slack_code(answer.get("error")) or f"HTTP {exc.response.status_code}"
    return type(exc).__name__
