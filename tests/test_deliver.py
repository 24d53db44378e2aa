"""Instant delivery over real outbox rows, with a recording channel and with the offline defaults."""

from __future__ import annotations

from datetime import timedelta

import pytest

from config.clock import iso, parse_iso
from config.models import Settings
from notifier.alerts import DeliveryResult
from notifier.delivery import deliver_instant
from tests.notify_helpers import (
    NOW,
    RecordingChannel,
    add_opportunity,
    add_outbox_row,
    channels,
    outbox,
    repository,
    subscription,
)

SETTINGS = Settings()


@pytest.fixture
def db(tmp_path):
    database = repository(tmp_path)
    for n in range(1, 13):
        add_opportunity(database, f"opp-{n}")
    return database


def status(db, row_id):
    return db["outbox"].get(row_id)["status"]


def test_instant_rows_are_delivered_once(db):
    ids = [add_outbox_row(db, f"opp-{n}") for n in (1, 2, 3)]
    slack = RecordingChannel()
    team = subscription()

    summary = deliver_instant(
        db, [team], SETTINGS, now=NOW, channel_for=channels({("digital_team", "slack"): slack})
    )

    assert sorted(slack.delivered) == ids
    assert (summary.sent, summary.failed, summary.retrying) == (3, 0, 0)
    assert summary.by_channel == {"slack": {"sent": 3, "failed": 0, "retrying": 0}}
    assert all(r["status"] == "sent" and r["sent_at"] == iso(NOW) for r in outbox(db))

    again = deliver_instant(
        db,
        [team],
        SETTINGS,
        now=NOW + timedelta(minutes=5),
        channel_for=channels({("digital_team", "slack"): slack}),
    )
    assert again.sent == 0
    assert len(slack.delivered) == 3


def test_slack_gets_one_call_per_alert_within_the_burst_limit_and_one_call_beyond(db):
    """Each small call is marked before the next is made; a burst is one summary message."""
    team = subscription()
    few = [add_outbox_row(db, f"opp-{n}") for n in (1, 2)]
    slack = RecordingChannel(burst_limit=2)
    deliver_instant(
        db,
        [team],
        Settings(burst_limit=2),
        now=NOW,
        channel_for=channels({("digital_team", "slack"): slack}),
    )
    assert [[a.outbox_id for a in c["alerts"]] for c in slack.calls] == [[few[0]], [few[1]]]

    many = [add_outbox_row(db, f"opp-{n}") for n in (3, 4, 5)]
    burst = RecordingChannel(burst_limit=2)
    deliver_instant(
        db,
        [team],
        Settings(burst_limit=2),
        now=NOW,
        channel_for=channels({("digital_team", "slack"): burst}),
    )
    assert [[a.outbox_id for a in c["alerts"]] for c in burst.calls] == [many]


def test_instant_email_is_one_message_for_the_group(db):
    team = subscription(
        "email_team", slack=None, email={"to": ["t@example.gov.uk"], "cadence": "instant"}
    )
    ids = [
        add_outbox_row(db, f"opp-{n}", subscription_id="email_team", channel="email")
        for n in (1, 2, 3)
    ]
    email = RecordingChannel(one_message=True)

    deliver_instant(
        db, [team], SETTINGS, now=NOW, channel_for=channels({("email_team", "email"): email})
    )

    assert len(email.calls) == 1
    assert [a.outbox_id for a in email.calls[0]["alerts"]] == ids
    assert email.calls[0]["cadence"] == "instant"


def test_a_transient_failure_is_retried_on_a_later_run(db):
    flaky_opp = "opp-2"
    a, b = add_outbox_row(db, "opp-1"), add_outbox_row(db, flaky_opp)
    fails_once = {flaky_opp}

    def outcome(alert):
        if alert.opportunity.id in fails_once:
            fails_once.discard(alert.opportunity.id)
            return DeliveryResult(
                alert.outbox_id, ok=False, error="Slack answered HTTP 503; will retry later"
            )
        return DeliveryResult(alert.outbox_id, ok=True)

    slack = RecordingChannel(outcome)
    team = [subscription()]
    factory = channels({("digital_team", "slack"): slack})

    first = deliver_instant(db, team, SETTINGS, now=NOW, channel_for=factory)
    assert (first.sent, first.retrying) == (1, 1)
    assert (status(db, a), status(db, b)) == ("sent", "pending")
    assert db["outbox"].get(b)["last_error"] == "Slack answered HTTP 503; will retry later"
    assert first.problems == ["slack: not sent: Slack answered HTTP 503; will retry later"]

    too_soon = deliver_instant(
        db, team, SETTINGS, now=NOW + timedelta(seconds=30), channel_for=factory
    )
    assert too_soon.sent == 0 and slack.delivered == [a, b]

    later = deliver_instant(db, team, SETTINGS, now=NOW + timedelta(minutes=1), channel_for=factory)
    assert later.sent == 1
    assert slack.delivered == [a, b, b]
    assert status(db, b) == "sent"


