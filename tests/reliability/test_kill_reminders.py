"""SIGKILL `fundwatch notify` while it queues the date reminders itself (notifier/route.py:
scan_closing_soon, scan_opening_soon, scan_closed, a unit a call), then run it again: the outbox
holds what one unkilled run makes of the same calls, each reminder once, none lost; a third
notify queues nothing more.

The kill point is seen, not timed: the first reminders are in the outbox while the run is still
alive, and the count then shows the kill came part way through the scans.
"""

from __future__ import annotations

import json
import shutil
from datetime import timedelta

import pytest

from config.clock import iso
from tests.crawl_helpers import write_config
from tests.notify_helpers import NOW, repository
from tests.reliability.kill_sweep import assert_sound, count, finish, kill_when, outbox_keys, start

pytestmark = pytest.mark.slow

EACH = 1500  # calls of each kind: closing soon, opening soon, closed since the last scan
TEAMS = 2
KINDS = ("closing_soon", "opening_soon", "closed")


def call(n: int, kind: str) -> dict:
    seen = iso(NOW - timedelta(days=30))
    dates = {
        "closing_soon": {"status": "open", "closes_at": iso(NOW + timedelta(days=5))},
        "opening_soon": {
            "status": "upcoming",
            "opens_at": iso(NOW + timedelta(days=10)),
            "closes_at": iso(NOW + timedelta(days=90)),
        },
        "closed": {"status": "open", "closes_at": iso(NOW - timedelta(days=2))},
    }[kind]
    return {
        "id": f"{kind}-{n}",
        "title": f"Reminded fund {kind} {n}",
        "summary": "Grants for local public services.",
        "funder": "Department for Levelling Up",
        "url": f"https://funder.example.gov.uk/{kind}-{n}",
        "council_eligible": "yes",
        "tags": json.dumps(["digital"]),
        "source_ids": json.dumps(["find_a_grant"]),
        "first_seen": seen,
        "last_seen": seen,
        **dates,
    }


def waiting(tmp_path):
    teams = [  # daily digests: queued by notify, nothing sent one at a time
        {
            "id": f"team_{n}",
            "events": list(KINDS),
            "closing_soon_days": 14,
            "opening_soon_days": 28,
            "email": {"to": [f"t{n}@example.gov.uk"]},
        }
        for n in range(TEAMS)
    ]
    config = write_config(tmp_path / "config", [], teams)
    db = repository(tmp_path)
    db["opportunities"].insert_all(call(n, kind) for kind in KINDS for n in range(EACH))
    db.close()
    return config, tmp_path / "fundwatch.db"


def test_notify_killed_mid_reminder_scan_then_run_again_queues_each_reminder_once(tmp_path):
    config, db_path = waiting(tmp_path)
    unkilled = tmp_path / "unkilled.db"
    shutil.copy(db_path, unkilled)
    env = {"FUNDWATCH_NOW": iso(NOW)}
    assert finish("notify", config=config, db=unkilled, env=env)[0] == 0
    assert len(outbox_keys(unkilled)) == len(KINDS) * EACH * TEAMS

    rows = "SELECT count(*) FROM outbox"
    notify = start("notify", config=config, db=db_path, env=env)
    kill_when(notify, lambda: count(db_path, rows) > 0, "the first reminder was queued")
    killed_at = count(db_path, rows)
    code, out = finish("notify", config=config, db=db_path, env=env)
    assert code == 0, out
    assert 0 < killed_at < len(KINDS) * EACH * TEAMS, killed_at  # the kill came part way
    assert outbox_keys(db_path) == outbox_keys(unkilled)  # each reminder once, none lost

    code, again = finish("notify", config=config, db=db_path, env=env)
    assert code == 0 and "queued" not in again.split(";")[0], again
    assert outbox_keys(db_path) == outbox_keys(unkilled)
    assert_sound(db_path)
