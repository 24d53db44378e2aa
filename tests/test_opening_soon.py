"""Opening soon: calls known before they open raise one `opening_soon` alert per subscription, the
subscription's `opening_soon_days` before they open, from each kind of source that announces them:
Find a Tender planning notices (UK1 pipeline, UK3 planned procurement), UKRI and Innovate UK
upcoming calls, and Find a Grant opening dates. The clock is injected; the snapshots are the
sources' own pages, crawled by their spiders."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from notifier.route import scan_closing_soon, scan_opening_soon
from spiders.sources import SNAPSHOT_NOW
from tests.notify_helpers import outbox
from tests.radar_helpers import crawled_repository, subscription, titles

# Each source, what opens when (from its snapshot), and two clocks: what a 30-day and a 7-day
# subscription hear of at each. SNAPSHOT_NOW is 25 Nov 2026, 9am.
CASES = {
    "find_a_tender": [  # UK3 Greenwich opens 1 Feb 2027 9am; UK1 Surrey 1 Mar 2027 9am
        (
            datetime(2027, 1, 5, 9, tzinfo=UTC),
            ["Smart Street Lighting Central Management System"],
            [],
        ),
        (
            datetime(2027, 2, 25, 9, tzinfo=UTC),
            ["Customer Contact Centre and CRM Platform"],
            ["Customer Contact Centre and CRM Platform"],
        ),
    ],
    "ukri_opportunities": [  # 14 Dec 2026 9am; 12 Jan 2027 9am
        (SNAPSHOT_NOW, ["Digital twins for local infrastructure: collaborative R&D"], []),
        (
            datetime(2027, 1, 6, 9, tzinfo=UTC),
            ["Transport decarbonisation living labs"],
            ["Transport decarbonisation living labs"],
        ),
    ],
    "innovate_uk_ifs": [  # 7 Dec 2026, 14 Dec 2026, 5 Jan 2027 (midnight)
        (
            datetime(2026, 11, 30, 9, tzinfo=UTC),
            [
                "Digital twins for local infrastructure: collaborative R&D",
                "SBRI: assistive technology in adult social care, phase 2",
            ],
            ["SBRI: assistive technology in adult social care, phase 2"],
        ),
        (
            datetime(2026, 12, 29, 9, tzinfo=UTC),
            ["Biomedical Catalyst 2027: late stage awards"],
            ["Biomedical Catalyst 2027: late stage awards"],
        ),
    ],
    "find_a_grant": [  # 14 Dec 2026 10am; 5 Jan 2027 00:01
        (SNAPSHOT_NOW, ["Local Electric Vehicle Infrastructure Capability Fund 2027 to 2028"], []),
        (
            datetime(2026, 12, 29, 9, tzinfo=UTC),
            ["Museum Estate and Development Fund: Round 4"],
            ["Museum Estate and Development Fund: Round 4"],
        ),
    ],
}


def radar_subscriptions(source_id: str):
    both_ways = {"slack": {"channel": "C0RADAR30"}, "email": {"to": ["radar@example.gov.uk"]}}
    return [
        subscription(
            "month_ahead", match={"sources": [source_id]}, opening_soon_days=30, **both_ways
        ),
        subscription("week_ahead", match={"sources": [source_id]}, opening_soon_days=7),
        # asks for no early warnings: hears of none
        subscription("no_radar", match={"sources": [source_id]}, events=["new", "closing_soon"]),
    ]


@pytest.mark.parametrize("source_id", sorted(CASES))
def test_opening_soon_once_per_subscription_at_its_lead_time(tmp_path, source_id):
    db = crawled_repository(tmp_path, source_id)
    subscriptions = radar_subscriptions(source_id)
    heard: dict[str, list[tuple[str, str]]] = {"month_ahead": [], "week_ahead": []}
    for now, month, week in CASES[source_id]:
        before = {r["id"] for r in outbox(db)}
        written = scan_opening_soon(db, subscriptions, now)
        rows = [r for r in outbox(db) if r["id"] not in before]
        assert {r["event"] for r in rows} <= {"opening_soon"}
        assert {r["event_key"] for r in rows} <= {"opening_soon"}
        for sub_id, expected in (("month_ahead", month), ("week_ahead", week)):
            mine = [r for r in rows if r["subscription_id"] == sub_id]
            assert titles(db, {r["opportunity_id"] for r in mine}) == sorted(expected), (
                sub_id,
                now,
            )
            heard[sub_id] += [(r["opportunity_id"], r["channel"]) for r in mine]
        # one row per channel: the month-ahead team has Slack and email
        month_rows = [r for r in rows if r["subscription_id"] == "month_ahead"]
        assert sorted(r["channel"] for r in month_rows) == sorted(["slack", "email"] * len(month))
        assert written == len(rows)
        # the scan again, an hour or a day later, writes nothing more for what it already told
        assert scan_opening_soon(db, subscriptions, now + timedelta(hours=1)) == 0
    assert not [r for r in outbox(db) if r["subscription_id"] == "no_radar"]
    # never twice for one call on one channel, whatever the clock did
    for sub_id, ids in heard.items():
        assert len(ids) == len(set(ids)), sub_id


def test_a_call_that_has_opened_or_closed_or_gone_gets_no_early_warning(tmp_path):
    db = crawled_repository(tmp_path, "find_a_grant")
    team = [subscription("team", opening_soon_days=60)]
    # by 5 Jan 2027, 9am both calls have opened (14 Dec, 5 Jan 00:01): nothing is still to open
    assert scan_opening_soon(db, team, datetime(2027, 1, 5, 9, tzinfo=UTC)) == 0
    db.execute("UPDATE opportunities SET status = 'closed' WHERE opens_at IS NOT NULL")
    assert scan_opening_soon(db, team, SNAPSHOT_NOW) == 0
    db.execute("UPDATE opportunities SET status = 'upcoming', removed_at = '2026-11-24T09:00:00'")
    assert scan_opening_soon(db, team, SNAPSHOT_NOW) == 0
    db.execute("UPDATE opportunities SET removed_at = NULL")  # listed again: it can be told
    assert scan_opening_soon(db, team, SNAPSHOT_NOW) == 2


def test_the_subscriptions_other_rules_still_apply(tmp_path):
    db = crawled_repository(tmp_path, "find_a_grant", "ukri_opportunities")
    only_grants = subscription("grants_only", match={"sources": ["find_a_grant"]})
    museums = subscription("museums", match={"keywords": ["museum*"]}, opening_soon_days=60)
    scan_opening_soon(db, [only_grants, museums], SNAPSHOT_NOW)
    by_sub: dict[str, set[str]] = {}
    for row in outbox(db):
        by_sub.setdefault(row["subscription_id"], set()).add(row["opportunity_id"])
    # the default lead time is four weeks: 14 Dec is within it, 5 Jan is not
    assert titles(db, by_sub["grants_only"]) == [
        "Local Electric Vehicle Infrastructure Capability Fund 2027 to 2028"
    ]
    assert titles(db, by_sub["museums"]) == ["Museum Estate and Development Fund: Round 4"]


def test_opening_soon_and_closing_soon_are_separate_reminders(tmp_path):
    db = crawled_repository(tmp_path, "innovate_uk_ifs")
    team = [subscription("team", opening_soon_days=14, closing_soon_days=14)]
    assert scan_opening_soon(db, team, SNAPSHOT_NOW) == 1  # SBRI phase 2 opens 7 Dec
    assert scan_closing_soon(db, team, SNAPSHOT_NOW) >= 1  # and two calls close in early December
    assert {r["event"] for r in outbox(db)} == {"opening_soon", "closing_soon"}
