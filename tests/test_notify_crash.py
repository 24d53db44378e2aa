"""SIGKILL the notifier mid-delivery, again and again: nothing is lost, and each kill repeats at most
one Slack post.

The Slack stand-in runs in its own process and appends every accepted post to a state file, so
what Slack "saw" survives the notifier's deaths. Each restart is stamped 11 minutes after the last
(FUNDWATCH_NOW), as a scheduler would be, so the dead run's claimed rows are past the 10-minute
stale limit and go back to pending.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from config.clock import iso
from notifier.route import route_events
from tests.notify_helpers import NOW, add_event, add_opportunity, outbox, repository, subscription

ROOT = Path(__file__).resolve().parents[1]
CHANNEL = "C0CRASH001"
ALERTS = 60
POST_DELAY = 0.04  # seconds the stand-in takes over each post, so kills land mid-run
MIN_KILLS = 6

STANDIN = """
import signal, sys, threading
from tests.slack_standin import Scripted, SlackStandIn
standin = SlackStandIn(state_file=sys.argv[1], channels=[sys.argv[3]])
# Every request: answered as usual, after a pause.
standin.script(*[Scripted(delay=float(sys.argv[2])) for _ in range(100_000)])
done = threading.Event()
signal.signal(signal.SIGTERM, lambda *_: done.set())
with standin:
    print(standin.api_url, flush=True)
    done.wait()
"""

NOTIFY = """
import os, sys
from config.clock import now
from config.models import Settings, Subscription
from notifier.channels.slack import SlackChannel
from notifier.delivery import deliver_instant
from storage.db import open_db

db = open_db(sys.argv[1])
team = Subscription.model_validate({"id": "crash_team", "slack": {"channel": sys.argv[2]}})
# burst_limit high: each alert is its own post. Pacing off: the stand-in sets the pace.
slack = SlackChannel(db, env=os.environ, burst_limit=1000, min_interval=0)
summary = deliver_instant(db, [team], Settings(burst_limit=1000), now=now(), channel_for=lambda s, c: slack)
print("sent", summary.sent, "failed", summary.failed, "retrying", summary.retrying, summary.problems)
"""


def posted_opportunities(state: Path) -> list[str]:
    """One entry per accepted post: the opportunity it was about."""
    if not state.exists():
        return []
    found = []
    for line in state.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        ids = set(re.findall(r"crash-opp-\d{3}", line))
        assert len(ids) == 1, f"a post about {len(ids)} opportunities: {line[:300]}"
        found.append(ids.pop())
    return found


def lines(state: Path) -> int:
    return len(state.read_text(encoding="utf-8").splitlines()) if state.exists() else 0


@pytest.mark.slow
def test_sigkill_during_slack_delivery_loses_nothing_and_repeats_at_most_one_post_per_kill(
    tmp_path,
):
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    db_file = tmp_path / "fundwatch.db"
    db = repository(tmp_path)
    for n in range(ALERTS):
        add_opportunity(db, f"crash-opp-{n:03d}", title=f"Crash test fund {n:03d}")
        add_event(db, f"crash-opp-{n:03d}", "new")
    route_events(db, [subscription("crash_team", slack={"channel": CHANNEL})], NOW)
    assert len(outbox(db, status="pending", cadence="instant")) == ALERTS
    db.close()

    state = tmp_path / "slack-posts.jsonl"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SLACK_BOT_TOKEN": "xoxb-fundwatch-test-token"}
    env.pop("FUNDWATCH_NOW", None)
    standin = subprocess.Popen(
        [sys.executable, "-c", STANDIN, str(state), str(POST_DELAY), CHANNEL],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        env["SLACK_API_URL"] = standin.stdout.readline().strip()
        assert env["SLACK_API_URL"].startswith("http://127.0.0.1:"), "the stand-in did not start"

        def start_run(index: int) -> subprocess.Popen:
            run_env = {**env, "FUNDWATCH_NOW": iso(NOW + timedelta(minutes=11 * (index + 1)))}
            return subprocess.Popen(
                [sys.executable, "-c", NOTIFY, str(db_file), CHANNEL],
                cwd=ROOT,
                env=run_env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )

        kills, run_index, kill_points = 0, 0, []
        # Each turn kills a run or fails the test, and its waits are bounded: no clock needed.
        while kills < MIN_KILLS:
            before = lines(state)
            run = start_run(run_index)
            run_index += 1
            if kills % 3 == 0:
                # Anywhere: while importing, claiming, or sending.
                time.sleep(rng.uniform(0.05, 0.8))
                kill_points.append("anywhere")
            else:
                # Mid-send: once this run's posts are arriving.
                deadline = time.monotonic() + 15
                while lines(state) == before and run.poll() is None and time.monotonic() < deadline:
                    time.sleep(0.005)
                time.sleep(rng.uniform(0.0, 0.5))
                kill_points.append("mid-send")
            if run.poll() is not None:
                out, err = run.communicate()
                assert run.returncode == 0, f"a notify run failed: {err[-2000:]}"
                pytest.fail(
                    f"the run finished before it could be killed (seed {seed}); "
                    f"{ALERTS} alerts are too few for {MIN_KILLS} kills: {out}"
                )
            run.send_signal(signal.SIGKILL)
            run.communicate()
            kills += 1

        sent_before_final = len(posted_opportunities(state))
        assert sent_before_final < ALERTS + kills, "the kills all landed after the work was done"
        final = start_run(run_index)
        out, err = final.communicate(timeout=120)  # a hang, not a slow machine, trips this
        assert final.returncode == 0, err[-2000:]
    finally:
        standin.send_signal(signal.SIGTERM)
        try:
            standin.communicate(timeout=5)
        except subprocess.TimeoutExpired:
            standin.kill()
            standin.communicate()

    db = repository(tmp_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = outbox(db)
    assert Counter(r["status"] for r in rows) == {"sent": ALERTS}, f"seed {seed}; final run: {out}"

    posts = Counter(posted_opportunities(state))
    assert set(posts) == {f"crash-opp-{n:03d}" for n in range(ALERTS)}, "an alert was lost"
    duplicates = sum(posts.values()) - ALERTS
    assert duplicates <= kills, (
        f"{duplicates} duplicate posts for {kills} kills (seed {seed}, kill points {kill_points}): "
        f"{ {k: v for k, v in posts.items() if v > 1} }"
    )
    # One row can repeat more than once (killed after sending it, and again after re-sending it):
    # the promise is per kill, not per row.
