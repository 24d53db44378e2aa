"""A digest that fails, wholly or in part, is retried after a back-off, not at the next slot."""

from __future__ import annotations

from datetime import timedelta

import pytest

from notifier.alerts import DeliveryResult
from tests.digest_helpers import (
    FRI_0800,
    MON_0800,
    THU_EVENING,
    digests,
    email_team,
    run,
    seeded_repository,
    team_row,
)
from tests.notify_helpers import RecordingChannel, add_outbox_row, subscription


@pytest.fixture
def db(tmp_path):
    return seeded_repository(tmp_path)


def test_a_failed_digest_is_retried_before_the_next_slot(db):
    team = email_team()
    down = {"yes"}

    def outcome(alert):
        if down:
            return DeliveryResult(
                alert.outbox_id, ok=False, error="connection refused by SMTP server"
            )
        return DeliveryResult(alert.outbox_id, ok=True)

    mail = RecordingChannel(outcome)
    recorders = {("email_team", "email"): mail}
    row_id = team_row(
        db,
        "opp-1",
        created_at=THU_EVENING,
    )

    failed = run(db, [team], recorders, now=FRI_0800)
    assert (failed.digests, failed.retrying) == (0, 1)
    assert digests(db) == []
    down.clear()
    assert (
        run(db, [team], recorders, now=FRI_0800 + timedelta(seconds=30)).digests == 0
    )  # backing off
    retried = run(db, [team], recorders, now=FRI_0800 + timedelta(minutes=1))
    assert retried.digests == 1
    assert db["outbox"].get(row_id)["status"] == "sent"


def test_the_failed_part_of_a_slack_digest_is_retried_without_waiting_for_the_next_slot(db):
    team = subscription("slack_team", slack={"channel": "C0SLACK001", "cadence": "weekly"})
    refused_once = {"opp-2"}

    def outcome(alert):
        if alert.opportunity.id in refused_once:
            refused_once.discard(alert.opportunity.id)
            return DeliveryResult(
                alert.outbox_id, ok=False, error="Slack answered HTTP 500; will retry later"
            )
        return DeliveryResult(alert.outbox_id, ok=True)

    slack = RecordingChannel(outcome)
    recorders = {("slack_team", "slack"): slack}
    a, b = (
        add_outbox_row(
            db, f"opp-{n}", subscription_id="slack_team", cadence="weekly", created_at=THU_EVENING
        )
        for n in (1, 2)
    )

    first = run(db, [team], recorders, cadence="weekly", now=MON_0800)
    assert (first.digests, first.sent, first.retrying) == (1, 1, 1)
    retry = run(db, [team], recorders, cadence="weekly", now=MON_0800 + timedelta(minutes=1))
    assert (retry.digests, retry.sent) == (1, 1)
    assert slack.delivered == [a, b, b]
