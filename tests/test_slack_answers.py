"""Slack's answers as outcomes (pure functions, every branch), and the inline rate-limit handler."""

from __future__ import annotations

import http.client
from datetime import UTC, datetime
from urllib.error import URLError

import pytest
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from notifier.channels.outcome import UNKNOWN_ANSWER_ATTEMPTS
from notifier.channels.retry_after import DEFAULT_RETRY_AFTER, retry_after_seconds
from notifier.channels.slack import (
    WEB_API_PERMANENT,
    WEBHOOK_PERMANENT,
    InlineRateLimitHandler,
    network_outcome,
    web_api_outcome,
    webhook_outcome,
)
from tests.slack_helpers import FakeTime

SECRET_URL = "https://hooks.slack.com/services/T000/B000/SECRETPART"


# Refusals of one message: that alert fails, the channel still takes the next.
MESSAGE_REFUSALS = {
    "invalid_blocks",
    "invalid_blocks_format",
    "msg_too_long",
    "msg_blocks_too_long",
    "invalid_arguments",
    "no_text",
    "missing_text_or_fallback_or_attachments",
    "invalid_payload",
    "too_many_attachments",
    "invalid_attachments",
    "invalid_charset",
    "invalid_form_data",
    "invalid_post_type",
    "missing_post_type",
    "invalid_arg_name",
    "invalid_array_arg",
    "invalid_metadata_format",
    "as_user_not_supported",
}


@pytest.mark.parametrize("code", sorted(WEB_API_PERMANENT))
def test_every_permanent_web_api_error_names_its_fix(code):
    outcome = web_api_outcome(code, 200, {}, "C0FUNDING1")

    assert (outcome.ok, outcome.permanent, outcome.retry_after, outcome.halts) == (
        False,
        True,
        None,
        code not in MESSAGE_REFUSALS,
    )
    assert outcome.error.startswith(f"Slack said {code}: ")
    assert "{channel}" not in outcome.error


@pytest.mark.parametrize("code", sorted(WEBHOOK_PERMANENT))
def test_every_permanent_webhook_error_names_the_variable_not_the_url(code):
    outcome = webhook_outcome(404, code, {}, "TEAM_WEBHOOK")

    assert (outcome.ok, outcome.permanent, outcome.halts) == (
        False,
        True,
        code not in MESSAGE_REFUSALS,
    )
    assert outcome.error.startswith(f"Slack said {code}: ") and "{env}" not in outcome.error


def test_rate_limits_carry_retry_after():
    by_status = web_api_outcome(None, 429, {"Retry-After": ["7"]}, "C0FUNDING1")
    by_code = web_api_outcome("ratelimited", 200, {}, "C0FUNDING1")
    webhook = webhook_outcome(429, "rate_limited", {"retry-after": "3600"}, "TEAM_WEBHOOK")

    assert (by_status.ok, by_status.permanent, by_status.retry_after) == (False, False, 7.0)
    assert by_code.retry_after == DEFAULT_RETRY_AFTER == 60.0
    assert webhook.retry_after == 3600.0 and by_status.halts and webhook.halts
    assert "retry after 3600s" in webhook.error and "TEAM_WEBHOOK" in webhook.error


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"Retry-After": "3"}, 3.0),
        ({"retry-after": ["2"]}, 2.0),
        ({"RETRY-AFTER": ("1.5",)}, 1.5),
        ({"Retry-After": "-4"}, 0.0),
        ({"Retry-After": "Wed, 21 Oct 2026 07:28:00 GMT"}, DEFAULT_RETRY_AFTER),
        ({"Retry-After": []}, DEFAULT_RETRY_AFTER),
        ({}, DEFAULT_RETRY_AFTER),
        (None, DEFAULT_RETRY_AFTER),
    ],
)
def test_retry_after_seconds(headers, seconds):
    assert retry_after_seconds(headers) == seconds


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("Wed, 21 Oct 2026 07:28:00 GMT", 900.0),  # a date, counted from now (07:13)
        ("Wed, 21 Oct 2026 07:00:00 GMT", 0.0),  # already past
        ("Wed, 21 Oct 2026 07:28:00", DEFAULT_RETRY_AFTER),  # no zone: not a time to count from
        ("nan", DEFAULT_RETRY_AFTER),
        ("inf", 86_400.0),  # held to a day
        ("99999999999", 86_400.0),
    ],
)
def test_retry_after_dates_are_counted_from_now_and_every_wait_is_held_to_a_day(value, seconds):
    now = datetime(2026, 10, 21, 7, 13, tzinfo=UTC)
    assert retry_after_seconds({"Retry-After": value}, now) == seconds
    assert web_api_outcome(None, 429, {"retry-after": [value]}, "C0FUNDING1", now).retry_after == (
        seconds
    )


