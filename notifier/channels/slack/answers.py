"""Slack's answers as outcomes the outbox understands. Pure functions, so every branch is testable.

Permanent (fix the config, don't retry), rate limited (retry after N seconds) or transient (back off
and retry on a later run). Error text is built from Slack's own snake_case codes and the kind of a
network failure, never from a response body or an exception message (a webhook URL is a secret).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from config.lazy_pattern import lazy_pattern
from notifier.channels.outcome import Outcome, unreachable
from notifier.channels.retry_after import outage_wait, retry_after_seconds

TOKEN_ENV = "SLACK_BOT_TOKEN"
API_URL_ENV = "SLACK_API_URL"

_NOT_JSON = "Received a response in a non-JSON format"  # slack_sdk's words, then the body
_CODE = lazy_pattern(r"^[a-z_]{2,64}$")
NO_CODE = (
    "ok: false with no error code"  # Slack always names one: an answer fundwatch does not know
)
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
    # Documented chat.postMessage errors that no retry can cure (they were retried for hours):
    "not_allowed_token_type": f"{TOKEN_ENV} is not a bot token; use the app's xoxb- token",
    "team_access_not_granted": "the bot token has not been granted access to the workspace of {channel}",
    "access_denied": "Slack denied the bot token access; check the app's installation",
    "org_login_required": "the workspace is migrating to an Enterprise org; reinstall the app after",
    "enterprise_is_restricted": "the Enterprise org restricts this app; ask its administrators",
    "two_factor_setup_required": "the workspace requires two-factor set-up for the app's user",
    "accesslimited": "Slack limits this method from this network (an IP allow-list?)",
    "is_inactive": "the channel {channel} is an inactive shared channel",
    "messages_tab_disabled": "{channel} is a direct message whose messages tab is disabled",
    "method_deprecated": "chat.postMessage was refused as deprecated; this is a fundwatch bug, please report it",
    "deprecated_endpoint": "chat.postMessage was refused as deprecated; this is a fundwatch bug, please report it",
    # …and the ones about this message alone: that alert fails, the channel takes the next.
    "too_many_attachments": _REPORT_BUG,
    "invalid_attachments": _REPORT_BUG,
    "invalid_charset": _REPORT_BUG,
    "invalid_form_data": _REPORT_BUG,
    "invalid_post_type": _REPORT_BUG,
    "missing_post_type": _REPORT_BUG,
    "invalid_arg_name": _REPORT_BUG,
    "invalid_array_arg": _REPORT_BUG,
    "invalid_metadata_format": _REPORT_BUG,
    "as_user_not_supported": _REPORT_BUG,
}

# Answers Slack documents as passing faults on its side: retried as long as the outbox allows.
WEB_API_TRANSIENT = frozenset(
    {"internal_error", "fatal_error", "service_unavailable", "request_timeout", "team_added_to_org"}
)
RATE_LIMITED = frozenset({"ratelimited", "rate_limited"})
# A code in none of these lists (one Slack added since, or never documented for this method) is an
# answer fundwatch does not know: tried UNKNOWN_ANSWER_ATTEMPTS times, then failed for good showing
# the code, by the rule every chat channel follows (Outcome.unknown, outcome.py).

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
    "no_text": _REPORT_BUG,
    "missing_text_or_fallback_or_attachments": _REPORT_BUG,
}


@dataclass(frozen=True)
class PostOutcome(Outcome):
    """What one post to Slack came to; `ts` names a posted message, for its thread."""

    ts: str | None = None


def _refused(code: str, reason: str) -> PostOutcome:
    """A permanent refusal. One of the message itself (its blocks, its length) fails that alert
    only: the channel still takes the next one. Any other (token, channel, webhook) halts them all."""
    return PostOutcome(
        ok=False,
        error=f"Slack said {code}: {reason}",
        permanent=True,
        only_this=reason == _REPORT_BUG,
    )


def slack_code(value: Any) -> str | None:
    """An error code worth repeating: Slack's snake_case words, never an arbitrary body."""
    text = str(value or "").strip()
    return text if _CODE.match(text) else None


def rate_limited(
    where: str, headers: Mapping[str, Any] | None, now: datetime | None = None
) -> PostOutcome:
    seconds = retry_after_seconds(headers, now)
    return PostOutcome(
        ok=False,
        error=f"Slack is rate limiting posts to {where}; retry after {seconds:g}s",
        retry_after=seconds,
    )


