"""`fundwatch notify` (and `digest`) stopped by a signal mid-post finishes that post and records
it, posts nothing more, and hands back the alerts it had claimed but not tried.

Repro: notify and digest had no handler for SIGTERM or SIGINT. SIGTERM mid-post killed notify (exit
-15) with every claimed row left `sending`: the next run took them back (their owner was dead) and
posted the one in flight again, as after a SIGKILL; Ctrl-C ended it in a KeyboardInterrupt
traceback.
"""

from __future__ import annotations

import re
import signal
import subprocess
from collections import Counter

import pytest

from config.clock import iso
from spiders.crawl_exit import STOPPED
from tests.crawl_helpers import fundwatch_env, start_fundwatch, write_config
from tests.notify_helpers import (
    NOW,
    add_new_calls,
    add_opportunity,
    add_outbox_row,
    outbox,
    repository,
)
from tests.reliability.output_lines import Lines
from tests.reliability.test_interrupted_first_round import wait_until
from tests.slack_standin import DEFAULT_CHANNELS, DEFAULT_TOKEN, SlackStandIn, held

pytestmark = pytest.mark.slow

CHANNEL = "C0FUNDING1"
ALERTS = 3


def alerts_waiting(tmp_path):
    """A config of one Slack subscription and a repository with ALERTS new calls for it."""
    team = {"id": "stop_team", "events": ["new"], "slack": {"channel": CHANNEL}}
    config = write_config(tmp_path / "config", [], [team], settings={"burst_limit": 100})
    db = repository(tmp_path)
    add_new_calls(db, "stop-opp", "Stopped notify fund", ALERTS)
    db.close()
    return config, tmp_path / "fundwatch.db"


def start(*command: str, config, db_path, api_url: str) -> subprocess.Popen:
    env = fundwatch_env(
        {"FUNDWATCH_NOW": iso(NOW), "SLACK_BOT_TOKEN": DEFAULT_TOKEN, "SLACK_API_URL": api_url}
    )
    return start_fundwatch(*command, config=config, db=db_path, env=env)


def stop_while_held(
    process: subprocess.Popen,
    slack: SlackStandIn,
    *,
    reached: int,
    finishing: str,
    signum: int = signal.SIGTERM,
    twice: bool = False,
) -> tuple[str, str]:
    """Once `reached` requests are at the stand-in (held there), signal the process, wait for its
    "finishing …" line (and signal again if `twice`: a second stop while the first unwinds is let
    be), release the held posts and wait for it to end. Returns (stdout, stderr)."""
    name = signal.Signals(signum).name
    err = Lines(process.stderr)
    try:
        wait_until(lambda: len(slack.requests) >= reached, process, "the posts reached Slack")
        process.send_signal(signum)
        err.wait_for(f"received {name}: finishing the {finishing} in flight", process)
        if twice:
            process.send_signal(signum)
        slack.release()
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return process.stdout.read(), err.finish()


def posted(slack: SlackStandIn) -> Counter:
    return Counter(
        found.group(0) for post in slack.posts if (found := re.search(r"stop-opp-\d+", str(post)))
    )


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_notify_stopped_mid_post_finishes_that_post_and_leaves_the_rest_pending(tmp_path, signum):
    config, db_path = alerts_waiting(tmp_path)
    name = signal.Signals(signum).name
    with SlackStandIn(channels=[CHANNEL]) as slack:
        slack.script(held())  # the first post waits for the test
        notify = start("notify", config=config, db_path=db_path, api_url=slack.api_url)
        out, said = stop_while_held(
            notify, slack, reached=1, finishing="messages", signum=signum, twice=True
        )
        assert notify.returncode == STOPPED, (notify.returncode, out, said)
        assert "1 alert(s) sent in 1 message(s), 0 to retry, 0 failed" in out, out
        assert (
            f"fundwatch notify: stopped by {name}: {ALERTS - 1} alert(s) left for the next run\n"
            in said
        )
        assert "Traceback" not in said, said
        assert len(slack.requests) == 1  # nothing started after the stop
        assert posted(slack) == {"stop-opp-0": 1}

        db = repository(tmp_path)
        rows = outbox(db)
        db.close()
        assert [(r["opportunity_id"], r["status"], r["attempts"]) for r in rows] == [
            ("stop-opp-0", "sent", 1),
            *((f"stop-opp-{n}", "pending", 0) for n in range(1, ALERTS)),
        ]

        # The next run sends the rest, and the stopped post is not posted again.
        again = start("notify", config=config, db_path=db_path, api_url=slack.api_url)
        out, said = again.communicate(timeout=60)
        assert again.returncode == 0, out + said
        assert posted(slack) == {f"stop-opp-{n}": 1 for n in range(ALERTS)}


