"""chat.postMessage answers a Slack Web API stand-in may give that name no refusal fundwatch knows:
`{"ok": false}` with no `error` code, and HTTP 200 with a body that is not JSON (a proxy's page in
Slack's stead). Through the delivery engine and the real SlackChannel (slack-sdk) on loopback, on
an advancing clock, waits recorded, never slept.

`ok: false` with no code is an answer fundwatch does not know (Slack always names one), so it goes
by that rule (README, "A Slack app"): tried UNKNOWN_ANSWER_ATTEMPTS times in all, runs apart, then
failed for good saying so; it was a passing fault, 12 attempts over some 20 hours. A body that is
not JSON says nothing of the post and is something in the way, so it stays a passing fault: retried
with backoff, bounded by the outbox's MAX_ATTEMPTS. Either way nothing is lost meanwhile and an
alert failed for good is not posted again.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from notifier.channels.outcome import UNKNOWN_ANSWER_ATTEMPTS
from storage.outbox import MAX_ATTEMPTS, backoff
from tests.notify_helpers import NOW, outbox
from tests.reliability.slack_walk import ALERTS, add_alerts, assert_each_once, deliver
from tests.slack_helpers import WEBHOOK_ENV, allow_loopback
from tests.slack_standin import Scripted

NO_CODE = Scripted(200, {"ok": False})
HTML_200 = Scripted(200, "<html><body>Welcome to the proxy</body></html>")


@pytest.fixture
def alerts(db):
    return add_alerts(db)


@pytest.mark.parametrize(
    ("answer", "said", "attempts"),
    [
        (NO_CODE, "Slack said ok: false with no error code", UNKNOWN_ANSWER_ATTEMPTS),
        (HTML_200, "Slack's answer was not JSON", MAX_ATTEMPTS),
    ],
)
def test_an_answer_naming_no_refusal_is_retried_a_bounded_number_of_times(
    alerts, slack, fake_time, answer, said, attempts
):
    slack.script(*[answer for _ in range(ALERTS * attempts)])
    at = NOW
    for attempt in range(1, attempts):
        run = deliver(alerts, slack, fake_time, at)
        assert (run.sent, run.retrying, run.failed) == (0, ALERTS, 0), f"{attempt}: {run.text()}"
        assert all(said in r["last_error"] for r in outbox(alerts)), outbox(alerts)
        at += backoff(attempt)
    last = deliver(alerts, slack, fake_time, at)
    assert (last.sent, last.retrying, last.failed) == (0, 0, ALERTS), last.text()
    rows = outbox(alerts)
    assert {r["status"] for r in rows} == {"failed"}
    assert all(
        r["last_error"].startswith(f"gave up after {attempts} attempts: {said}") for r in rows
    )
    if attempts == UNKNOWN_ANSWER_ATTEMPTS:
        assert all("an answer fundwatch does not know" in r["last_error"] for r in rows), rows
    assert "Welcome" not in last.text(), "a body was repeated"
    asked = len(slack.requests)
    assert deliver(alerts, slack, fake_time, at + timedelta(days=1)).sent == 0
    assert len(slack.requests) == asked, "an alert failed for good was posted again"


@pytest.mark.parametrize("answer", [NO_CODE, HTML_200])
def test_one_such_answer_then_slack_as_usual_sends_each_alert_once(
    alerts, slack, fake_time, answer
):
    slack.script(answer)
    first = deliver(alerts, slack, fake_time, NOW)
    assert (first.sent, first.retrying, first.failed) == (ALERTS - 1, 1, 0), first.text()
    later = deliver(alerts, slack, fake_time, NOW + timedelta(minutes=5))
    assert later.sent == 1
    assert_each_once(alerts, slack)


def test_a_webhook_saying_ok_false_with_no_code_is_named_so_and_tried_a_few_times(
    db, slack, fake_time, monkeypatch
):
    allow_loopback(monkeypatch)
    add_alerts(db)
    slack.script(*[Scripted(200, {"ok": False}) for _ in range(ALERTS * UNKNOWN_ANSWER_ATTEMPTS)])
    at = NOW
    for attempt in range(1, UNKNOWN_ANSWER_ATTEMPTS + 1):
        run = deliver(db, slack, fake_time, at, webhook=True)
        at += backoff(attempt)
    assert (run.sent, run.retrying, run.failed) == (0, 0, ALERTS), run.text()
    assert {r["last_error"] for r in outbox(db)} == {
        f"gave up after {UNKNOWN_ANSWER_ATTEMPTS} attempts: Slack said ok: false with no error "
        f"code (HTTP 200) for the webhook in {WEBHOOK_ENV}, an answer fundwatch does not know; "
        "please report it"
    }
