"""A delivery run claims a target's rows (one subscription's channel) reading only that target's
pending rows: the work of a claim does not grow with what waits for other teams. Counted in SQLite
virtual-machine steps, which are the same on every machine, not timed."""

from __future__ import annotations

from storage.outbox import claim_due, claim_targets, insert_rows
from storage.transactions import write_transaction
from tests.notify_helpers import NOW, add_opportunity, repository

STEP = 100  # the progress handler is called every STEP virtual-machine instructions


def pending_for_others(db, count: int) -> None:
    """`count` due rows for other teams, written as routing writes them."""
    stamp = NOW.isoformat()
    values = [
        (f"team_{n % 500:03d}", "opp-mine", None, f"changed:{n}", "changed", "slack", "instant")
        + (stamp, stamp)
        for n in range(count)
    ]
    with write_transaction(db):
        insert_rows(db, values)


def steps_to_claim(db, subscription_id: str) -> tuple[int, int]:
    """(VM steps, rows claimed) for one target's claim."""
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0  # go on

    db.conn.set_progress_handler(count, STEP)
    try:
        claimed = claim_due(
            db,
            cadence="instant",
            now=NOW,
            owner="run-1",
            subscription_id=subscription_id,
            channel="slack",
        )
    finally:
        db.conn.set_progress_handler(None, STEP)
    return steps[0], len(claimed)


def test_a_claim_reads_its_own_rows_not_everyone_elses(tmp_path):
    quiet = repository(tmp_path / "quiet")
    busy = repository(tmp_path / "busy")
    for db in (quiet, busy):
        add_opportunity(db, "opp-mine")
        with write_transaction(db):
            insert_rows(
                db,
                [
                    ("digital_team", "opp-mine", None, f"changed:{n}", "changed", "slack")
                    + ("instant", NOW.isoformat(), NOW.isoformat())
                    for n in range(3)
                ],
            )
    pending_for_others(busy, 20_000)
    quiet_steps, quiet_claimed = steps_to_claim(quiet, "digital_team")
    busy_steps, busy_claimed = steps_to_claim(busy, "digital_team")
    assert quiet_claimed == busy_claimed == 3
    # Through an index of every pending row of the cadence, the busy claim read 20,000 more index
    # entries (over 2,000 times the quiet claim's steps); filed by target, about the same work.
    assert busy_steps <= 2 * quiet_steps + 5, (quiet_steps, busy_steps)


def test_claiming_many_targets_in_one_unit_gives_each_its_own_rows_oldest_first(tmp_path):
    db = repository(tmp_path)
    add_opportunity(db, "opp-mine")
    pending_for_others(db, 1_000)
    claimed = claim_targets(
        db,
        [("team_001", "slack"), ("team_002", "slack"), ("nobody", "slack")],
        cadence="instant",
        now=NOW,
        owner="run-1",
    )
    assert {key: len(rows) for key, rows in claimed.items()} == {
        ("team_001", "slack"): 2,
        ("team_002", "slack"): 2,
        ("nobody", "slack"): 0,
    }
    for (subscription_id, _), rows in claimed.items():
        assert all(r["subscription_id"] == subscription_id for r in rows)
        assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)
        assert all(r["status"] == "sending" and r["claimed_by"] == "run-1" for r in rows)
