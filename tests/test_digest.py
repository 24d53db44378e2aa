"""Digests: when they are due (London time, weekends, clock changes), what goes in, and a real SMTP run."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from config.clock import iso
from config.models import Settings
from notifier.alerts import DeliveryResult
from notifier.digest import parse_slot_spec, record_digest, send_digests
from tests.notify_helpers import (
    RecordingChannel,
    add_opportunity,
    add_outbox_row,
    channels,
    outbox,
    repository,
    subscription,
)
from tests.smtp_server import SmtpServer, free_port

SETTINGS = Settings()  # daily "mon-fri 08:00", weekly "mon 08:00", Europe/London


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


# November 2026 is GMT (London = UTC). Thu 19, Fri 20, Sat 21, Sun 22, Mon 23.
THU_EVENING = utc(2026, 11, 19, 18, 0)
FRI_0800 = utc(2026, 11, 20, 8, 0)
MON_0800 = utc(2026, 11, 23, 8, 0)


@pytest.mark.parametrize(
    ("spec", "days", "hour", "minute"),
    [
        ("mon-fri 08:00", {0, 1, 2, 3, 4}, 8, 0),
        ("mon 08:00", {0}, 8, 0),
        ("Mon,Wed,Fri 17:30", {0, 2, 4}, 17, 30),
        ("sat-sun 9:05", {5, 6}, 9, 5),
        ("fri-mon 07:00", {4, 5, 6, 0}, 7, 0),
        ("monday-friday 08:00", {0, 1, 2, 3, 4}, 8, 0),
        ("daily 06:45", set(range(7)), 6, 45),
        ("23:59", set(range(7)), 23, 59),
    ],
)
def test_parse_slot_spec(spec, days, hour, minute):
    parsed = parse_slot_spec(spec)
    assert (set(parsed.days), parsed.hour, parsed.minute) == (days, hour, minute)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("", "expected days and a time"),
        ("mon fri 08:00", "expected days and a time"),
        ("mon-fri 8am", "time '8am' must be HH:MM"),
        ("mon-fri 24:00", "must be HH:MM"),
        ("mon-fri 08:60", "must be HH:MM"),
        ("mun-fri 08:00", "unknown day 'mun'"),
        ("mon,,fri 08:00", "empty day"),
    ],
)
def test_parse_slot_spec_errors_say_what_is_wrong(spec, message):
    with pytest.raises(ValueError, match=message):
        parse_slot_spec(spec)


def test_cron_fields_for_the_scheduler():
    assert parse_slot_spec("mon-fri 08:00").cron_fields() == {
        "day_of_week": "mon,tue,wed,thu,fri",
        "hour": 8,
        "minute": 0,
    }


@pytest.mark.parametrize(
    ("now", "latest"),
    [
        (utc(2026, 11, 21, 10, 0), FRI_0800),  # Saturday: Friday's slot
        (utc(2026, 11, 22, 23, 59), FRI_0800),  # Sunday night
        (utc(2026, 11, 23, 7, 59), FRI_0800),  # Monday before 08:00
        (MON_0800, MON_0800),  # exactly on the slot
        (utc(2026, 11, 24, 7, 0), MON_0800),
        # Clocks went back on Sun 25 Oct 2026: Friday's 08:00 was BST (07:00 UTC), Monday's is GMT.
        (utc(2026, 10, 26, 7, 59), utc(2026, 10, 23, 7, 0)),
        (utc(2026, 10, 26, 8, 0), utc(2026, 10, 26, 8, 0)),
        # Summer: 08:00 London is 07:00 UTC.
        (utc(2026, 7, 6, 7, 30), utc(2026, 7, 6, 7, 0)),
        (utc(2026, 1, 5, 7, 30), utc(2026, 1, 2, 8, 0)),
    ],
)
def test_latest_weekday_slot(now, latest):
    assert parse_slot_spec("mon-fri 08:00").latest(now) == latest


def test_next_slot_skips_the_weekend():
    assert parse_slot_spec("mon-fri 08:00").next_after(FRI_0800) == MON_0800


@pytest.fixture
def db(tmp_path):
    database = repository(tmp_path)
    for n in range(1, 6):
        add_opportunity(database, f"opp-{n}", now=THU_EVENING)
    return database


def email_team(cadence="daily", sub_id="email_team"):
    return subscription(
        sub_id, slack=None, email={"to": ["team@example.gov.uk"], "cadence": cadence}
    )


def run(db, subs, recorder_map, *, cadence="daily", now, force=False, settings=SETTINGS):
    return send_digests(
        db,
        subs,
        settings,
        cadence=cadence,
        now=now,
        force=force,
        channel_for=channels(recorder_map),
    )


def digests(db):
    return list(
        db.query(
            "SELECT subscription_id, channel, cadence, sent_at, alerts FROM digests ORDER BY id"
        )
    )


def test_daily_digest_across_a_weekend(db):
    team = email_team()
    mail = RecordingChannel()
    recorders = {("email_team", "email"): mail}
    # The service sent Thursday's digest at its slot; what arrives later waits for Friday's.
    record_digest(db, "email_team", "email", "daily", FRI_0800 - timedelta(days=1), 3)
    thursday = [
        add_outbox_row(
            db,
            f"opp-{n}",
            subscription_id="email_team",
            channel="email",
            cadence="daily",
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
    friday_pm = add_outbox_row(
        db,
        "opp-3",
        subscription_id="email_team",
        channel="email",
        cadence="daily",
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
    row_id = add_outbox_row(
        db,
        "opp-1",
        subscription_id="email_team",
        channel="email",
        cadence="daily",
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
        add_outbox_row(
            db,
            f"opp-{n}",
            subscription_id="email_team",
            channel="email",
            cadence="daily",
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
    sent_row = add_outbox_row(
        db,
        "opp-1",
        subscription_id="email_team",
        channel="email",
        cadence="daily",
        created_at=THU_EVENING,
    )
    db.execute("UPDATE outbox SET status = 'sent' WHERE id = ?", [sent_row])
    add_outbox_row(
        db,
        "opp-2",
        subscription_id="email_team",
        channel="email",
        cadence="daily",
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
    late = add_outbox_row(
        db,
        "opp-1",
        subscription_id="email_team",
        channel="email",
        cadence="daily",
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
    add_outbox_row(
        db,
        "opp-5",
        subscription_id="email_team",
        channel="email",
        cadence="daily",
        created_at=THU_EVENING,
    )
    assert run(db, [team], digest_recorders, now=FRI_0800).digests == 1  # Friday's slot served
    fresh = add_outbox_row(
        db,
        "opp-1",
        subscription_id="email_team",
        channel="email",
        cadence="daily",
        created_at=FRI_0800 + timedelta(hours=2),
    )
    assert run(db, [team], digest_recorders, now=FRI_0800 + timedelta(hours=3)).digests == 0

    forced = run(db, [team], digest_recorders, now=FRI_0800 + timedelta(hours=3), force=True)
    assert forced.digests == 1
    assert [a.outbox_id for a in mail.calls[1]["alerts"]] == [fresh]


def test_daily_and_weekly_are_separate(db):
    daily_team = email_team("daily", "daily_team")
    weekly_team = email_team("weekly", "weekly_team")
    # A subscription may mix: Slack weekly, email daily.
    mixed = subscription(
        "mixed_team",
        slack={"channel": "C0MIXED001", "cadence": "weekly"},
        email={"to": ["m@example.gov.uk"], "cadence": "daily"},
    )
    recorders = {
        (s, c): RecordingChannel()
        for s in ("daily_team", "weekly_team", "mixed_team")
        for c in ("slack", "email")
    }
    add_outbox_row(
        db,
        "opp-1",
        subscription_id="daily_team",
        channel="email",
        cadence="daily",
        created_at=THU_EVENING,
    )
    weekly_row = add_outbox_row(
        db,
        "opp-1",
        subscription_id="weekly_team",
        channel="email",
        cadence="weekly",
        created_at=THU_EVENING,
    )
    add_outbox_row(
        db,
        "opp-2",
        subscription_id="mixed_team",
        channel="email",
        cadence="daily",
        created_at=THU_EVENING,
    )
    mixed_weekly = add_outbox_row(
        db,
        "opp-2",
        subscription_id="mixed_team",
        channel="slack",
        cadence="weekly",
        created_at=THU_EVENING,
    )
    subs = [daily_team, weekly_team, mixed]
    # The running service served last Monday's weekly slot.
    for team, channel in (("weekly_team", "email"), ("mixed_team", "slack")):
        record_digest(db, team, channel, "weekly", MON_0800 - timedelta(days=7), 1)

    friday = run(db, subs, recorders, cadence="daily", now=FRI_0800)
    assert friday.digests == 2
    assert recorders[("daily_team", "email")].calls and recorders[("mixed_team", "email")].calls
    assert (
        not recorders[("weekly_team", "email")].calls
        and not recorders[("mixed_team", "slack")].calls
    )

    # The weekly slot is Monday: Friday's weekly run has nothing due yet.
    assert run(db, subs, recorders, cadence="weekly", now=FRI_0800).digests == 0
    weekly = run(db, subs, recorders, cadence="weekly", now=MON_0800)
    assert weekly.digests == 2
    assert recorders[("weekly_team", "email")].delivered == [weekly_row]
    assert recorders[("mixed_team", "slack")].delivered == [mixed_weekly]
    assert (
        "cadence" not in recorders[("mixed_team", "slack")].calls[0]
    )  # Slack's deliver takes none
    assert {d["cadence"] for d in digests(db)} == {"daily", "weekly"}
    assert (
        run(db, subs, recorders, cadence="weekly", now=MON_0800 + timedelta(hours=1)).digests == 0
    )


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
    row_id = add_outbox_row(
        db,
        "opp-1",
        subscription_id="email_team",
        channel="email",
        cadence="daily",
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


def test_one_scheduled_digest_per_slot_even_when_routing_races_it(db):
    """A row stamped just before the slot but committed after that slot's digest waits a slot:
    two digests in one morning would be noise."""
    team = email_team()
    mail = RecordingChannel()
    recorders = {("email_team", "email"): mail}
    add_outbox_row(
        db,
        "opp-1",
        subscription_id="email_team",
        channel="email",
        cadence="daily",
        created_at=THU_EVENING,
    )
    assert run(db, [team], recorders, now=FRI_0800).digests == 1
    late = add_outbox_row(
        db,
        "opp-2",
        subscription_id="email_team",
        channel="email",
        cadence="daily",
        created_at=FRI_0800 - timedelta(seconds=1),
    )

    assert run(db, [team], recorders, now=FRI_0800 + timedelta(minutes=5)).digests == 0
    assert run(db, [team], recorders, now=MON_0800).digests == 1
    assert mail.delivered[-1] == late


def test_digest_through_a_real_smtp_server(db, tmp_path):
    team = email_team()
    ids = [
        add_outbox_row(
            db,
            f"opp-{n}",
            subscription_id="email_team",
            channel="email",
            cadence="daily",
            created_at=THU_EVENING,
        )
        for n in (1, 2, 3)
    ]
    with SmtpServer() as server:
        env = {
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(server.port),
            "SMTP_SECURITY": "none",
            "MAIL_FROM": "fundwatch@example.org",
        }
        summary = send_digests(
            db,
            [team],
            SETTINGS,
            cadence="daily",
            now=FRI_0800,
            env=env,
            outbox_dir=tmp_path / "outbox",
        )
        again = send_digests(
            db,
            [team],
            SETTINGS,
            cadence="daily",
            now=FRI_0800 + timedelta(hours=1),
            env=env,
            outbox_dir=tmp_path / "outbox",
        )

    assert (summary.digests, summary.sent, again.digests) == (1, 3, 0)
    assert len(server.received) == 1
    message = server.received[0].message()
    assert server.received[0].rcpt_tos == ["team@example.gov.uk"]
    body = message.get_body(("plain",)).get_content()
    for n in (1, 2, 3):
        assert f"Fund opp-{n}" in body
    assert all(r["status"] == "sent" for r in outbox(db, subscription_id="email_team"))
    assert not (tmp_path / "outbox").exists()  # SMTP configured: no .eml fallback
    assert [r["id"] for r in outbox(db, status="sent")] == ids


def test_smtp_down_keeps_the_digest_pending(db, tmp_path):
    team = email_team()
    row_id = add_outbox_row(
        db,
        "opp-1",
        subscription_id="email_team",
        channel="email",
        cadence="daily",
        created_at=THU_EVENING,
    )
    env = {
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(free_port()),
        "SMTP_SECURITY": "none",
        "SMTP_PASSWORD": "hunter2-secret",
    }

    summary = send_digests(
        db, [team], SETTINGS, cadence="daily", now=FRI_0800, env=env, outbox_dir=tmp_path / "outbox"
    )

    stored = db["outbox"].get(row_id)
    assert (summary.digests, summary.retrying) == (0, 1)
    assert stored["status"] == "pending" and "connection refused" in stored["last_error"]
    assert "hunter2-secret" not in stored["last_error"]
    assert digests(db) == []
