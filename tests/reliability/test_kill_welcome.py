"""SIGKILL `fundwatch notify` mid-welcome: a subscription added to a running repository gets one
Slack message of the open calls that match it ('Welcome: N open calls that match',
notifier/channels/groups.py), queued in one unit with the subscription remembered
(storage/subscribers.welcome). Killed once that message has landed at the stand-in with its
answer held, then run again: one welcome where the channel can be read, at most one more where it
cannot, never a post per call, nothing lost; the new call queued beside it goes once.
"""

from __future__ import annotations

from collections import Counter

import pytest
import sqlite_utils

from config.clock import iso
from tests.crawl_helpers import write_config
from tests.notify_helpers import NOW, add_event, add_new_calls, add_opportunity, outbox, repository
from tests.reliability.kill_sweep import assert_sound, finish, kill_at_held_post
from tests.slack_standin import DEFAULT_TOKEN, SlackStandIn

pytestmark = pytest.mark.slow

CHANNEL = "C0WELCOME1"
OPEN = 3  # open calls already told to the first team: the newcomer's welcome
HISTORY = ("chat:write", "channels:history", "groups:history")


def waiting(tmp_path):
    teams = [
        {"id": "first_team", "events": ["new"], "email": {"to": ["first@example.gov.uk"]}},
        {"id": "new_team", "events": ["new"], "slack": {"channel": CHANNEL}},
    ]
    config = write_config(tmp_path / "config", [], teams)
    db = repository(tmp_path)
    add_new_calls(db, "welcome-opp", "Welcomed fund", OPEN)
    db.execute("UPDATE events SET routed_at = ?", [iso(NOW)])  # told before the newcomer came
    db["subscribers"].insert({"subscription_id": "first_team", "first_seen": iso(NOW)})
    add_opportunity(db, "fresh-opp", title="Fresh fund after the welcome")
    add_event(db, "fresh-opp", "new")
    db.conn.commit()
    db.close()
    return config, tmp_path / "fundwatch.db"


def kinds(slack: SlackStandIn) -> Counter:
    """'welcome' or the call of each post."""
    return Counter(
        "welcome" if "Welcome:" in str(post) else "fresh" if "fresh-opp" in str(post) else "?"
        for post in list(slack.posts)
    )


@pytest.mark.parametrize("scopes", [HISTORY, ("chat:write",)], ids=["can read", "cannot read"])
def test_notify_killed_mid_welcome_then_run_again_welcomes_once(tmp_path, scopes):
    config, db_path = waiting(tmp_path)
    with SlackStandIn(channels=[CHANNEL], scopes=scopes, epoch=NOW.timestamp() + 60) as slack:
        env = {"FUNDWATCH_NOW": iso(NOW), "SLACK_BOT_TOKEN": DEFAULT_TOKEN}
        env["SLACK_API_URL"] = slack.api_url
        kill_at_held_post("notify", config=config, db=db_path, env=env, slack=slack)
        assert kinds(slack) == {"welcome": 1}, list(slack.posts)
        code, out = finish("notify", config=config, db=db_path, env=env)
        said = kinds(slack)
    assert code == 0, out
    assert "Traceback" not in out, out
    welcomes = 1 if "channels:history" in scopes else 2  # the one in flight, again at most once
    assert said == {"welcome": welcomes, "fresh": 1}, (said, out)
    db = sqlite_utils.Database(db_path)
    rows = outbox(db, subscription_id="new_team")
    db.close()
    assert Counter((r["event"], r["status"]) for r in rows) == {
        ("welcome", "sent"): OPEN,
        ("new", "sent"): 1,
    }
    assert_sound(db_path)
