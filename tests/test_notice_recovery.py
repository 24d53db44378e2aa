"""Curator notices a killed run left `sending` are taken back; a live run's are not."""

from __future__ import annotations

from datetime import timedelta

from storage.db import open_db
from storage.health import claim_notice, record_state
from storage.locks import OwnerLease
from storage.outbox_recovery import release_abandoned_notices
from tests.notify_helpers import NOW


def queue(db, source_id):
    record_state(db, source_id, "failing", "HTTP 500", NOW, notice=("failing", "down"))


def statuses(db):
    return dict(db.execute("SELECT source_id, status FROM curator_notices").fetchall())


def test_a_dead_runs_notices_go_back_and_a_live_runs_stay(tmp_path):
    db = open_db(tmp_path / "fundwatch.db")
    queue(db, "dead")
    # A run that claimed a notice and was killed: its token has no lease any more.
    assert claim_notice(db, "4242-deadbeef0000", NOW)
    queue(db, "alive")
    with OwnerLease(tmp_path / "fundwatch.db") as lease:
        claimed = claim_notice(db, lease.token, NOW + timedelta(seconds=1))
        assert claimed["source_id"] == "alive"
        assert release_abandoned_notices(db) == 1
        assert statuses(db) == {"dead": "pending", "alive": "sending"}
    # Once its run has ended, the live run's claim is abandoned too.
    assert release_abandoned_notices(db) == 1
    assert statuses(db) == {"dead": "pending", "alive": "pending"}
