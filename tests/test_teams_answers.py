"""What the Workflows endpoint's answers come to, and which webhook URLs Teams alerts may go to.
Pure functions, table-driven; the delivery tests drive the same answers through a real server."""

from __future__ import annotations

import socket
import ssl
from datetime import UTC, datetime

import pytest

from notifier.channels.outcome import UNKNOWN_ANSWER_ATTEMPTS
from notifier.channels.retry_after import (
    DEFAULT_RETRY_AFTER,
    LONGEST_RETRY_AFTER,
    retry_after_seconds,
)
from notifier.channels.slack.answers import web_api_outcome, webhook_outcome
from notifier.channels.teams import answer_outcome
from notifier.channels.teams.answers import REPORT_BUG, network_outcome
from notifier.channels.teams.webhook_url import teams_url_problem

ENV = "DIGITAL_TEAMS_WEBHOOK"
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "status,body,ok,permanent,words",
    [
        (200, b"", True, False, None),
        (202, b"", True, False, None),
        (
            400,
            b'{"error": {"code": "InvalidRequestContent", "message": "x"}}',
            False,
            True,
            f"{REPORT_BUG} (HTTP 400, InvalidRequestContent)",
        ),
        (413, b"", False, True, "the card is too large"),
        (401, b"", False, True, f"the flow behind {ENV} asks for sign-in: set its trigger"),
        (403, b"", False, True, f"the flow behind {ENV} was turned off"),
        (
            404,
            b'{"error": {"code": "WorkflowNotFound"}}',
            False,
            True,
            f"HTTP 404, WorkflowNotFound: no flow answers at the URL in {ENV}: the flow was deleted",
        ),
        (410, b"", False, True, f"the flow behind {ENV} was deleted"),
        (302, b"", False, True, "answered with a redirect (HTTP 302)"),
        (
            500,
            b"<html>boom</html>",
            False,
            False,
            f"HTTP 500 for the Teams webhook in {ENV}; will retry",
        ),
        (
            503,
            b'{"error": {"code": "ServiceUnavailable"}}',
            False,
            False,
            "HTTP 503, ServiceUnavailable",
        ),
        (408, b"", False, False, "HTTP 408"),
    ],
)
def test_answers(status, body, ok, permanent, words):
    outcome = answer_outcome(status, body, {}, ENV, NOW)
    assert (outcome.ok, outcome.permanent, outcome.retry_after) == (ok, permanent, None)
    if words:
        assert words in outcome.error
        assert "boom" not in outcome.error


@pytest.mark.parametrize("status", [405, 409, 415, 422, 451])
def test_a_4xx_teams_does_not_give_is_tried_a_few_times_as_slacks_unknown_codes_are(status):
    # Before: retried as a passing fault, for the outbox's 12 attempts over some 20 hours.
    body = b'{"error": {"code": "SomethingNew", "message": "sig=SECRET"}}'
    outcome = answer_outcome(status, body, {}, ENV, NOW)
    assert (outcome.ok, outcome.permanent, outcome.halts) == (False, False, False)
    assert outcome.give_up_after == UNKNOWN_ANSWER_ATTEMPTS == 3
    assert outcome.error == (
        f"Teams answered HTTP {status}, SomethingNew for the Teams webhook in {ENV}, an answer "
        "fundwatch does not know; please report it"
    )
    # One rule for both channels: Slack's unknown codes come to the same limit, in the same words.
    slack = [
        web_api_outcome("something_new", 200, {}, "C0DIGITAL1"),
        webhook_outcome(status, "something_new", {}, "HOOK"),
    ]
    assert {o.give_up_after for o in slack} == {outcome.give_up_after}
    assert all(
        o.error.endswith("an answer fundwatch does not know; please report it") for o in slack
    )


TOO_LARGE_BODY = (
    b'{"error": {"code": "BadRequest", "message": "InvalidParameter", "innerError": {"code": "1", '
    b'"message": "MessageSizeExceeded-Message properties size exceeded. sig=SECRET"}}}'
)


@pytest.mark.parametrize(
    "status,body,halts,words",
    [
        # The flow's trigger expects another request: every card would fail, so the rest halt.
        (
            400,
            b'{"error": {"code": "TriggerInputSchemaMismatch", "message": "AdaptiveCard"}}',
            True,
            f"HTTP 400, TriggerInputSchemaMismatch: the flow behind {ENV} did not take the request",
        ),
        # This card was refused: it fails alone, the rest still go.
        (400, TOO_LARGE_BODY, False, f"{REPORT_BUG}: the card is too large (HTTP 400, BadRequest)"),
        (
            400,
            b'{"error": {"code": "InvalidRequestContent", "message": "x"}}',
            False,
            f"{REPORT_BUG} (HTTP 400, InvalidRequestContent)",
        ),
        (
            400,
            "Webhook message delivery failed: the Adaptive Card is invalid",
            False,
            f"{REPORT_BUG}: the card is not a valid Adaptive Card (HTTP 400)",
        ),
        (413, b"", False, f"{REPORT_BUG}: the card is too large (HTTP 413)"),
        # A 400 that names neither counts as the flow's, as before.
        (400, b'{"error": {"code": "BadRequest"}}', True, f"{REPORT_BUG} (HTTP 400, BadRequest)"),
        (400, b"", True, f"{REPORT_BUG} (HTTP 400)"),
    ],
)
def test_a_refused_card_fails_alone_and_a_refusing_flow_halts(status, body, halts, words):
    outcome = answer_outcome(status, body, {}, ENV, NOW)
    assert (outcome.ok, outcome.permanent, outcome.halts) == (False, True, halts)
    assert outcome.only_this is not halts and outcome.result(7).only_this is not halts
    assert outcome.error.startswith(words) and "SECRET" not in outcome.error


