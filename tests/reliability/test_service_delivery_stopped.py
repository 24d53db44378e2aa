"""SIGTERM to `fundwatch run` while its alerts job posts: the post in flight finishes and is
recorded, nothing more is posted, the alerts claimed but not tried go back to pending with no
attempt counted, the log says so in one line, and the service exits 0 (a service's normal end).

Repro: the service's delivery jobs were not told of its stop (only the `notify` and `digest`
commands were): the job posted every alert it had claimed, paced one a second per channel, then the
service ended; 50 alerts outlived systemd's stop timeout, whose SIGKILL could land mid-post.
"""

from __future__ import annotations

import subprocess

import pytest

from tests.crawl_helpers import fundwatch_env, start_fundwatch
from tests.notify_helpers import outbox, repository
from tests.reliability.test_delivery_stopped import (
    ALERTS,
    alerts_waiting,
    posted,
    stop_while_held,
)
from tests.slack_standin import DEFAULT_TOKEN, SlackStandIn, held

pytestmark = pytest.mark.slow

CHANNEL = "C0FUNDING1"


def service(config, db_path, api_url: str) -> subprocess.Popen:
    """`fundwatch run` on the real clock (the scheduler's), posting to the Slack stand-in; its log
    goes to stderr."""
    env = {k: v for k, v in fundwatch_env().items() if k != "FUNDWATCH_NOW"}
    env.update({"SLACK_BOT_TOKEN": DEFAULT_TOKEN, "SLACK_API_URL": api_url})
    return start_fundwatch("run", config=config, db=db_path, env=env)


def test_the_service_stopped_mid_post_finishes_that_post_and_leaves_the_rest_pending(tmp_path):
    config, db_path = alerts_waiting(tmp_path)
    with SlackStandIn(channels=[CHANNEL]) as slack:
        slack.script(held())  # the alerts job's first post waits for the test
        running = service(config, db_path, slack.api_url)
        # SIGTERM to the service alone, as `kill PID` does, and again while it finishes.
        _, said = stop_while_held(running, slack, reached=1, finishing="job", twice=True)
        assert running.returncode == 0, said
        assert "Traceback" not in said, said
        assert "1 alert(s) sent in 1 message(s), 0 to retry, 0 failed" in said, said
        assert f"notify stopped by SIGTERM: {ALERTS - 1} alert(s) left for the next run" in said
        # Said once the job has ended, the service's lock held until then (it was said at once).
        assert said.index("1 alert(s) sent in 1 message(s), 0 to retry") < said.index(
            "stopped cleanly"
        ), said
        assert len(slack.requests) == 1  # nothing started after the stop
        assert posted(slack) == {"stop-opp-0": 1}

    db = repository(tmp_path)
    rows = [(r["opportunity_id"], r["status"], r["attempts"]) for r in outbox(db)]
    db.close()
    assert rows == [
        ("stop-opp-0", "sent", 1),
        *((f"stop-opp-{n}", "pending", 0) for n in range(1, ALERTS)),
    ]