def test_unknown_answers_are_transient_and_bodies_are_never_repeated():
    html = web_api_outcome("<html>oops</html>", 502, {}, "C0FUNDING1")
    hook = webhook_outcome(500, f"error at {SECRET_URL}", {}, "TEAM_WEBHOOK")

    assert (html.permanent, html.retry_after, html.halts) == (False, None, False)
    assert html.error == "Slack answered HTTP 502; will retry later"
    assert html.give_up_after is None and hook.give_up_after is None
    assert hook.error == "Slack answered HTTP 500 for the webhook in TEAM_WEBHOOK; will retry later"
    assert webhook_outcome(200, "ok", {}, "TEAM_WEBHOOK").ok


def test_a_code_fundwatch_does_not_know_is_tried_a_few_times_only():
    odd = web_api_outcome("something_new", 200, {}, "C0FUNDING1")
    hook = webhook_outcome(400, "something_new", {}, "TEAM_WEBHOOK")
    passing = web_api_outcome("internal_error", 200, {}, "C0FUNDING1")

    assert (odd.permanent, odd.halts, odd.give_up_after) == (False, False, UNKNOWN_ANSWER_ATTEMPTS)
    assert (
        odd.error == "Slack said something_new, an answer fundwatch does not know; please report it"
    )
    assert hook.give_up_after == UNKNOWN_ANSWER_ATTEMPTS
    assert hook.error == (
        "Slack said something_new (HTTP 400) for the webhook in TEAM_WEBHOOK, an answer fundwatch "
        "does not know; please report it"
    )
    assert passing.give_up_after is None
    assert passing.error == "Slack said internal_error; will retry later"


@pytest.mark.parametrize(
    ("exc", "said"),
    [
        (URLError(TimeoutError(SECRET_URL)), "Slack did not answer within 5s"),
        (TimeoutError(SECRET_URL), "Slack did not answer within 5s"),
        (URLError(ConnectionRefusedError(SECRET_URL)), "Slack refused the connection"),
        (ConnectionResetError(SECRET_URL), "the connection to Slack failed (ConnectionResetError)"),
        (http.client.RemoteDisconnected(SECRET_URL), "(RemoteDisconnected)"),
        (URLError(SECRET_URL), "could not reach Slack (str)"),
    ],
)
def test_network_failures_are_transient_and_say_only_their_kind(exc, said):
    outcome = network_outcome(exc, "the webhook in TEAM_WEBHOOK", 5)

    assert (outcome.ok, outcome.permanent, outcome.retry_after) == (False, False, None)
    assert said in outcome.error and "SECRETPART" not in outcome.error


def _answer(status: int, retry_after: str | None) -> HttpResponse:
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    return HttpResponse(status_code=status, headers=headers)


def test_inline_handler_retries_only_short_waits_and_only_so_often():
    fake_time = FakeTime()
    handler = InlineRateLimitHandler(max_retry_count=2, max_inline_wait=30, sleep=fake_time.sleep)
    request = HttpRequest(method="POST", url="http://127.0.0.1/api/chat.postMessage", headers={})
    state = RetryState()

    def can(response: HttpResponse) -> bool:
        return handler.can_retry(state=state, request=request, response=response)

    assert can(_answer(429, "30")) and can(_answer(429, "0"))
    assert not can(_answer(429, "31")) and not can(_answer(429, "3600"))
    assert not can(_answer(429, None))  # no Retry-After: the outbox waits the default 60s
    assert not can(_answer(500, "1")) and not can(_answer(200, None))
    assert not handler.can_retry(state=state, request=request, response=None, error=OSError())

    for _ in range(2):
        handler.prepare_for_next_attempt(state=state, request=request, response=_answer(429, "2"))
    assert fake_time.sleeps == [2.0, 2.0] and state.next_attempt_requested
    assert not can(_answer(429, "1"))  # max_retry_count spent
