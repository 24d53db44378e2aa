"""Builders shared by the digest tests: the default schedule, fixed UTC moments around a November
weekend, a subscription that takes email digests, and one call of send_digests with recording
channels."""

from __future__ import annotations

from datetime import UTC, datetime

from config.models import Settings
from notifier.delivery import send_digests
from tests.notify_helpers import (
    add_opportunity,
    add_outbox_row,
    channels,
    repository,
    subscription,
)

SETTINGS = Settings()  # daily "mon-fri 08:00", weekly "mon 08:00", Europe/London


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


# November 2026 is GMT (London = UTC). Thu 19, Fri 20, Sat 21, Sun 22, Mon 23.
THU_EVENING = utc(2026, 11, 19, 18, 0)
FRI_0800 = utc(2026, 11, 20, 8, 0)
MON_0800 = utc(2026, 11, 23, 8, 0)


def seeded_repository(tmp_path):
    """A repository holding opportunities opp-1 … opp-5, first seen on Thursday evening."""
    database = repository(tmp_path)
    for n in range(1, 6):
        add_opportunity(database, f"opp-{n}", now=THU_EVENING)
    return database


def email_team(cadence="daily", sub_id="email_team"):
    return subscription(
        sub_id, slack=None, email={"to": ["team@example.gov.uk"], "cadence": cadence}
    )


def team_row(db, opportunity_id: str, created_at: datetime, **extra) -> int:
    """One daily email row waiting for email_team()'s digest; its outbox id."""
    return add_outbox_row(
        db,
        opportunity_id,
        subscription_id="email_team",
        channel="email",
        cadence="daily",
        created_at=created_at,
        **extra,
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
