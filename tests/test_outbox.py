"""The outbox state machine with an injected clock: claim, mark, back off, give up, recover."""

from __future__ import annotations

from datetime import timedelta

import pytest

from config.clock import iso, parse_iso
from notifier.alerts import Labels, build_alerts
from storage.db import repository_file
from storage.locks import OwnerLease, _lease_path
from storage.outbox import (
    MAX_ATTEMPTS,
    backoff,
    claim_due,
    mark_failed,
    mark_sent,
    release,
    start_sending,
)
from storage.outbox_queries import alert_data
from storage.outbox_recovery import fail_orphans, recover_abandoned
from tests.notify_helpers import NOW, add_event, add_opportunity, add_outbox_row, outbox, repository


@pytest.fixture
def db(tmp_path):
    database = repository(tmp_path)
    for n in range(1, 4):
        add_opportunity(database, f"opp-{n}")
    return database


def row(db, row_id):
    return db["outbox"].get(row_id)


def test_claim_takes_due_pending_rows_of_the_cadence_only(db):
    due = add_outbox_row(db, "opp-1")
    add_outbox_row(db, "opp-2", next_attempt_at=NOW + timedelta(seconds=1))  # not yet
    add_outbox_row(db, "opp-3", cadence="daily")
    other_team = add_outbox_row(db, "opp-3", subscription_id="other_team")

    claimed = claim_due(db, cadence="instant", now=NOW, subscription_id="digital_team")

    assert [r["id"] for r in claimed] == [due]
    stored = row(db, due)
    assert (stored["status"], stored["attempts"], stored["claimed_at"]) == ("sending", 1, iso(NOW))
    assert claimed[0]["status"] == "sending"
    # A second claim finds nothing: a row is never handed out twice.
    assert claim_due(db, cadence="instant", now=NOW, subscription_id="digital_team") == []
    rest = claim_due(db, cadence=("instant", "daily"), now=NOW)
    assert {r["opportunity_id"] for r in rest} == {"opp-3"}
    assert {r["cadence"] for r in rest} == {"instant", "daily"}
    assert row(db, other_team)["status"] == "sending"


def test_claim_filters_by_channel_and_limit_oldest_first(db):
    ids = [
        add_outbox_row(db, f"opp-{n}", channel="email", created_at=NOW - timedelta(minutes=10 - n))
        for n in (3, 1, 2)
    ]
    slack_row = add_outbox_row(db, "opp-1", channel="slack")
    claimed = claim_due(db, cadence="instant", now=NOW, channel="email", limit=2)
    assert [r["opportunity_id"] for r in claimed] == ["opp-1", "opp-2"]
    assert {r["id"] for r in outbox(db, status="pending")} == {ids[0], slack_row}


def test_mark_sent(db):
    a, b = add_outbox_row(db, "opp-1"), add_outbox_row(db, "opp-2")
    claim_due(db, cadence="instant", now=NOW)
    assert mark_sent(db, [a], NOW + timedelta(seconds=3)) == 1
    assert (row(db, a)["status"], row(db, a)["sent_at"]) == (
        "sent",
        iso(NOW + timedelta(seconds=3)),
    )
    assert row(db, b)["status"] == "sending"
    assert mark_sent(db, [], NOW) == 0


@pytest.mark.parametrize(
    ("attempts", "minutes"),
    [(1, 1), (2, 2), (3, 4), (4, 8), (5, 16), (9, 256), (10, 360), (11, 360), (50, 360)],
)
def test_backoff_doubles_then_caps_at_six_hours(attempts, minutes):
    assert backoff(attempts) == timedelta(minutes=minutes)


def test_transient_failure_goes_back_to_pending_with_backoff(db):
    a = add_outbox_row(db, "opp-1")
    claim_due(db, cadence="instant", now=NOW)

    outcome = mark_failed(db, [a], "connection refused", NOW, permanent=False)

    stored = row(db, a)
    assert outcome == {"retrying": 1, "failed": 0}
    assert (stored["status"], stored["last_error"]) == ("pending", "connection refused")
    assert parse_iso(stored["next_attempt_at"]) == NOW + timedelta(minutes=1)
    # Not due before then, due after.
    assert claim_due(db, cadence="instant", now=NOW + timedelta(seconds=59)) == []
    again = claim_due(db, cadence="instant", now=NOW + timedelta(minutes=1))
    assert [(r["id"], r["attempts"]) for r in again] == [(a, 2)]
    mark_failed(db, [a], "connection refused", NOW + timedelta(minutes=1), permanent=False)
    assert parse_iso(row(db, a)["next_attempt_at"]) == NOW + timedelta(minutes=3)


