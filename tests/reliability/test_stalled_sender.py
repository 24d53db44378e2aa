"""A delivery run that holds its claims longer than any claim lifetime, while other runs start.

Repro from issue [4/9]: a run that held claims past STALE_AFTER (10 min; slack-sdk can sleep a
Retry-After twice) had its rows re-claimed by the next run, which posted them again: 60 posts for 40
alerts. Here the next runs' clocks are set 15 minutes and 2 days ahead (FUNDWATCH_NOW), which is
what a stalled sender looks like to them, and the first run is still posting.
"""

from __future__ import annotations

import re
import subprocess
import time
from collections import Counter
from datetime import timedelta

import pytest

from config.clock import iso
from tests.crawl_helpers import fundwatch_env, start_fundwatch, write_config
from tests.notify_helpers import NOW, add_new_calls, outbox, repository
from tests.slack_standin import DEFAULT_TOKEN, Scripted, SlackStandIn

pytestmark = pytest.mark.slow

CHANNEL = "C0FUNDING1"
ALERTS = 6


def notify(config, db_path, api_url, at) -> subprocess.Popen:
    env = fundwatch_env(
        {"FUNDWATCH_NOW": iso(at), "SLACK_BOT_TOKEN": DEFAULT_TOKEN, "SLACK_API_URL": api_url}
    )
    return start_fundwatch(
        "notify",
        config=config,
        db=db_path,
        env=env,
    )


def test_a_sender_stalled_past_any_claim_lifetime_has_nothing_posted_twice(tmp_path):
    team = {"id": "stall_team", "events": ["new"], "slack": {"channel": CHANNEL}}
    config = write_config(tmp_path / "config", [], [team], settings={"burst_limit": 100})
    db = repository(tmp_path)
    add_new_calls(db, "stall-opp", "Stalled sender fund", ALERTS)
    db.close()
    db_path = tmp_path / "fundwatch.db"

    with SlackStandIn(channels=[CHANNEL]) as slack:
        # Each post takes a while to answer: the first run is slow, not dead.
        slack.script(*[Scripted(delay=0.4) for _ in range(ALERTS * 3)])
        slow = notify(config, db_path, slack.api_url, NOW)
        deadline = time.monotonic() + 60
        while len(slack.posts) < 2 and slow.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert slow.poll() is None, "the first run finished before the others started"
        later = [
            notify(config, db_path, slack.api_url, NOW + timedelta(minutes=15)),
            notify(config, db_path, slack.api_url, NOW + timedelta(days=2)),
        ]
        outputs = [p.communicate(timeout=120) for p in [*later, slow]]
        final = notify(config, db_path, slack.api_url, NOW + timedelta(days=3))
        outputs.append(final.communicate(timeout=120))
        posts = list(slack.posts)

    for _out, err in outputs:
        assert "Traceback" not in err, err[-2000:]
    about = Counter(
        found.group(0) for post in posts if (found := re.search(r"stall-opp-\d+", str(post)))
    )
    assert set(about) == {f"stall-opp-{n}" for n in range(ALERTS)}, "an alert was lost"
    assert max(about.values()) == 1, f"posted twice: {about}"
    assert len(posts) == ALERTS
    db = repository(tmp_path)
    assert [r["status"] for r in outbox(db)] == ["sent"] * ALERTS
