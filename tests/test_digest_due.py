"""When a digest is due: across a weekend, after missed days, when nothing waits, when routing
starts late or races the slot, and when forced."""

from __future__ import annotations

from datetime import timedelta

import pytest

from config.clock import iso
from storage.digests import record_digest
from tests.digest_helpers import (
    FRI_0800,
    MON_0800,
    THU_EVENING,
    digests,
    email_team,
    run,
    seeded_repository,
    team_row,
    utc,
)
from tests.notify_helpers import RecordingChannel


@pytest.fixture
def db(tmp_path):
    return seeded_repository(tmp_path)


def test_daily_digest_across_a_weekend(db):
    team = email_team()
    mail = RecordingChannel()
    recorders = {("email_team", "email"): mail}
    # The service sent Thursday's digest at its slot; what arrives later waits for Friday's.
    record_digest(db, "email_team", "email", "daily", FRI_0800 - timedelta(days=1), 3)
    thursday = [
        team_row(
            db,
            f"opp-{n}",
            created_at=THU_EVENING,
        )
        for n in (1, 2)
    ]

    early = run(db, [team], recorders, now=FRI_0800 - timedelta(minutes=1))
    assert mail.calls == [] and early.not_due == 1

    friday = run(db, [team], recorders, now=FRI_0800 + timedelta(minutes=2))
    assert [[a.outbox_id for a in c["alerts"]] for c in mail.calls] == [thursday]
    assert mail.calls[0]["cadence"] == "daily"
    assert (friday.digests, friday.sent) == (1, 2)
    assert digests(db)[-1] == {
        "subscription_id": "email_team",
        "channel": "email",
        "cadence": "daily",
        "sent_at": iso(FRI_0800 + timedelta(minutes=2)),
        "alerts": 2,
    }

    # An alert that arrives on Friday afternoon waits through the weekend, however often we're called.
    friday_pm = team_row(
        db,
        "opp-3",
        created_at=utc(2026, 11, 20, 15, 0),
    )
    for now in (
        utc(2026, 11, 20, 15, 5),
        utc(2026, 11, 21, 8, 0),
        utc(2026, 11, 22, 8, 0),
        utc(2026, 11, 23, 7, 59),
    ):
        assert run(db, [team], recorders, now=now).digests == 0
    assert len(mail.calls) == 1

    monday = run(db, [team], recorders, now=MON_0800)
    assert monday.digests == 1
    assert [a.outbox_id for a in mail.calls[1]["alerts"]] == [friday_pm]
    assert run(db, [team], recorders, now=MON_0800 + timedelta(hours=1)).digests == 0


def test_alerts_routed_by_a_digest_job_that_starts_late_still_go_in(db):
    """The digest job routes first; at 08:00:03 its rows are stamped after the slot, but belong to it."""
    team = email_team()
    mail = RecordingChannel()
    row_id = team_row(
        db,
        "opp-1",
        created_at=FRI_0800 + timedelta(seconds=3),
    )
    assert (
        run(
            db, [team], {("email_team", "email"): mail}, now=FRI_0800 + timedelta(seconds=4)
        ).digests
        == 1
    )
    assert mail.delivered == [row_id]


def test_missed_days_give_one_digest_with_everything(db):
    """Down from Thursday evening to Wednesday noon: one digest, not one per missed weekday."""
    team = email_team()
    mail = RecordingChannel()
    ids = [
        team_row(
            db,
            f"opp-{n}",
            created_at=THU_EVENING + timedelta(days=d),
        )
        for n, d in ((1, 0), (2, 1), (3, 4))
    ]

    summary = run(db, [team], {("email_team", "email"): mail}, now=utc(2026, 11, 25, 12, 0))

    assert len(mail.calls) == 1
    assert [a.outbox_id for a in mail.calls[0]["alerts"]] == ids
    assert (summary.digests, summary.sent) == (1, 3)
    assert (
        run(db, [team], {("email_team", "email"): mail}, now=utc(2026, 11, 25, 13, 0)).digests == 0
    )


def test_nothing_due_sends_nothing(db):
    team = email_team()
    mail = RecordingChannel()
    sent_row = team_row(
        db,
        "opp-1",
        created_at=THU_EVENING,
    )
    db.execute("UPDATE outbox SET status = 'sent' WHERE id = ?", [sent_row])
    team_row(
        db,
        "opp-2",
        created_at=THU_EVENING,
        next_attempt_at=FRI_0800 + timedelta(hours=1),
    )  # backing off

    summary = run(db, [team], {("email_team", "email"): mail}, now=FRI_0800)
    assert mail.calls == [] and digests(db) == [] and summary.digests == 0

    forced = run(db, [team], {("email_team", "email"): mail}, now=FRI_0800, force=True)
    assert mail.calls == [] and forced.digests == 0


def test_with_no_digest_since_the_last_slot_whatever_waits_goes_now(db):
    """Run by hand, or after a restart, `digest` sends what the last slot has not yet covered."""
    team = email_team()
    mail = RecordingChannel()
    late = team_row(
        db,
        "opp-1",
        created_at=FRI_0800 + timedelta(hours=2),
    )
    assert (
        run(db, [team], {("email_team", "email"): mail}, now=FRI_0800 + timedelta(hours=3)).digests
        == 1
    )
    assert mail.delivered == [late]


def test_force_sends_what_is_waiting_now(db):
    team = email_team()
    mail = RecordingChannel()
    digest_recorders = {("email_team", "email"): mail}
    team_row(
        db,
        "opp-5",
        created_at=THU_EVENING,
    )
    assert run(db, [team], digest_recorders, now=FRI_0800).digests == 1  # Friday's slot served
    fresh = team_row(
        db,
        "opp-1",
        created_at=FRI_0800 + timedelta(hours=2),
    )
    assert run(db, [team], digest_recorders, now=FRI_0800 + timedelta(hours=3)).digests == 0

    forced = run(db, [team], digest_recorders, now=FRI_0800 + timedelta(hours=3), force=True)
    assert forced.digests == 1
    assert [a.outbox_id for a in mail.calls[1]["alerts"]] == [fresh]


def test_one_scheduled_digest_per_slot_even_when_routing_races_it(db):
    """A row stamped just before the slot but committed after that slot's digest waits a slot:
    two digests in one morning would be noise."""
    team = email_team()
    mail = RecordingChannel()
    recorders = {("email_team", "email"): mail}
    team_row(
        db,
        "opp-1",
        created_at=THU_EVENING,
    )
    assert run(db, [team], recorders, now=FRI_0800).digests == 1
    late = team_row(
        db,
        "opp-2",
        created_at=FRI_0800 - timedelta(seconds=1),
    )

    assert run(db, [team], recorders, now=FRI_0800 + timedelta(minutes=5)).digests == 0
    assert run(db, [team], recorders, now=MON_0800).digests == 1
    assert mail.delivered[-1] == late