def test_retry_after_wins_when_longer_than_backoff(db):
    a, b = add_outbox_row(db, "opp-1"), add_outbox_row(db, "opp-2")
    claim_due(db, cadence="instant", now=NOW)
    mark_failed(db, [a], "rate limited", NOW, permanent=False, retry_after=600)
    mark_failed(db, [b], "rate limited", NOW, permanent=False, retry_after=5)
    assert parse_iso(row(db, a)["next_attempt_at"]) == NOW + timedelta(minutes=10)
    assert parse_iso(row(db, b)["next_attempt_at"]) == NOW + timedelta(minutes=1)


def test_permanent_failure_keeps_the_reason(db):
    a = add_outbox_row(db, "opp-1")
    claim_due(db, cadence="instant", now=NOW)
    outcome = mark_failed(db, [a], "Slack said channel_not_found", NOW, permanent=True)
    assert outcome == {"retrying": 0, "failed": 1}
    assert (row(db, a)["status"], row(db, a)["last_error"]) == (
        "failed",
        "Slack said channel_not_found",
    )
    assert claim_due(db, cadence="instant", now=NOW + timedelta(days=30)) == []


def test_gives_up_after_max_attempts(db):
    a = add_outbox_row(db, "opp-1")
    now = NOW
    for attempt in range(1, MAX_ATTEMPTS + 1):
        claimed = claim_due(db, cadence="instant", now=now)
        assert [(r["id"], r["attempts"]) for r in claimed] == [(a, attempt)]
        mark_failed(db, [a], "HTTP 503", now, permanent=False)
        now = parse_iso(row(db, a)["next_attempt_at"]) if row(db, a)["status"] == "pending" else now
    stored = row(db, a)
    assert stored["status"] == "failed"
    assert stored["last_error"] == f"gave up after {MAX_ATTEMPTS} attempts: HTTP 503"
    # The retries spread over most of a day, not minutes.
    assert now - NOW > timedelta(hours=12)


def test_a_live_owner_keeps_its_claims_however_late_it_is(db):
    a, b = add_outbox_row(db, "opp-1"), add_outbox_row(db, "opp-2")
    with OwnerLease(repository_file(db)) as lease:
        claim_due(db, cadence="instant", now=NOW, owner=lease.token)
        mark_sent(db, [a], NOW, owner=lease.token)
        # A day later by the clock (frozen clocks and stalled senders both look like this), the
        # owner is still running: its row is not taken back.
        assert recover_abandoned(db, NOW + timedelta(days=1)) == 0
        assert row(db, b)["status"] == "sending"
        assert (row(db, b)["claimed_by"], row(db, a)["status"]) == (lease.token, "sent")
    later = NOW + timedelta(minutes=1)
    assert recover_abandoned(db, later) == 1  # its owner has gone
    assert (row(db, b)["status"], row(db, b)["next_attempt_at"]) == ("pending", iso(later))
    assert row(db, b)["claimed_by"] is None
    assert row(db, a)["status"] == "sent"
    assert [r["id"] for r in claim_due(db, cadence="instant", now=later)] == [b]


HOLD_LEASE = """
import fcntl, sys, time
from pathlib import Path
path = Path(sys.argv[1]); path.parent.mkdir(parents=True, exist_ok=True)
handle = open(path, "a+"); fcntl.flock(handle, fcntl.LOCK_EX)
print("held", flush=True); time.sleep(60)
"""


def test_claims_of_a_sender_killed_with_sigkill_come_back_and_its_marks_no_longer_land(db):
    """The owner is another process: alive, its rows stay; SIGKILLed, they come back at once."""
    import subprocess
    import sys

    token = "4242-deadbeef0000"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LEASE, str(_lease_path(repository_file(db), token))],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        a = add_outbox_row(db, "opp-1")
        claim_due(db, cadence="instant", now=NOW, owner=token)
        assert recover_abandoned(db, NOW + timedelta(hours=2)) == 0
        assert row(db, a)["status"] == "sending"
    finally:
        holder.kill()
        holder.wait()
    assert recover_abandoned(db, NOW) == 1
    assert row(db, a)["status"] == "pending"
    # The dead run's late marks (had it lived on somehow) are refused: it no longer holds the row.
    assert mark_sent(db, [a], NOW, owner=token) == 0
    assert row(db, a)["status"] == "pending"


