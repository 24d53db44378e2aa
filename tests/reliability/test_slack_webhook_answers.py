"""A walk over what an incoming webhook may answer, through the delivery engine and the real
SlackChannel (slack-sdk's WebhookClient) against the loopback stand-in: plain-text refusals, a 2xx
saying ok in other words, JSON answers, a rate limit said in the body. Nothing lost, nothing
posted twice, a refusal never retried; the URL (a secret) never in what is said.
"""

from __future__ import annotations

from datetime import timedelta
from email.utils import format_datetime

import pytest

from tests.notify_helpers import NOW, outbox
from tests.reliability.slack_walk import (
    ALERTS,
    LATER,
    NEXT_DAY,
    add_alerts,
    assert_each_once,
    deliver,
    posted,
)
from tests.slack_helpers import WEBHOOK_ENV, allow_loopback
from tests.slack_standin import Scripted

QUARTER = timedelta(minutes=15)


@pytest.fixture
def alerts(db, monkeypatch):
    allow_loopback(monkeypatch)
    return add_alerts(db)


@pytest.mark.parametrize(
    ("answer", "statuses", "said"),
    [
        (Scripted(400, "invalid_payload"), ["failed", "sent", "sent"], "Slack said invalid_payload"),
        (Scripted(404, "no_service"), ["failed"] * ALERTS, f"the webhook in {WEBHOOK_ENV} no longer"),
        (Scripted(410, "channel_is_archived"), ["failed"] * ALERTS, "an archived channel"),
    ],
    ids=["invalid_payload", "no_service", "channel_is_archived"],
)  # fmt: skip
def test_a_webhook_refusal_in_plain_text_fails_for_good_and_is_never_reposted(
    alerts, slack, fake_time, answer, statuses, said
):
    slack.script(answer)
    run = deliver(alerts, slack, fake_time, NOW, webhook=True)
    rows = outbox(alerts)
    assert [r["status"] for r in rows] == statuses, run.text()
    assert said in rows[0]["last_error"] and "XXXX" not in run.text()
    asked = len(slack.requests)
    deliver(alerts, slack, fake_time, NEXT_DAY, webhook=True)
    assert len(slack.requests) == asked, "a refusal was posted again"
    assert all(count == 1 for count in posted(slack).values())


@pytest.mark.parametrize(
    ("status", "body"),
    [(200, "OK"), (200, {"ok": True}), (200, ""), (204, "")],
    ids=["OK", "json-ok", "empty", "204"],
)
def test_a_webhook_that_says_ok_in_other_words_has_posted_and_is_not_posted_again(
    alerts, slack, fake_time, status, body
):
    """Before: any 2xx not reading exactly `ok` was "Slack answered HTTP 200 …; will retry
    later", and every alert was posted again on the next run: twice in the channel."""
    slack.script(*[Scripted(status, body) for _ in range(ALERTS)])  # answered so, posted nowhere
    run = deliver(alerts, slack, fake_time, NOW, webhook=True)
    assert (run.sent, run.retrying, run.failed) == (ALERTS, 0, 0), run.text()
    for later in (LATER, NEXT_DAY):
        deliver(alerts, slack, fake_time, later, webhook=True)
    assert len(slack.requests) == ALERTS, "posted again"
    assert [r["status"] for r in outbox(alerts)] == ["sent"] * ALERTS


def test_a_webhook_answering_json_ok_false_is_read_by_its_code(alerts, slack, fake_time):
    slack.script(Scripted(200, {"ok": False, "error": "no_service"}))
    run = deliver(alerts, slack, fake_time, NOW, webhook=True)
    assert (run.sent, run.failed) == (0, ALERTS), run.text()
    assert all("Slack said no_service" in r["last_error"] for r in outbox(alerts))


@pytest.mark.parametrize(
    ("answer", "waits"),
    [
        (Scripted(200, "rate_limited"), 60),
        (Scripted(200, {"ok": False, "error": "ratelimited"}), 60),
        (Scripted(429, "rate_limited"), 60),
        (Scripted(429, "rate_limited", {"Retry-After": format_datetime(NOW + QUARTER, True)}), 900),
    ],
    ids=["200-text", "200-json", "429", "429-http-date"],
)
def test_a_webhook_rate_limit_said_in_the_body_defers_every_row(
    alerts, slack, fake_time, answer, waits
):
    """Before: a 200 reading `rate_limited` was a code fundwatch did not know (3 tries, then
    failed for good), and the other alerts were posted into the limit."""
    slack.script(answer)
    run = deliver(alerts, slack, fake_time, NOW, webhook=True)
    assert (run.sent, run.retrying, run.failed) == (0, ALERTS, 0), run.text()
    assert len(slack.requests) == 1 and fake_time.sleeps == []
    due = NOW + timedelta(seconds=waits)
    assert {r["next_attempt_at"] for r in outbox(alerts)} == {due.isoformat()}
    assert deliver(alerts, slack, fake_time, due - timedelta(seconds=1), webhook=True).sent == 0
    assert deliver(alerts, slack, fake_time, due, webhook=True).sent == ALERTS
    assert_each_once(alerts, slack)


def test_a_webhook_saying_no_text_fails_that_alert_alone(alerts, slack, fake_time):
    slack.script(Scripted(400, "no_text"))
    run = deliver(alerts, slack, fake_time, NOW, webhook=True)
    assert [r["status"] for r in outbox(alerts)] == ["failed", "sent", "sent"], run.text()
    assert (
        "Slack said no_text: Slack rejected the message itself" in outbox(alerts)[0]["last_error"]
    )
