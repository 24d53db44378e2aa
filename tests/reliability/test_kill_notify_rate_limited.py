"""SIGKILL `fundwatch notify` after Slack rate limited a post (429, Retry-After: waited inline) and
the post tried again has landed with its answer held: posted, no row marked. Then run it again.

Every alert reaches its channel exactly once, the one in flight included: the stand-in grants the
history scopes, and the post tried again after the 429 carries its outbox ids as the first try
did, so the next run finds it in the channel and marks it sent (README, "A Slack post whose
answer never came"); the 429 itself, which Slack says posted nothing, costs the alert no second
message. Seen, not timed: the kill comes once the stand-in has answered the 429 and holds the
next post's answer.
"""

from __future__ import annotations

from collections import Counter

import pytest

from tests.crawl_helpers import write_config
from tests.notify_helpers import add_new_calls, outbox, repository
from tests.reliability.kill_sweep import assert_sound, finish, kill_when, start
from tests.reliability.test_kill_notify import CALLS, delivered, env, post_requests, standin
from tests.slack_standin import DEFAULT_CHANNELS, Scripted
from tests.slack_standin_scripts import rate_limited

pytestmark = pytest.mark.slow

CHANNEL = DEFAULT_CHANNELS[0]  # one channel: its posts go one after another, the retry next


def waiting(tmp_path):
    """One team in one Slack channel, and CALLS new calls for it, not yet routed."""
    team = {"id": "team_0", "events": ["new"], "slack": {"channel": CHANNEL}}
    config = write_config(tmp_path / "config", [], [team], settings={"burst_limit": 100})
    db = repository(tmp_path)
    add_new_calls(db, "kill-opp", "Killed notify fund", CALLS)
    db.close()
    return config, tmp_path / "fundwatch.db"


def test_notify_killed_after_a_429_with_the_post_tried_again_landed_posts_each_alert_once(
    tmp_path,
):
    config, db_path = waiting(tmp_path)
    with standin() as slack:
        slack.script(rate_limited(1), Scripted(held=True, lands=True))
        notify = start("notify", config=config, db=db_path, env=env(slack))
        kill_when(
            notify,
            lambda: post_requests(slack) >= 2 and len(slack.posts) >= 1,
            "the post tried after the 429 landed",
        )
        tried = [r["body"]["metadata"]["event_payload"] for r in list(slack.requests)]
        assert tried[0] == tried[1], "the kill came at another post than the one tried again"
        slack.release()
        code, out = finish("notify", config=config, db=db_path, env=env(slack))
        assert code == 0, out
        assert "Traceback" not in out, out
        assert delivered(slack) == {(CHANNEL, f"kill-opp-{n}"): 1 for n in range(CALLS)}, out
    db = repository(tmp_path)
    assert Counter(r["status"] for r in outbox(db)) == {"sent": CALLS}
    db.close()
    assert_sound(db_path)
