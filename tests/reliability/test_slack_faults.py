"""Slack failing the way it does in production, through the delivery engine and the real SlackChannel
(slack-sdk) against the loopback stand-in, run after run on an advancing clock: 500s, a 429 whose
Retry-After is longer than the inline cap, and an answer that never comes within the client's
timeout. Every alert arrives exactly once in the end; until then each waits in the outbox with its
reason, and the run's summary says what failed and why, without the token.

Waits go through an injected sleep (recorded, never slept) and "now" is passed in; nothing here
measures wall-clock time.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from email.utils import format_datetime

import pytest

from config.models import Settings
from notifier.channels.outcome import UNKNOWN_ANSWER_ATTEMPTS
from notifier.channels.slack import SlackChannel
from notifier.delivery import deliver_instant
from storage.outbox import MAX_ATTEMPTS
from tests.notify_helpers import NOW, add_opportunity, add_outbox_row, outbox
from tests.slack_helpers import CHANNEL, bot_subscription
from tests.slack_standin import Scripted, rate_limited, server_error

ALERTS = 3
INLINE_CAP = 30.0  # SlackChannel's max_inline_wait: a longer Retry-After must not be slept
CLIENT_TIMEOUT = 1.5  # long enough that a loaded machine answers in time; the stall is 60 s


@pytest.fixture
def alerts(db):
    for n in range(ALERTS):
        add_opportunity(db, f"fault-opp-{n}", title=f"Slack fault fund {n}")
        add_outbox_row(db, f"fault-opp-{n}", subscription_id="digital_team", channel="slack")
    return db


def deliver(db, slack, fake_time, at):
    """One delivery run at `at`, through a SlackChannel whose waits are recorded, not slept."""
    channel = SlackChannel(
        db,
        token=slack.token,
        api_url=slack.api_url,
        env={},
        max_inline_wait=INLINE_CAP,
        min_interval=1.0,  # Slack's pacing, on the fake clock
        timeout=CLIENT_TIMEOUT,
        sleep=fake_time.sleep,
        clock=fake_time.clock,
    )
    return deliver_instant(
        db, [bot_subscription(CHANNEL)], Settings(), now=at, channel_for=lambda s, n: channel
    )


def posted(slack) -> Counter:
    """How often each opportunity reached the channel."""
    return Counter(
        f"fault-opp-{n}"
        for post in slack.posts
        for n in range(ALERTS)
        if f"Slack fault fund {n}" in str(post["text"])
    )


def assert_all_sent_once(db, slack) -> None:
    assert posted(slack) == {f"fault-opp-{n}": 1 for n in range(ALERTS)}, "lost or sent twice"
    assert [row["status"] for row in outbox(db)] == ["sent"] * ALERTS


def assert_no_token(summary, db, slack) -> None:
    assert slack.token not in summary.text()
    assert all(slack.token not in (row["last_error"] or "") for row in outbox(db))


def test_server_errors_wait_in_the_outbox_and_are_sent_once_later(alerts, slack, fake_time):
    db = alerts
    slack.script(*[server_error(500) for _ in range(ALERTS)])
    first = deliver(db, slack, fake_time, NOW)

    assert (first.sent, first.retrying, first.failed) == (0, ALERTS, 0)
    assert "Slack answered HTTP 500; will retry later" in first.text()
    rows = outbox(db)
    assert {r["status"] for r in rows} == {"pending"} and {r["attempts"] for r in rows} == {1}
    assert all("HTTP 500" in r["last_error"] for r in rows)
    assert_no_token(first, db, slack)

    asked = len(slack.requests)
    early = deliver(db, slack, fake_time, NOW + timedelta(seconds=30))  # inside the backoff
    assert early.sent == 0 and len(slack.requests) == asked

    later = deliver(db, slack, fake_time, NOW + timedelta(minutes=2))
    assert (later.sent, later.retrying, later.failed) == (ALERTS, 0, 0)
    assert_all_sent_once(db, slack)


def test_a_retry_after_past_the_inline_cap_defers_the_rows_instead_of_sleeping(
    alerts, slack, fake_time
):
    db = alerts
    slack.script(rate_limited(retry_after=3600))
    first = deliver(db, slack, fake_time, NOW)

    assert not [s for s in fake_time.sleeps if s >= INLINE_CAP], "the run slept out the 429"
    assert len(slack.requests) == 1, "the rest were posted into a rate limit"
    assert first.sent == 0 and first.retrying == ALERTS and first.failed == 0
    assert "rate limiting posts to C0FUNDING1; retry after 3600s" in first.text()
    rows = outbox(db)
    assert {r["status"] for r in rows} == {"pending"}
    earliest = NOW + timedelta(seconds=3600)
    assert all(r["next_attempt_at"] >= earliest.isoformat() for r in rows), rows
    assert [r["attempts"] for r in rows] == [1, 0, 0]  # only the one tried spent an attempt
    assert_no_token(first, db, slack)

    before = deliver(db, slack, fake_time, NOW + timedelta(minutes=59))
    assert before.sent == 0 and len(slack.requests) == 1

    after = deliver(db, slack, fake_time, NOW + timedelta(minutes=61))
    assert after.sent == ALERTS
    assert_all_sent_once(db, slack)


@pytest.mark.parametrize(
    ("retry_after", "waits"),
    [
        (format_datetime(NOW + timedelta(minutes=15), usegmt=True), timedelta(minutes=15)),
        ("99999999999", timedelta(days=1)),  # was a next_attempt_at past 9999: OverflowError
        ("inf", timedelta(days=1)),
    ],
)
def test_a_retry_after_as_a_date_or_past_all_reason_defers_the_rows_by_what_it_means(
    alerts, slack, fake_time, retry_after, waits
):
    db = alerts
    slack.script(Scripted(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": retry_after}))
    first = deliver(db, slack, fake_time, NOW)

    assert (first.sent, first.retrying, first.failed) == (0, ALERTS, 0), first.text()
    assert fake_time.sleeps == [] and len(slack.requests) == 1
    rows = outbox(db)
    assert {r["next_attempt_at"] for r in rows} == {(NOW + waits).isoformat()}, rows
    assert deliver(db, slack, fake_time, NOW + waits - timedelta(seconds=1)).sent == 0
    assert deliver(db, slack, fake_time, NOW + waits).sent == ALERTS
    assert_all_sent_once(db, slack)


def test_an_answer_that_never_comes_in_time_is_retried_and_sent_once(alerts, slack, fake_time):
    db = alerts
    # The first post is held far past the client's timeout and then refused: Slack never posted it.
    slack.script(Scripted(503, "<html>upstream timed out</html>", delay=60))
    first = deliver(db, slack, fake_time, NOW)

    # The alerts after it are not tried in this run (test_host_unreachable.py): they wait too.
    assert (first.sent, first.retrying) == (0, ALERTS)
    assert f"Slack did not answer within {CLIENT_TIMEOUT:g}s" in first.text()
    waiting = [r for r in outbox(db) if r["status"] == "pending"]
    assert len(waiting) == ALERTS and "did not answer" in waiting[0]["last_error"]
    assert_no_token(first, db, slack)

    later = deliver(db, slack, fake_time, NOW + timedelta(minutes=2))
    assert later.sent == ALERTS
    assert_all_sent_once(db, slack)


def test_a_code_slack_does_not_document_is_tried_a_few_times_then_fails_showing_it(
    alerts, slack, fake_time
):
    """Before: an `ok: false` with a code fundwatch does not know was retried as transient, 12
    attempts over some 20 hours, alert by alert. Now it gets UNKNOWN_ANSWER_ATTEMPTS, then fails for
    good with Slack's code in its reason (and `notify` exits 1 for it)."""
    db = alerts
    odd = Scripted(200, {"ok": False, "error": "brand_new_refusal"})
    slack.script(*[odd for _ in range(ALERTS * (UNKNOWN_ANSWER_ATTEMPTS + 1))])
    at = NOW
    for attempt in range(1, UNKNOWN_ANSWER_ATTEMPTS):
        run = deliver(db, slack, fake_time, at)
        assert (run.retrying, run.failed) == (ALERTS, 0), f"attempt {attempt}: {run.text()}"
        at = at + timedelta(hours=1)
    last = deliver(db, slack, fake_time, at)
    assert (last.sent, last.retrying, last.failed) == (0, 0, ALERTS), last.text()
    assert last.gave_up == ALERTS
    rows = outbox(db)
    assert {r["status"] for r in rows} == {"failed"}
    assert {r["last_error"] for r in rows} == {
        f"gave up after {UNKNOWN_ANSWER_ATTEMPTS} attempts: Slack said brand_new_refusal, an answer "
        "fundwatch does not know; please report it"
    }
    asked = len(slack.requests)
    assert deliver(db, slack, fake_time, at + timedelta(days=1)).sent == 0
    assert len(slack.requests) == asked, "an alert failed for good was posted again"


@pytest.mark.parametrize("code", ["internal_error", "fatal_error", "service_unavailable"])
def test_the_codes_slack_documents_as_passing_keep_every_attempt(alerts, slack, fake_time, code):
    db = alerts
    slack.script(*[Scripted(200, {"ok": False, "error": code}) for _ in range(ALERTS)])
    deliver(db, slack, fake_time, NOW)
    assert all(r["last_error"] == f"Slack said {code}; will retry later" for r in outbox(db))
    for row in outbox(db):  # as if it had failed so for hours: still a retry, not given up
        db.conn.execute(
            "UPDATE outbox SET attempts = ? WHERE id = ?", [MAX_ATTEMPTS - 2, row["id"]]
        )
    db.conn.commit()
    slack.script(*[Scripted(200, {"ok": False, "error": code}) for _ in range(ALERTS)])
    run = deliver(db, slack, fake_time, NOW + timedelta(hours=7))
    assert (run.retrying, run.failed) == (ALERTS, 0), run.text()