def test_a_body_is_never_repeated_only_an_identifier_code():
    sneaky = (
        b'{"error": {"code": "https://x.logic.azure.com/?sig=SECRET", "message": "sig=SECRET"}}'
    )
    outcome = answer_outcome(400, sneaky, {}, ENV)
    assert "SECRET" not in outcome.error and outcome.error == f"{REPORT_BUG} (HTTP 400)"


@pytest.mark.parametrize(
    "headers,seconds",
    [
        ({"Retry-After": "120"}, 120.0),
        ({"retry-after": "7.5"}, 7.5),
        ({"Retry-After": "Wed, 25 Nov 2026 09:02:00 GMT"}, 120.0),
        ({"Retry-After": "-5"}, 0.0),
        ({"Retry-After": "999999999"}, LONGEST_RETRY_AFTER),
        ({"Retry-After": "soon"}, DEFAULT_RETRY_AFTER),
        ({"Retry-After": "nan"}, DEFAULT_RETRY_AFTER),
        ({}, DEFAULT_RETRY_AFTER),
    ],
)
def test_retry_after(headers, seconds):
    assert retry_after_seconds(headers, NOW) == pytest.approx(seconds)
    outcome = answer_outcome(429, b"", headers, ENV, NOW)
    assert (outcome.ok, outcome.permanent) == (False, False)
    assert outcome.retry_after == pytest.approx(seconds) and outcome.halts
    assert f"Teams is throttling the webhook in {ENV}; retry after" in outcome.error


@pytest.mark.parametrize(
    "exc,words",
    [
        (TimeoutError("https://x/?sig=SECRET"), "Teams did not answer within 10s"),
        (ConnectionRefusedError("sig=SECRET"), "Teams refused the connection"),
        (
            ConnectionResetError("sig=SECRET"),
            "the connection to Teams failed (ConnectionResetError)",
        ),
        (OSError("sig=SECRET"), "could not reach Teams (OSError)"),
        # A mistyped host said "(gaierror)"; a certificate failure "(SSLCertVerificationError)".
        (
            socket.gaierror(-2, "Name or service not known sig=SECRET"),
            "could not reach Teams: its host name was not found",
        ),
        (
            ssl.SSLCertVerificationError("sig=SECRET"),
            "could not reach Teams: the secure connection failed (its certificate or TLS)",
        ),
    ],
)
def test_network_failures_are_transient_and_say_nothing_secret(exc, words):
    outcome = network_outcome(exc, ENV, 10.0)
    assert (outcome.ok, outcome.permanent, outcome.retry_after) == (False, False, None)
    assert outcome.error.startswith(words) and "SECRET" not in outcome.error
    assert ENV in outcome.error


OK_URLS = [
    "https://prod-12.uksouth.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=x",
    "https://0f1e.2a.environment.api.powerplatform.com/powerautomate/automations/direct/workflows/"
    "b950/triggers/manual/paths/invoke?api-version=1&sig=x",
    "https://council.webhook.office.com/webhookb2/abc",
]
REFUSED = [
    "http://prod-12.uksouth.logic.azure.com/workflows/abc",  # not https
    "https://logic.azure.com/workflows/abc",  # no subdomain: not a flow's host
    "https://evil.example/logic.azure.com/x",
    "https://x.logic.azure.com.evil.example/x",
    "https://user:pw@x.logic.azure.com/x",
    "https://x.logic.azure.com:8443/x",
    "https://x.logic.azure.com/",
    "https://x.logic.azure.com/a b",
    "javascript:alert(1)",
    "http://127.0.0.1:8080/hook?sig=x",  # loopback, not allowed here
]


@pytest.mark.parametrize("url", OK_URLS)
def test_microsoft_workflows_hosts_are_allowed(url):
    assert teams_url_problem(ENV, url, {}) is None


@pytest.mark.parametrize("url", REFUSED)
def test_other_urls_are_refused_by_name_never_by_value(url, monkeypatch):
    monkeypatch.delenv("FUNDWATCH_ALLOW_LOOPBACK", raising=False)
    problem = teams_url_problem(ENV, url, {})
    assert problem and problem.startswith(f"{ENV} must hold a Teams Workflows webhook URL")
    assert url not in problem and "sig=x" not in problem and "evil" not in problem


def test_loopback_only_when_the_environment_says_so(monkeypatch):
    monkeypatch.delenv("FUNDWATCH_ALLOW_LOOPBACK", raising=False)
    url = "http://127.0.0.1:8080/hook?sig=x"
    assert "FUNDWATCH_ALLOW_LOOPBACK=1" in teams_url_problem(ENV, url, {})
    assert teams_url_problem(ENV, url, {"FUNDWATCH_ALLOW_LOOPBACK": "1"}) is None