def test_rows_claimed_without_an_owner_are_recovered_by_age(db):
    """Rows claimed before owners were recorded: only the time since the claim can tell."""
    b = add_outbox_row(db, "opp-2")
    claim_due(db, cadence="instant", now=NOW)
    assert recover_abandoned(db, NOW + timedelta(minutes=9)) == 0
    assert recover_abandoned(db, NOW + timedelta(minutes=10)) == 1
    assert row(db, b)["status"] == "pending"


def test_recovery_gives_up_on_a_row_that_keeps_killing_the_sender(db):
    a = add_outbox_row(db, "opp-1")
    db.execute(
        "UPDATE outbox SET status = 'sending', attempts = ?, claimed_at = ?, claimed_by = ?, "
        "in_flight = 1 WHERE id = ?",
        [MAX_ATTEMPTS, iso(NOW), "1-gone", a],
    )
    assert recover_abandoned(db, NOW + timedelta(hours=1)) == 1
    assert row(db, a)["status"] == "failed"
    assert row(db, a)["last_error"].startswith(f"gave up after {MAX_ATTEMPTS} attempts")


def test_recovery_hands_back_the_attempt_of_a_row_the_dead_run_never_began_to_send(db):
    # Claimed (attempts + 1) by runs that died before its turn, MAX_ATTEMPTS times: never tried.
    a, b = add_outbox_row(db, "opp-1"), add_outbox_row(db, "opp-2")
    for _ in range(MAX_ATTEMPTS):
        claim_due(db, cadence="instant", now=NOW, owner="1-gone")
        assert start_sending(db, [a], "1-gone") == {a}  # a is sent; b's turn never comes
        recover_abandoned(db, NOW)
    assert (row(db, a)["status"], row(db, a)["tried"]) == ("failed", 1)
    assert (row(db, b)["status"], row(db, b)["attempts"], row(db, b)["tried"]) == ("pending", 0, 0)
    assert row(db, a)["last_error"].startswith(f"gave up after {MAX_ATTEMPTS} attempts")


def test_release_hands_rows_back_without_spending_an_attempt(db):
    a = add_outbox_row(db, "opp-1")
    claim_due(db, cadence="instant", now=NOW)
    assert release(db, [a], NOW + timedelta(seconds=30)) == 1
    stored = row(db, a)
    assert (stored["status"], stored["attempts"], stored["next_attempt_at"]) == (
        "pending",
        0,
        iso(NOW + timedelta(seconds=30)),
    )


def test_fail_orphans_names_what_was_removed(db):
    gone = add_outbox_row(db, "opp-1", subscription_id="disbanded_team")
    no_email = add_outbox_row(db, "opp-2", channel="email")
    kept = add_outbox_row(db, "opp-3")
    daily = add_outbox_row(db, "opp-3", subscription_id="disbanded_team", cadence="daily")

    assert fail_orphans(db, {"digital_team": {"slack"}}, NOW, cadence="instant") == 2

    assert (row(db, gone)["status"], row(db, gone)["last_error"]) == (
        "failed",
        "subscription removed",
    )
    assert row(db, no_email)["last_error"] == "email removed from the subscription"
    assert row(db, kept)["status"] == row(db, daily)["status"] == "pending"


def test_alert_data_builds_views_and_changes(db):
    event = add_event(
        db,
        "opp-2",
        "changed",
        changes={
            "closes_at": {
                "before": "2027-01-12T16:00:00+00:00",
                "after": "2027-01-26T16:00:00+00:00",
            }
        },
    )
    a = add_outbox_row(db, "opp-1")
    b = add_outbox_row(db, "opp-2", event="changed", event_id=event)
    rows = claim_due(db, cadence="instant", now=NOW)

    opportunities, changes = alert_data(db, rows)
    labels = Labels(sources={"find_a_grant": "Find a Grant"}, tags={"digital": "Digital & data"})
    alerts = build_alerts(rows, opportunities, changes, labels)

    assert [(x.outbox_id, x.event) for x in alerts] == [(a, "new"), (b, "changed")]
    assert alerts[0].opportunity.title == "Fund opp-1"
    assert alerts[0].opportunity.sources == ("Find a Grant",)
    assert alerts[0].opportunity.source_ids == ("find_a_grant",)
    assert alerts[0].opportunity.tags == ("digital",)  # ids for matching
    assert alerts[0].opportunity.tag_labels == ("Digital & data",)  # labels for people
    assert alerts[1].source == "Find a Grant"  # the source whose crawl raised the event
    assert alerts[0].changes == {}
    assert alerts[1].changes == {
        "closes_at": ("2027-01-12T16:00:00+00:00", "2027-01-26T16:00:00+00:00")
    }
