"""SIGKILL `fundwatch notify` while it routes events into the outbox (pages of 2,000 events, one
unit each), then run it again: the outbox holds what one unkilled run makes of the same events,
each alert once, every event routed."""

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

EVENTS = 5000  # three pages of routing
TEAMS = 2


def waiting(tmp_path):
    teams = [  # daily digests: routed now, nothing sent one at a time
        {"id": f"team_{n}", "events": ["new"], "email": {"to": [f"t{n}@example.gov.uk"]}}
        for n in range(TEAMS)
    ]
    config = write_config(tmp_path / "config", [], teams)
    db = repository(tmp_path)
    seen = iso(NOW - timedelta(days=1))
    db["opportunities"].insert_all(
        {
            "id": f"route-opp-{n}",
            "title": f"Routed fund {n}",
            "summary": "Grants for local public services.",
            "funder": "Department for Levelling Up",
            "url": f"https://funder.example.gov.uk/route-opp-{n}",
            "status": "open",
            "closes_at": iso(NOW + timedelta(days=60)),
            "council_eligible": "yes",
            "tags": json.dumps(["digital"]),
            "source_ids": json.dumps(["find_a_grant"]),
            "first_seen": seen,
            "last_seen": seen,
        }
        for n in range(EVENTS)
    )
    db["events"].insert_all(
        {"opportunity_id": f"route-opp-{n}", "kind": "new", "source_id": "find_a_grant",
         "created_at": iso(NOW), "routed_at": None}
        for n in range(EVENTS)
    )  # fmt: skip
    db.close()
    return config, tmp_path / "fundwatch.db"


def test_notify_killed_mid_route_then_run_again_routes_every_event_once(tmp_path):
    config, db_path = waiting(tmp_path)
    unkilled = tmp_path / "unkilled.db"
    shutil.copy(db_path, unkilled)
    env = {"FUNDWATCH_NOW": iso(NOW)}
    assert finish("notify", config=config, db=unkilled, env=env)[0] == 0

    rows = "SELECT count(*) FROM outbox"
    notify = start("notify", config=config, db=db_path, env=env)
    kill_when(notify, lambda: count(db_path, rows) > 0, "the first page was routed")
    killed_at = count(db_path, rows)
    code, out = finish("notify", config=config, db=db_path, env=env)

    assert code == 0, out
    assert 0 < killed_at < EVENTS * TEAMS, killed_at  # the kill came part way
    assert outbox_keys(db_path) == outbox_keys(unkilled)
    assert len(outbox_keys(db_path)) == EVENTS * TEAMS
    assert count(db_path, "SELECT count(*) FROM events WHERE routed_at IS NULL") == 0
    assert_sound(db_path)


def test_two_notify_at_once_route_every_event_once(tmp_path):
    # Two operators (or an operator and the service's delivery job) routing the same events.
    config, db_path = waiting(tmp_path)
    env = {"FUNDWATCH_NOW": iso(NOW)}
    both = [start("notify", config=config, db=db_path, env=env) for _ in range(2)]
    said = [process.communicate(timeout=120)[0] for process in both]
    for process, out in zip(both, said, strict=True):
        assert process.returncode == 0 and "Traceback" not in out and "locked" not in out, out
    assert len(outbox_keys(db_path)) == EVENTS * TEAMS
    assert len(set(outbox_keys(db_path))) == EVENTS * TEAMS
    assert count(db_path, "SELECT count(*) FROM events WHERE routed_at IS NULL") == 0
    assert_sound(db_path)
