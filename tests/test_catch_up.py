"""Digest slots missed while the service was stopped, with an injected clock: sent once, within
working hours, and never for slots from before the repository or the subscription existed.

Repro from issue [5/9]: a restart at 03:33 on a repository created that night sent "missed" daily and
weekly digests at 3:33am, and then again at 08:00.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from config.models import Settings
from notifier.delivery import send_digests
from notifier.route import route_events
from storage.runs import finish_run, start_run
from tests.notify_helpers import (
    RecordingChannel,
    add_event,
    add_opportunity,
    channels,
    subscription,
)

SETTINGS = Settings()  # daily mon-fri 08:00, weekly mon 08:00, catch-up mon-fri 08:00-18:00


def london(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)  # November: London is on UTC


WED_0800 = london(2026, 11, 18, 8, 0)
THU_0200 = london(2026, 11, 19, 2, 0)
THU_0333 = london(2026, 11, 19, 3, 33)
THU_0800 = london(2026, 11, 19, 8, 0)
FRI_0800 = london(2026, 11, 20, 8, 0)
SAT_0333 = london(2026, 11, 21, 3, 33)
MON_0800 = london(2026, 11, 23, 8, 0)
DAILY = {"to": ["team@example.gov.uk"], "cadence": "daily"}
WEEKLY = {"to": ["team@example.gov.uk"], "cadence": "weekly"}


def first_crawl(db, at: datetime, calls: int = 3) -> None:
    """A crawl at `at` that found `calls` new calls (what a fresh repository starts with)."""
    run = start_run(db, "find_a_grant", "first", at)
    for n in range(calls):
        add_opportunity(db, f"opp-{n}", now=at)
        add_event(db, f"opp-{n}", "new", created_at=at)
    finish_run(db, run.id, at, problems=[], complete=True, counts={"items": calls})


def digest(db, team, at, cadence="daily") -> RecordingChannel:
    mail = RecordingChannel(one_message=True)
    route_events(db, [team], at)
    send_digests(
        db,
        [team],
        SETTINGS,
        cadence=cadence,
        now=at,
        channel_for=channels({(team.id, "email"): mail}),
    )
    return mail


@pytest.fixture
def team():
    return subscription("climate_team", slack=None, email=DAILY)


def test_a_restart_at_night_on_a_repository_made_that_night_sends_nothing_until_08_00(db, team):
    first_crawl(db, THU_0200)  # the repository is new tonight: Wednesday's slot was before it
    assert digest(db, team, THU_0333).calls == []
    assert digest(db, team, THU_0333, "weekly").calls == []
    at_eight = digest(db, team, THU_0800 + timedelta(seconds=5))
    assert len(at_eight.calls) == 1 and len(at_eight.delivered) == 3  # once, with everything
    assert digest(db, team, THU_0800 + timedelta(minutes=30)).calls == []


def test_a_slot_missed_while_stopped_is_sent_at_the_next_working_hours_slot_not_at_night(db, team):
    first_crawl(db, WED_0800 - timedelta(days=2))
    digest(db, team, WED_0800)  # the service was running: Wednesday's digest went
    add_opportunity(db, "late", now=WED_0800 + timedelta(hours=3))
    add_event(db, "late", "new", created_at=WED_0800 + timedelta(hours=3))
    # Stopped from Wednesday noon; restarted on Saturday at 03:33: Friday's slot was missed.
    assert digest(db, team, SAT_0333).calls == []
    monday = digest(db, team, MON_0800 + timedelta(seconds=2))
    assert len(monday.calls) == 1  # one digest, at the next slot
    assert {a.opportunity.id for a in monday.calls[0]["alerts"]} == {"late"}


def test_a_missed_slot_is_caught_up_at_once_within_working_hours(db, team):
    first_crawl(db, WED_0800 - timedelta(days=2))
    digest(db, team, WED_0800)
    add_opportunity(db, "late", now=WED_0800 + timedelta(hours=3))
    add_event(db, "late", "new", created_at=WED_0800 + timedelta(hours=3))
    friday_morning = FRI_0800 + timedelta(hours=2, minutes=15)  # restarted at 10:15
    assert len(digest(db, team, friday_morning).calls) == 1
    assert digest(db, team, friday_morning + timedelta(hours=1)).calls == []  # once


def test_a_new_subscription_is_owed_no_slot_from_before_it_existed(db):
    first_crawl(db, WED_0800 - timedelta(days=2))
    old_team = subscription("old_team", slack=None, email=DAILY)
    digest(db, old_team, WED_0800)  # the repository is running
    newcomer = subscription("new_team", slack=None, email=DAILY)
    thursday_noon = THU_0800 + timedelta(hours=4)
    # First seen at noon: its welcome waits for Friday's slot, not Thursday's, which came first.
    assert digest(db, newcomer, thursday_noon).calls == []
    friday = digest(db, newcomer, FRI_0800 + timedelta(seconds=3))
    assert len(friday.calls) == 1
    assert {a.event for a in friday.calls[0]["alerts"]} == {"welcome"}
    assert len(friday.delivered) == 3


def test_force_still_sends_whatever_waits_at_any_hour(db, team):
    first_crawl(db, THU_0200)
    mail = RecordingChannel(one_message=True)
    route_events(db, [team], THU_0333)
    send_digests(
        db,
        [team],
        SETTINGS,
        cadence="daily",
        now=THU_0333,
        force=True,
        channel_for=channels({(team.id, "email"): mail}),
    )
    assert len(mail.delivered) == 3
