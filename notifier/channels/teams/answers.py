"""The Workflows webhook's answers as outcomes the outbox understands. Pure functions.

A Teams Workflows flow ("Post to a channel when a webhook request is received") answers 202
Accepted with an empty body once its run has started; the card is posted by the run after that, so
a failure inside the flow (a deleted channel, a card Teams will not show) is seen only in the
flow's run history, never here. What the endpoint itself can say:

- 200/202: accepted.
- 400 about the flow (TriggerInputSchemaMismatch: its trigger expects another request): every card
  would fail alike, so the rest fail with it unposted (fix the flow, then `notify --retry-failed`).
  400 about this card (the body names
  a card-level error: too large, not a valid card) and 413 (too large): our bug, and only this
  alert fails; the others still go. A 400 that says neither counts as the flow's.
- 401/403/404/410: the flow wants sign-in, was turned off or deleted, or the URL is wrong: fix the
  flow or the variable; retrying cannot help.
- 429: throttled; wait for Retry-After (seconds or an HTTP date; 60 s when absent).
- 408 (the request took too long) and 5xx: passing faults, tried again on later runs as the
  outbox allows, as are network failures; a 5xx naming a Retry-After (an outage with an end) is
  asked again then, the rest not posted into it, by the rule Slack's follow (retry_after.py).
- Any other 4xx (405, 409, 415, 422…): an answer fundwatch does not know, so likely a refusal no
  retry cures: tried 3 times in all, then failed for good showing the status, by the same rule
  as Slack's unknown codes (outcome.py). (It was retried 12 times over some 20 hours.)

Errors are built from the status, the variable's name and at most an identifier-shaped error code
from the body (`{"error": {"code": "…"}}`), never from the body's message or the URL: a Workflows
URL carries its own signature (`sig=`), so it is a secret. The body is searched for the words of
CARD_REFUSALS, and only our own words for them are repeated.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from config.lazy_pattern import lazy_pattern
from notifier.channels.outcome import Outcome, unreachable
from notifier.channels.retry_after import outage_wait, retry_after_seconds

REPORT_BUG = "Teams rejected the card: this is a fundwatch bug, please report it"

_CODE = lazy_pattern(r"^[A-Za-z][A-Za-z0-9_.]{1,63}$")

GONE = {
    401: 'the flow behind {env} asks for sign-in: set its trigger\'s "Who can trigger the flow" '
    'to "Anyone", or copy the flow\'s whole URL into {env} again',
    403: "the flow behind {env} was turned off, or the URL in {env} lost its signature: turn the "
    "flow on in Teams (Workflows), or copy its URL into {env} again",
    404: "no flow answers at the URL in {env}: the flow was deleted or the URL is wrong; create "
    "the flow again and put its new URL in {env}",
    410: "the flow behind {env} was deleted: create it again and put its new URL in {env}",
}

# A 400 with one of these codes is about the flow: no card fundwatch sends would get through.
FLOW_REFUSALS = {
    "TriggerInputSchemaMismatch": "the flow behind {env} did not take the request, as its trigger "
    'expects another shape: make the flow from the template "Post to a channel when a webhook '
    'request is received" and put its URL in {env} (if it was made so, this is a fundwatch bug, '
    "please report it)",
}
TOO_LARGE = "the card is too large"
# Words in a 400's body (its code or its message, any case) that say Teams refused this card, not
# the flow: a too-large card comes back as code BadRequest, "MessageSizeExceeded-…" in a message.
CARD_REFUSALS = (
    ("messagesizeexceeded", TOO_LARGE),
    ("requestentitytoolarge", TOO_LARGE),
    ("request entity too large", TOO_LARGE),
    ("messagetoolarge", TOO_LARGE),
    ("invalidrequestcontent", "the card is not valid"),
    ("adaptivecard", "the card is not a valid Adaptive Card"),
    ("adaptive card", "the card is not a valid Adaptive Card"),
)


# 4xx answers that are passing faults, not refusals: retried as a 5xx is.
PASSING_4XX = frozenset({408})

# A Workflows answer carries nothing more than any chat outcome (no message id to thread under).
TeamsOutcome = Outcome


def error_code(body: bytes | str | None) -> str | None:
    """The endpoint's error code (`{"error": {"code": "TriggerInputSchemaMismatch"}}`), if it is
    an identifier; nothing else of a body is ever repeated."""
    try:
        parsed = json.loads(body or b"")
    except (ValueError, TypeError):
        return None
    if not isinstance(parsed, dict):
        return None
    inner = parsed.get("error")
    code = inner.get("code") if isinstance(inner, dict) else parsed.get("code")
    return code if isinstance(code, str) and _CODE.match(code) else None


def answer_outcome(
    status: int,
    body: bytes | str | None,
    headers: Mapping[str, Any] | None,
    env: str,
    now: datetime | None = None,
) -> TeamsOutcome:
    """An HTTP answer from the webhook in variable `env` as a TeamsOutcome."""
    if 200 <= status < 300:
        return TeamsOutcome(ok=True)
    code = error_code(body)
    said = f", {code}" if code else ""
    where = f"the Teams webhook in {env}"
    if status == 429:
        seconds = retry_after_seconds(headers, now)
        return TeamsOutcome(
            ok=False,
            error=f"Teams is throttling the webhook in {env}; retry after {seconds:g}s",
            retry_after=seconds,
        )
    if status == 400:
        return _bad_request(code, body, env)
    if status == 413:
        error = f"{REPORT_BUG}: {TOO_LARGE} (HTTP 413)"
        return TeamsOutcome(ok=False, error=error, permanent=True, only_this=True)
    if status in GONE:
        reason = GONE[status].format(env=env)
        return TeamsOutcome(ok=False, error=f"HTTP {status}{said}: {reason}", permanent=True)
    if 300 <= status < 400:
        return TeamsOutcome(
            ok=False,
            error=f"{where} answered with a redirect (HTTP {status}); fundwatch does not follow "
            f"one: put the flow's own URL in {env}",
            permanent=True,
        )
    if 400 <= status < 500 and status not in PASSING_4XX:
        return TeamsOutcome.unknown(f"Teams answered HTTP {status}{said} for {where}")
    if (wait := outage_wait(status, headers, now)) is not None:  # as Slack's: one rule
        return TeamsOutcome.down_for(f"Teams answered HTTP {status}{said} for {where}", wait)
    return TeamsOutcome(
        ok=False, error=f"Teams answered HTTP {status}{said} for {where}; will retry later"
    )


def card_refusal(body: bytes | str | None) -> tuple[str, str] | None:
    """(the word found, what it says was wrong with the card) when a 400's body names a card-level
    error, else None."""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else (body or "")
    text = text.lower()
    return next(((word, what) for word, what in CARD_REFUSALS if word in text), None)


def _bad_request(code: str | None, body: bytes | str | None, env: str) -> TeamsOutcome:
    said = f", {code}" if code else ""
    if code in FLOW_REFUSALS:
        reason = FLOW_REFUSALS[code].format(env=env)
        return TeamsOutcome(ok=False, error=f"HTTP 400{said}: {reason}", permanent=True)
    refusal = card_refusal(body)
    if refusal is None:  # nothing says it was this card: the flow's, so no more are posted in vain
        return TeamsOutcome(ok=False, error=f"{REPORT_BUG} (HTTP 400{said})", permanent=True)
    word, what = refusal
    named = "" if (code or "").lower() == word else f": {what}"  # a code that says it is enough
    error = f"{REPORT_BUG}{named} (HTTP 400{said})"
    return TeamsOutcome(ok=False, error=error, permanent=True, only_this=True)


def network_outcome(exc: BaseException, env: str, timeout: float) -> TeamsOutcome:
    """Timeouts and connection failures: transient, in words that quote nothing secret."""
    what = unreachable(exc, "Teams", timeout)
    return TeamsOutcome(
        ok=False,
        error=f"{what} posting to the Teams webhook in {env}; will retry later",
        unanswered=what,
    )
