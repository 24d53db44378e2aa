"""A walk over Slack answers a Slack Web API stand-in may give, through the delivery engine and the
real SlackChannel (slack-sdk) on loopback: `ok: false` with HTTP 200 for a channel or token that
cannot be used, for one message, and for a rate limit; a 429 with no Retry-After; 5xx with an HTML
body; the connection reset part-way through the answer (before or after the message landed); and
a read-back of the channel that Slack rate limits (webhooks: test_slack_webhook_answers.py). For each: nothing lost, nothing sent twice, the reason
kept in the outbox and on the run's problem lines, a refusal never retried, a passing fault retried
after its backoff. Waits go through an injected sleep; "now" is passed in.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.notify_helpers import NOW, outbox
from tests.reliability.slack_walk import (
    ALERTS,
    HISTORY,
    LATER,
    NEXT_DAY,
    add_alerts,
    assert_each_once,
    deliver,
    posted,
)
from tests.slack_helpers import CHANNEL
from tests.slack_standin import Scripted, SlackStandIn, reset_mid_answer, server_error


@pytest.fixture
def alerts(db):
    return add_alerts(db)


@pytest.mark.parametrize(
    ("code", "said"),
    [
        ("channel_not_found", f"the channel id {CHANNEL} does not exist"),
        ("not_in_channel", f"the bot is not a member of {CHANNEL}"),
        ("invalid_auth", "the bot token in SLACK_BOT_TOKEN was not accepted"),
        ("account_inactive", "the bot token belongs to a deactivated user or workspace"),
    ],
)
def test_a_destination_slack_refuses_with_http_200_fails_for_good_after_one_post(
    alerts, slack, fake_time, code, said
):
    slack.script(Scripted(200, {"ok": False, "error": code}))
    run = deliver(alerts, slack, fake_time, NOW)
    assert (run.sent, run.retrying, run.failed) == (0, 0, ALERTS), run.text()
    assert len(slack.requests) == 1, "posted into a refusal"
    reason = f"Slack said {code}: {said}"
    assert all(r["status"] == "failed" and reason in r["last_error"] for r in outbox(alerts))
    assert any(reason in line for line in run.problems), run.problems
    assert slack.token not in run.text()
    assert deliver(alerts, slack, fake_time, NEXT_DAY).sent == 0
    assert len(slack.requests) == 1, "a refusal was retried"


def test_a_message_too_long_fails_alone_and_is_not_posted_again(alerts, slack, fake_time):
    slack.script(Scripted(), Scripted(200, {"ok": False, "error": "msg_too_long"}))
    run = deliver(alerts, slack, fake_time, NOW)
    assert (run.sent, run.retrying, run.failed) == (ALERTS - 1, 0, 1), run.text()
    rows = outbox(alerts)
    assert [r["status"] for r in rows] == ["sent", "failed", "sent"]
    assert "Slack said msg_too_long" in rows[1]["last_error"]
    deliver(alerts, slack, fake_time, NEXT_DAY)
    assert posted(slack) == {0: 1, 2: 1} and len(slack.requests) == ALERTS


@pytest.mark.parametrize(
    "answer",
    [
        Scripted(200, {"ok": False, "error": "ratelimited"}),  # in the body, with HTTP 200
        Scripted(429, {"ok": False, "error": "ratelimited"}),  # no Retry-After
        Scripted(429, "<html><body>Too Many Requests</body></html>"),
    ],
    ids=["200-ratelimited", "429-no-retry-after", "429-html"],
)
def test_a_rate_limit_that_names_no_wait_defers_every_row_a_minute(
    alerts, slack, fake_time, answer
):
    slack.script(answer)
    run = deliver(alerts, slack, fake_time, NOW)
    assert (run.sent, run.retrying, run.failed) == (0, ALERTS, 0), run.text()
    assert len(slack.requests) == 1 and fake_time.sleeps == []
    rows = outbox(alerts)
    minute = (NOW + timedelta(seconds=60)).isoformat()
    assert {r["next_attempt_at"] for r in rows} == {minute}, rows
    assert [r["attempts"] for r in rows] == [1, 0, 0]  # only the one posted spent an attempt
    assert deliver(alerts, slack, fake_time, NOW + timedelta(seconds=59)).sent == 0
    assert deliver(alerts, slack, fake_time, NOW + timedelta(seconds=60)).sent == ALERTS
    assert_each_once(alerts, slack)


@pytest.mark.parametrize("status", [500, 502, 503])
def test_a_5xx_with_an_html_page_is_retried_after_its_backoff(alerts, slack, fake_time, status):
    slack.script(*[server_error(status) for _ in range(ALERTS)])
    run = deliver(alerts, slack, fake_time, NOW)
    assert (run.sent, run.retrying, run.failed) == (0, ALERTS, 0), run.text()
    assert all(f"Slack answered HTTP {status}" in r["last_error"] for r in outbox(alerts))
    assert deliver(alerts, slack, fake_time, NOW + timedelta(seconds=30)).sent == 0
    assert deliver(alerts, slack, fake_time, LATER).sent == ALERTS
    assert_each_once(alerts, slack)


def test_a_503_naming_its_retry_after_is_asked_again_then_not_sooner(alerts, slack, fake_time):
    """Before: a 503 with Retry-After: 300 (Slack down for maintenance) was backed off a minute like
    any 5xx, each alert posted into the outage, and asked again a minute later."""
    page = "<html><body>Service Unavailable</body></html>"
    slack.script(Scripted(503, page, {"Retry-After": "300"}))
    run = deliver(alerts, slack, fake_time, NOW)
    assert (run.sent, run.retrying, run.failed) == (0, ALERTS, 0), run.text()
    assert len(slack.requests) == 1, "posted into an outage Slack said would last 5 minutes"
    rows = outbox(alerts)
    assert {r["next_attempt_at"] for r in rows} == {(NOW + timedelta(seconds=300)).isoformat()}
    assert "Slack answered HTTP 503; retry after 300s" in rows[0]["last_error"]
    assert deliver(alerts, slack, fake_time, NOW + timedelta(seconds=299)).sent == 0
    assert deliver(alerts, slack, fake_time, NOW + timedelta(seconds=300)).sent == ALERTS
    assert_each_once(alerts, slack)


@pytest.mark.parametrize("lands", [False, True], ids=["before-posting", "after-posting"])
def test_a_connection_reset_mid_answer_is_retried_and_the_alert_arrives_once(
    alerts, fake_time, lands
):
    # With the history scope, a retry reads the channel first: a post that landed is not repeated.
    with SlackStandIn(channels=[CHANNEL], scopes=HISTORY, epoch=NOW.timestamp() + 60) as slack:
        slack.script(reset_mid_answer(lands=lands))
        run = deliver(alerts, slack, fake_time, NOW)
        assert (run.sent, run.retrying, run.failed) == (0, ALERTS, 0), run.text()
        rows = outbox(alerts)
        assert "the connection to Slack failed" in rows[0]["last_error"], rows[0]
        assert [r["attempts"] for r in rows] == [1, 0, 0]  # the host is not tried again this run
        assert deliver(alerts, slack, fake_time, LATER).sent == ALERTS
        assert_each_once(alerts, slack)


@pytest.mark.parametrize(
    ("limit", "waits"),
    [
        (Scripted(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "120"}), 120),
        (Scripted(200, {"ok": False, "error": "ratelimited"}), 60),
    ],
    ids=["429", "200-ratelimited"],
)
def test_a_rate_limited_read_back_waits_instead_of_posting_a_second_copy(
    alerts, fake_time, limit, waits
):
    """Before: a read of the channel that Slack rate limited was "not found", and an alert whose
    earlier post had landed was posted again: twice in the channel."""
    with SlackStandIn(channels=[CHANNEL], scopes=HISTORY, epoch=NOW.timestamp() + 60) as slack:
        slack.script(reset_mid_answer(lands=True))  # alert 0 lands; its answer is cut off
        deliver(alerts, slack, fake_time, NOW)
        slack.script_reads(limit)
        limited = deliver(alerts, slack, fake_time, LATER)
        assert (limited.sent, limited.retrying, limited.failed) == (0, ALERTS, 0), limited.text()
        assert posted(slack) == {0: 1}, "posted again without looking"
        assert "rate limiting reads of C0FUNDING1" in limited.text()
        rows = outbox(alerts)
        assert {r["next_attempt_at"] for r in rows} == {
            (LATER + timedelta(seconds=waits)).isoformat()
        }
        assert [r["attempts"] for r in rows] == [1, 0, 0]  # waiting spends no attempt
        early = LATER + timedelta(seconds=waits - 1)
        assert deliver(alerts, slack, fake_time, early).sent == 0
        assert deliver(alerts, slack, fake_time, LATER + timedelta(seconds=waits)).sent == ALERTS
        assert_each_once(alerts, slack)
