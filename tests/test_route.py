"""Routing events into the outbox: the right rows, once, and all-or-nothing per event."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from config.clock import iso
from notifier.route import route_events, scan_closing_soon
from tests.notify_helpers import NOW, add_event, add_opportunity, outbox, repository, subscription


@pytest.fixture
def db(tmp_path):
    return repository(tmp_path)


def routed_at(db, event_id):
    return db["events"].get(event_id)["routed_at"]


def three_teams():
    return [
        subscription(
            "digital_team",
            match={"tags": ["digital"]},
            slack={"channel": "C0DIGITAL1"},
            email={"to": ["digital@example.gov.uk"], "cadence": "weekly"},
        ),
        subscription("all_news", slack={"webhook_env": "ALL_NEWS_WEBHOOK", "cadence": "daily"}),
        subscription(
            "climate_team", match={"tags": ["net_zero"]}, email={"to": ["c@example.gov.uk"]}
        ),
    ]


def test_new_event_writes_one_row_per_matching_subscription_and_channel(db):
    add_opportunity(db, "opp-1", tags=["digital"])
    event_id = add_event(db, "opp-1", "new")

    summary = route_events(db, three_teams(), NOW)

    rows = outbox(db)
    assert {(r["subscription_id"], r["channel"], r["cadence"]) for r in rows} == {
        ("digital_team", "slack", "instant"),
        ("digital_team", "email", "weekly"),
        ("all_news", "slack", "daily"),
    }
    for row in rows:
        assert (row["event"], row["event_key"], row["event_id"]) == ("new", "new", event_id)
        assert (row["status"], row["attempts"]) == ("pending", 0)
        assert row["next_attempt_at"] == row["created_at"] == iso(NOW)
    assert routed_at(db, event_id) == iso(NOW)
    assert (summary.events, summary.outbox_rows, summary.by_kind) == (1, 3, {"new": 3})


def test_routing_again_writes_nothing(db):
    add_opportunity(db, "opp-1", tags=["digital"])
    event_id = add_event(db, "opp-1", "new")
    route_events(db, three_teams(), NOW)
    before = outbox(db)

    again = route_events(db, three_teams(), NOW + timedelta(minutes=5))
    assert (again.events, again.outbox_rows) == (0, 0)

    # Even if routed_at were lost (a restore from backup), the unique key keeps one row each.
    db.execute("UPDATE events SET routed_at = NULL WHERE id = ?", [event_id])
    replay = route_events(db, three_teams(), NOW + timedelta(minutes=10))
    assert (replay.events, replay.outbox_rows) == (1, 0)
    assert outbox(db) == before


def test_removed_is_never_routed_but_is_marked_done(db):
    add_opportunity(db, "opp-1", tags=["digital"])
    event_id = add_event(db, "opp-1", "removed")

    summary = route_events(db, three_teams(), NOW)

    assert outbox(db) == []
    assert routed_at(db, event_id) == iso(NOW)
    assert summary.events == 1


def test_event_kind_must_be_in_the_subscription(db):
    add_opportunity(db, "opp-1", status="closed")
    add_event(db, "opp-1", "closed")
    only_new = subscription("only_new", events=["new"])
    wants_closed = subscription("wants_closed", events=["new", "closed"])

    route_events(db, [only_new, wants_closed], NOW)

    assert [(r["subscription_id"], r["event_key"]) for r in outbox(db)] == [
        ("wants_closed", "closed")
    ]


def test_changed_alerts_only_for_actionable_fields_and_once_per_event(db):
    add_opportunity(db, "opp-1")
    cosmetic = add_event(db, "opp-1", "changed", changes={"summary": {"before": "a", "after": "b"}})
    deadline = add_event(
        db,
        "opp-1",
        "changed",
        changes={
            "closes_at": {
                "before": "2027-01-12T16:00:00+00:00",
                "after": "2027-01-26T16:00:00+00:00",
            }
        },
    )
    amount = add_event(
        db, "opp-1", "changed", changes={"amount_max": {"before": 1e5, "after": 2e5}}
    )

    route_events(db, [subscription()], NOW)

    assert [r["event_key"] for r in outbox(db)] == [f"changed:{deadline}", f"changed:{amount}"]
    assert all(r["event"] == "changed" for r in outbox(db))
    assert routed_at(db, cosmetic) == iso(NOW)


def test_events_route_oldest_first(db):
    add_opportunity(db, "opp-1")
    add_opportunity(db, "opp-2")
    add_event(db, "opp-2", "new")
    add_event(db, "opp-1", "new")
    route_events(db, [subscription()], NOW)
    assert [r["opportunity_id"] for r in outbox(db)] == ["opp-2", "opp-1"]


def test_a_failure_mid_event_leaves_no_partial_rows(db):
    """The email row fails after the Slack row was written: neither survives, the event stays unrouted."""
    add_opportunity(db, "opp-1", tags=["digital"])
    add_opportunity(db, "opp-2", tags=["digital"])
    first = add_event(db, "opp-1", "new")
    second = add_event(db, "opp-2", "new")
    db.execute(
        "CREATE TRIGGER refuse_opp2_email BEFORE INSERT ON outbox "
        "WHEN NEW.channel = 'email' AND NEW.opportunity_id = 'opp-2' "
        "BEGIN SELECT RAISE(ABORT, 'email channel refused'); END"
    )
    teams = three_teams()

    with pytest.raises(sqlite3.IntegrityError, match="email channel refused"):
        route_events(db, teams, NOW)

    assert routed_at(db, first) == iso(NOW)  # the earlier event committed on its own
    assert {r["opportunity_id"] for r in outbox(db)} == {"opp-1"}
    assert routed_at(db, second) is None
    assert outbox(db, opportunity_id="opp-2") == []

    db.execute("DROP TRIGGER refuse_opp2_email")
    summary = route_events(db, teams, NOW + timedelta(minutes=1))
    assert (summary.events, summary.outbox_rows) == (1, 3)
    assert len(outbox(db, opportunity_id="opp-2")) == 3


def test_closing_soon_fires_once_per_opportunity_and_subscription(db):
    add_opportunity(db, "soon", closes_at=NOW + timedelta(days=5))
    add_opportunity(db, "later", closes_at=NOW + timedelta(days=20))
    add_opportunity(db, "past", closes_at=NOW - timedelta(hours=1))
    add_opportunity(db, "closed", closes_at=NOW + timedelta(days=2), status="closed")
    add_opportunity(db, "gone", closes_at=NOW + timedelta(days=2), removed_at=iso(NOW))
    add_opportunity(db, "undated", closes_at=None)
    add_opportunity(db, "other_tag", closes_at=NOW + timedelta(days=3), tags=["net_zero"])
    teams = [
        subscription(
            "week_ahead",
            match={"tags": ["digital"]},
            closing_soon_days=7,
            email={"to": ["a@example.gov.uk"]},
        ),
        subscription("month_ahead", closing_soon_days=30),
        subscription("no_reminders", events=["new", "changed"]),
    ]

    first = scan_closing_soon(db, teams, NOW)
    second = scan_closing_soon(db, teams, NOW + timedelta(hours=1))
    third = scan_closing_soon(db, teams, NOW + timedelta(days=1))

    rows = outbox(db)
    assert sorted((r["subscription_id"], r["opportunity_id"], r["channel"]) for r in rows) == [
        ("month_ahead", "later", "slack"),
        ("month_ahead", "other_tag", "slack"),
        ("month_ahead", "soon", "slack"),
        ("week_ahead", "soon", "email"),
        ("week_ahead", "soon", "slack"),
    ]
    assert all(
        r["event"] == r["event_key"] == "closing_soon" and r["event_id"] is None for r in rows
    )
    assert (first, second, third) == (5, 0, 0)


def test_closing_soon_reaches_an_opportunity_as_it_enters_the_window(db):
    add_opportunity(db, "opp-1", closes_at=NOW + timedelta(days=10))
    team = [subscription(closing_soon_days=7)]
    assert scan_closing_soon(db, team, NOW) == 0
    assert scan_closing_soon(db, team, NOW + timedelta(days=3, minutes=1)) == 1
    assert scan_closing_soon(db, team, NOW + timedelta(days=4)) == 0
