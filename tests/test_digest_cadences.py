"""Daily and weekly digests are separate: each cadence sends only its own rows, per channel, and
a subscription may mix Slack weekly with email daily."""

from __future__ import annotations

from datetime import timedelta

import pytest

from storage.digests import record_digest
from tests.digest_helpers import (
    FRI_0800,
    MON_0800,
    THU_EVENING,
    digests,
    email_team,
    run,
    seeded_repository,
)
from tests.notify_helpers import RecordingChannel, add_outbox_row, subscription


@pytest.fixture
def db(tmp_path):
    return seeded_repository(tmp_path)


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
    # One deliver signature for every channel: Slack hears the cadence too.
    assert recorders[("mixed_team", "slack")].calls[0]["cadence"] == "weekly"
    assert {d["cadence"] for d in digests(db)} == {"daily", "weekly"}
    assert (
        run(db, subs, recorders, cadence="weekly", now=MON_0800 + timedelta(hours=1)).digests == 0
    )