def test_permanent_failure_stays_failed_with_its_reason_and_halts_the_channel(db):
    ids = [add_outbox_row(db, f"opp-{n}") for n in (1, 2, 3)]
    reason = "Slack said channel_not_found: the channel id C0DIGITAL1 does not exist"
    slack = RecordingChannel(
        lambda a: DeliveryResult(a.outbox_id, ok=False, error=reason, permanent=True)
    )

    summary = deliver_instant(
        db,
        [subscription()],
        SETTINGS,
        now=NOW,
        channel_for=channels({("digital_team", "slack"): slack}),
    )

    assert len(slack.calls) == 1  # the rest are not posted into a channel that is gone
    assert summary.failed == 3
    assert [(r["id"], r["status"], r["last_error"]) for r in outbox(db)] == [
        (i, "failed", reason) for i in ids
    ]
    deliver_instant(
        db,
        [subscription()],
        SETTINGS,
        now=NOW + timedelta(days=1),
        channel_for=channels({("digital_team", "slack"): slack}),
    )
    assert len(slack.calls) == 1


def test_rate_limit_hands_the_rest_back_untried(db):
    ids = [add_outbox_row(db, f"opp-{n}") for n in (1, 2, 3)]
    slack = RecordingChannel(
        lambda a: DeliveryResult(
            a.outbox_id, ok=False, error="rate limited; retry after 120s", retry_after=120
        )
    )
    summary = deliver_instant(
        db,
        [subscription()],
        SETTINGS,
        now=NOW,
        channel_for=channels({("digital_team", "slack"): slack}),
    )
    assert len(slack.calls) == 1
    assert summary.retrying == 3
    rows = outbox(db)
    assert all(r["status"] == "pending" for r in rows)
    assert all(parse_iso(r["next_attempt_at"]) == NOW + timedelta(seconds=120) for r in rows)
    assert [r["attempts"] for r in rows] == [1, 0, 0]
    assert [r["id"] for r in rows] == ids


def test_one_subscription_failing_does_not_stop_another(db):
    broken_team = subscription("broken_team", slack={"webhook_env": "BROKEN_WEBHOOK"})
    good_team = subscription("good_team")
    broken_rows = [add_outbox_row(db, f"opp-{n}", subscription_id="broken_team") for n in (1, 2)]
    good_rows = [add_outbox_row(db, f"opp-{n}", subscription_id="good_team") for n in (1, 2)]
    secret_url = "https://hooks.slack.example/services/T000/B000/SECRETSECRET"
    broken = RecordingChannel(raises=RuntimeError(f"cannot post to {secret_url}"))
    good = RecordingChannel()

    summary = deliver_instant(
        db,
        [broken_team, good_team],
        SETTINGS,
        now=NOW,
        env={"BROKEN_WEBHOOK": secret_url},
        channel_for=channels({("broken_team", "slack"): broken, ("good_team", "slack"): good}),
    )

    assert sorted(good.delivered) == good_rows
    assert all(status(db, i) == "sent" for i in good_rows)
    assert all(status(db, i) == "pending" for i in broken_rows)
    errors = {db["outbox"].get(i)["last_error"] for i in broken_rows}
    assert errors == {"RuntimeError: cannot post to [redacted]"}
    assert (summary.sent, summary.retrying) == (2, 2)
    assert secret_url not in " ".join(summary.problems)


def test_a_channel_that_cannot_be_built_leaves_rows_pending_for_later(db):
    row_id = add_outbox_row(db, "opp-1")

    def factory(sub, channel):
        raise ValueError("SMTP_PORT must be a whole number")

    summary = deliver_instant(db, [subscription()], SETTINGS, now=NOW, channel_for=factory)
    assert status(db, row_id) == "pending"
    assert db["outbox"].get(row_id)["attempts"] == 0
    assert summary.problems == ["digital_team slack: SMTP_PORT must be a whole number"]


def test_rows_of_a_removed_subscription_fail_with_the_reason(db):
    row_id = add_outbox_row(db, "opp-1", subscription_id="disbanded_team")
    summary = deliver_instant(
        db,
        [subscription()],
        SETTINGS,
        now=NOW,
        channel_for=channels({("digital_team", "slack"): RecordingChannel()}),
    )
    assert (status(db, row_id), db["outbox"].get(row_id)["last_error"]) == (
        "failed",
        "subscription removed",
    )
    assert summary.failed == 1


def test_digest_rows_wait_and_stale_rows_are_recovered(db):
    daily = add_outbox_row(db, "opp-1", cadence="daily")
    stale = add_outbox_row(db, "opp-2")
    db.execute(
        "UPDATE outbox SET status = 'sending', attempts = 1, claimed_at = ? WHERE id = ?",
        [iso(NOW - timedelta(minutes=15)), stale],
    )
    slack = RecordingChannel()

    summary = deliver_instant(
        db,
        [subscription()],
        SETTINGS,
        now=NOW,
        channel_for=channels({("digital_team", "slack"): slack}),
    )

    assert slack.delivered == [stale]
    assert summary.recovered == 1
    assert (status(db, stale), status(db, daily)) == ("sent", "pending")