def web_api_outcome(
    error: str | None,
    status: int,
    headers: Mapping[str, Any] | None,
    channel: str,
    now: datetime | None = None,
) -> PostOutcome:
    """A failed chat.postMessage as a PostOutcome; `now` reads a Retry-After given as a date."""
    code = slack_code(error)
    if status == 429 or code in RATE_LIMITED:
        return rate_limited(channel, headers, now)
    if code in WEB_API_PERMANENT:
        reason = WEB_API_PERMANENT[code].format(channel=channel)
        return _refused(code, reason)
    said = f" ({code})" if code else ""
    if (wait := outage_wait(status, headers, now)) is not None:
        return PostOutcome.down_for(f"Slack answered HTTP {status}{said}", wait)
    if status != 200:
        return PostOutcome(ok=False, error=f"Slack answered HTTP {status}{said}; will retry later")
    if code is None and str(error or "").startswith(_NOT_JSON):
        # A proxy or Slack's edge answering in its stead; slack_sdk puts the body in `error`.
        return PostOutcome(ok=False, error="Slack's answer was not JSON; will retry later")
    if code is None:
        # `{"ok": false}` naming no code: Slack always names one, so this is an answer fundwatch
        # does not know. Retried as a passing fault it cost 12 attempts over some 20 hours.
        return PostOutcome.unknown(f"Slack said {NO_CODE}")
    if code not in WEB_API_TRANSIENT:
        return _unknown(code)
    return PostOutcome(ok=False, error=f"Slack said {code}; will retry later")


def _unknown(code: str, where: str = "") -> PostOutcome:
    """A code Slack answered that fundwatch does not know: a few tries, then failed showing it."""
    return PostOutcome.unknown(f"Slack said {code}{where}")


def webhook_outcome(
    status: int,
    body: str | None,
    headers: Mapping[str, Any] | None,
    env: str,
    now: datetime | None = None,
) -> PostOutcome:
    """A webhook answer as a PostOutcome; the webhook URL itself never appears.

    Any 2xx is a post Slack took, unless its body names a refusal: Slack answers `ok`, but a
    200 reading `OK`, `{"ok": true}` or nothing at all (a 204) was taken for a failure, and the
    message was posted again on every later run, up to 12 times."""
    said_ok, code = webhook_answer(body)
    if status == 429 or code in RATE_LIMITED:  # a rate limit said in the body counts too
        return rate_limited(f"the webhook in {env}", headers, now)
    if code in WEBHOOK_PERMANENT:
        reason = WEBHOOK_PERMANENT[code].format(env=env)
        return _refused(code, reason)
    if 200 <= status < 300 and code not in WEB_API_TRANSIENT:
        if said_ok is False:  # a JSON answer with "ok": false and a code fundwatch does not know
            return _unknown(code or NO_CODE, f" (HTTP {status}) for the webhook in {env}")
        return PostOutcome(ok=True)
    if code is not None and status < 500:  # a 4xx (or a 200 not "ok") saying what it is
        return _unknown(code, f" (HTTP {status}) for the webhook in {env}")
    said = f" ({code})" if code else ""
    if (wait := outage_wait(status, headers, now)) is not None:
        where = f"for the webhook in {env}"
        return PostOutcome.down_for(f"Slack answered HTTP {status}{said} {where}", wait)
    return PostOutcome(
        ok=False,
        error=f"Slack answered HTTP {status}{said} for the webhook in {env}; will retry later",
    )


def webhook_answer(body: str | None) -> tuple[bool | None, str | None]:
    """(whether the body says ok, Slack's code in it) from a webhook's plain-text answer (`ok`,
    `invalid_payload`), or from a JSON one (`{"ok": false, "error": "no_service"}`)."""
    text = str(body or "").strip()
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError:
            return None, None
        if isinstance(data, dict):
            ok = data.get("ok")
            return (ok if isinstance(ok, bool) else None), slack_code(data.get("error"))
        return None, None
    code = slack_code(text.lower())
    return (True if code == "ok" else None), code


def network_outcome(exc: BaseException, where: str, timeout: float) -> PostOutcome:
    """Timeouts and connection failures: transient, in words that quote nothing secret."""
    what = unreachable(exc, "Slack", timeout)
    return PostOutcome(
        ok=False, error=f"{what} posting to {where}; will retry later", unanswered=what
    )
