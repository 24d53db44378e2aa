"""A subscription added to a running repository: one welcome of the open calls that match it,
instead of silence; none in a fresh repository, where every call reaches it as `new`."""

from __future__ import annotations

from datetime import timedelta

from notifier.route import route_events
from tests.notify_helpers import NOW, add_event, add_opportunity, outbox, subscription

DIGEST = {"to": ["team@example.gov.uk"], "cadence": "weekly"}


def running_repository(db):
    """Five calls: three open and digital, one open and about housing, one closed."""
    for n in (1, 2, 3):
        add_opportunity(db, f"open-{n}", tags=["digital"])
    add_opportunity(db, "housing", tags=["housing"])
    add_opportunity(
        db, "closed", tags=["digital"], status="closed", closes_at=NOW - timedelta(days=1)
    )
    for opportunity_id in ("open-1", "open-2", "open-3", "housing", "closed"):
        add_event(db, opportunity_id, "new")
    first = subscription("first_team", slack=None, email=DIGEST)
    route_events(db, [first], NOW)
    return first


def test_a_new_subscription_is_welcomed_once_with_the_open_calls_that_match(db):
    first = running_repository(db)
    newcomer = subscription(
        "new_team", match={"tags": ["digital"]}, slack={"channel": "C0NEWTEAM1"}, email=DIGEST
    )
    summary = route_events(db, [first, newcomer], NOW + timedelta(days=2))
    welcome = [r for r in outbox(db) if r["event"] == "welcome"]
    assert summary.welcomed == 6  # three calls, on both of its channels
    assert {r["opportunity_id"] for r in welcome} == {"open-1", "open-2", "open-3"}
    assert {(r["channel"], r["cadence"]) for r in welcome} == {
        ("slack", "instant"),
        ("email", "weekly"),
    }
    # Once only, and nothing for the subscription that was already there.
    assert route_events(db, [first, newcomer], NOW + timedelta(days=3)).welcomed == 0
    assert [
        r for r in outbox(db) if r["subscription_id"] == "first_team" and r["event"] == "welcome"
    ] == []


def test_a_call_still_waiting_to_be_routed_reaches_the_newcomer_as_itself_not_twice(db):
    first = running_repository(db)
    add_opportunity(db, "fresh", tags=["digital"])
    add_event(db, "fresh", "new")  # crawled, not yet routed
    newcomer = subscription("new_team", match={"tags": ["digital"]}, slack=None, email=DIGEST)
    route_events(db, [first, newcomer], NOW + timedelta(days=1))
    fresh = [
        r["event"]
        for r in outbox(db)
        if r["opportunity_id"] == "fresh" and r["subscription_id"] == "new_team"
    ]
    assert fresh == ["new"]


def test_in_a_fresh_repository_subscriptions_need_no_welcome(db):
    add_opportunity(db, "open-1", tags=["digital"])
    add_event(db, "open-1", "new")
    team = subscription("team", slack=None, email=DIGEST)
    summary = route_events(db, [team], NOW)
    assert summary.welcomed == 0
    assert [r["event"] for r in outbox(db)] == ["new"]
    assert route_events(db, [team], NOW + timedelta(days=1)).welcomed == 0
