"""A stop cuts short a delivery's wait: `fundwatch notify` waiting out a Slack Retry-After (up to
half a minute is waited inline) ends the wait, does not post again, and leaves the alert pending.

Repro: the waits went through time.sleep. A SIGTERM during a Retry-After of 20 s held the process
the whole 20 s after "finishing the messages in flight", and then it posted the message anyway:
the stand-in saw a second post and the alert was sent after the stop.
"""

from __future__ import annotations

import signal

import pytest

from spiders.crawl_exit import STOPPED
from tests.notify_helpers import outbox, repository
from tests.reliability.output_lines import Lines
from tests.reliability.test_delivery_stopped import ALERTS, CHANNEL, alerts_waiting, start
from tests.reliability.test_interrupted_first_round import wait_until
from tests.slack_standin import SlackStandIn, rate_limited

pytestmark = pytest.mark.slow


def test_a_stop_during_a_retry_after_wait_ends_it_without_posting_again(tmp_path):
    config, db_path = alerts_waiting(tmp_path)
    with SlackStandIn(channels=[CHANNEL]) as slack:
        slack.script(rate_limited(retry_after=20))  # waited inline: at most 30 s is
        notify = start("notify", config=config, db_path=db_path, api_url=slack.api_url)
        err = Lines(notify.stderr)
        try:
            wait_until(lambda: len(slack.requests) >= 1, notify, "the first post reached Slack")
            notify.send_signal(signal.SIGTERM)
            err.wait_for("received SIGTERM: finishing the messages in flight", notify)
            notify.wait(timeout=60)
        finally:
            if notify.poll() is None:
                notify.kill()
                notify.wait()
        out, said = notify.stdout.read(), err.finish()

    assert notify.returncode == STOPPED, (notify.returncode, out, said)
    assert "Traceback" not in said, said
    assert len(slack.requests) == 1, slack.requests  # the wait was not followed by a post
    db = repository(tmp_path)
    rows = outbox(db)
    db.close()
    assert [r["status"] for r in rows] == ["pending"] * ALERTS
    assert rows[0]["next_attempt_at"] is not None  # the rate-limited one waits its Retry-After