def test_a_notify_stopped_while_posting_to_two_channels_at_once_finishes_both_posts(tmp_path):
    # Two channels are served by two workers at the same time, their rows claimed before either
    # starts (notifier/delivery/engine.py): each finishes its post in flight and gives back the rest.
    config, db_path = digests_waiting(tmp_path, cadence="instant")
    with SlackStandIn() as slack:
        slack.script(held(), held())
        notify = start("notify", config=config, db_path=db_path, api_url=slack.api_url)
        out, said = stop_while_held(notify, slack, reached=2, finishing="messages")
    assert notify.returncode == STOPPED, (notify.returncode, out, said)
    assert "2 alert(s) sent in 2 message(s), 0 to retry, 0 failed" in out, out
    assert "fundwatch notify: stopped by SIGTERM: 2 alert(s) left for the next run\n" in said
    assert len(slack.requests) == 2
    db = repository(tmp_path)
    rows = [(r["opportunity_id"], r["status"], r["attempts"]) for r in outbox(db)]
    db.close()
    assert rows == [
        ("stop-opp-0", "sent", 1),
        ("stop-opp-1", "pending", 0),
        ("stop-opp-2", "sent", 1),
        ("stop-opp-3", "pending", 0),
    ]


def digests_waiting(tmp_path, cadence: str = "daily"):
    """Two subscriptions taking daily Slack digests (or `cadence`) in two channels, each with two
    alerts waiting."""
    teams = [
        {"id": f"team_{n}", "events": ["new"], "slack": {"channel": channel, "cadence": cadence}}
        for n, channel in enumerate(DEFAULT_CHANNELS)
    ]
    config = write_config(tmp_path / "config", [], teams)
    db = repository(tmp_path)
    for n in range(4):
        add_opportunity(db, f"stop-opp-{n}", title=f"Stopped digest fund {n}")
        add_outbox_row(db, f"stop-opp-{n}", subscription_id=f"team_{n // 2}", cadence=cadence)
    db.close()
    return config, tmp_path / "fundwatch.db"


def test_a_digest_stopped_mid_post_finishes_that_digest_and_sends_no_other(tmp_path):
    config, db_path = digests_waiting(tmp_path)
    with SlackStandIn() as slack:
        slack.script(held())  # team_0's digest waits for the test
        digest = start(
            "digest", "--cadence", "daily", "--force",
            config=config, db_path=db_path, api_url=slack.api_url,
        )  # fmt: skip
        out, said = stop_while_held(digest, slack, reached=1, finishing="digest")
    assert digest.returncode == STOPPED, (digest.returncode, out, said)
    assert "1 digest(s) sent covering 2 alert(s)" in out, out
    assert "fundwatch digest: stopped by SIGTERM: 2 alert(s) left for the next run\n" in said
    # team_0's digest is the unit in flight (in Slack, a post per alert); team_1's never started.
    assert {p["channel"] for p in slack.posts} == {DEFAULT_CHANNELS[0]}
    assert posted(slack) == {"stop-opp-0": 1, "stop-opp-1": 1}
    db = repository(tmp_path)
    rows = [(r["subscription_id"], r["status"], r["attempts"]) for r in outbox(db)]
    digests = [(d["subscription_id"], d["alerts"]) for d in db.query("SELECT * FROM digests")]
    db.close()
    assert rows == [("team_0", "sent", 1)] * 2 + [("team_1", "pending", 0)] * 2
    assert digests == [("team_0", 2)]
