"""SIGKILL `fundwatch notify` while one message stands for many subscriptions' rows (several teams
naming one Slack channel: posted once, every row it stands for marked sent, as
notifier/channels/posted_once.py says), then run it again to its end.

The kill comes once the post has landed at the Slack stand-in and its answer is held: posted, no
row marked. Nothing may be lost (every row sent in the end), and only that message may go again,
once (DESIGN accepts the one in flight); the other call, never posted before the kill, goes once.
The run after says what it did and exits 0.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from config.clock import iso
from tests.crawl_helpers import write_config
from tests.notify_helpers import NOW, add_new_calls, outbox, repository
from tests.reliability.kill_sweep import assert_sound, finish, kill_at_held_post
from tests.slack_standin import DEFAULT_TOKEN, SlackStandIn

pytestmark = pytest.mark.slow

CHANNEL = "C0SHARED01"
TEAMS = 4  # all in one channel
CALLS = 2
HISTORY = ("chat:write", "channels:history", "groups:history")


def waiting(tmp_path):
    teams = [
        {"id": f"team_{n}", "events": ["new"], "slack": {"channel": CHANNEL}} for n in range(TEAMS)
    ]
    config = write_config(tmp_path / "config", [], teams)
    db = repository(tmp_path)
    add_new_calls(db, "shared-opp", "Shared channel fund", CALLS)
    db.close()
    return config, tmp_path / "fundwatch.db"


def posts_of(slack: SlackStandIn) -> Counter:
    return Counter(
        found.group(0)
        for post in list(slack.posts)
        if (found := re.search(r"shared-opp-\d+", str(post)))
    )


@pytest.mark.parametrize("scopes", [HISTORY, ("chat:write",)], ids=["can read", "cannot read"])
def test_a_message_for_many_teams_killed_before_marking_goes_again_at_most_once(tmp_path, scopes):
    config, db_path = waiting(tmp_path)
    with SlackStandIn(channels=[CHANNEL], scopes=scopes, epoch=NOW.timestamp() + 60) as slack:
        env = {"FUNDWATCH_NOW": iso(NOW), "SLACK_BOT_TOKEN": DEFAULT_TOKEN}
        env["SLACK_API_URL"] = slack.api_url
        kill_at_held_post("notify", config=config, db=db_path, env=env, slack=slack)
        first = posts_of(slack)
        assert sum(first.values()) == 1, first
        code, out = finish("notify", config=config, db=db_path, env=env)
        posts = posts_of(slack)
    assert code == 0, out
    assert "Traceback" not in out, out
    (in_flight,) = first
    assert set(posts) == {f"shared-opp-{n}" for n in range(CALLS)}, out  # none lost
    # The message in flight, again at most once: not at all where the channel can be read
    # (found there carrying the first team's row; the other teams' rows stand on it again).
    assert posts[in_flight] == (1 if "channels:history" in scopes else 2), (posts, out)
    assert all(n == 1 for call, n in posts.items() if call != in_flight), (posts, out)
    db = repository(tmp_path)
    assert Counter(r["status"] for r in outbox(db)) == {"sent": TEAMS * CALLS}
    db.close()
    # The messages posted by this run; where the channel can be read, the call in flight was
    # found there, posted by the killed run: its teams' alerts are said apart, in no message.
    said = f"{TEAMS * CALLS} alert(s) sent in 2 message(s), 0 to retry, 0 failed"
    if "channels:history" in scopes:
        said = (
            f"{TEAMS * CALLS} alert(s) sent in 1 message(s), 0 to retry, 0 failed, "
            f"{TEAMS} sent on message(s) posted by an earlier run"
        )
    assert said in out, out
    assert_sound(db_path)


def test_killed_at_a_later_post_an_earlier_message_for_many_teams_goes_once(tmp_path):
    # The first call's message is posted and answered, its first team's row marked; the kill comes
    # while the second call's post is in flight. Only that one may go again (here: not at all,
    # the channel can be read); the first call's, answered before the kill, must not.
    config, db_path = waiting(tmp_path)
    with SlackStandIn(channels=[CHANNEL], scopes=HISTORY, epoch=NOW.timestamp() + 60) as slack:
        env = {"FUNDWATCH_NOW": iso(NOW), "SLACK_BOT_TOKEN": DEFAULT_TOKEN}
        env["SLACK_API_URL"] = slack.api_url
        kill_at_held_post("notify", config=config, db=db_path, env=env, slack=slack, at=2)
        code, out = finish("notify", config=config, db=db_path, env=env)
        posts = posts_of(slack)
    assert code == 0, out
    assert posts == {f"shared-opp-{n}": 1 for n in range(CALLS)}, (posts, out)
