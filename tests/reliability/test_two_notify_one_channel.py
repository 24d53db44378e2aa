"""Two `fundwatch notify` runs at once posting to one shared Slack channel (several teams naming
it: one message stands for all their rows, storage/channel_posts.py), one of them SIGKILLed with
its post in flight, then a run to the end.

Seen, not timed: the first run's first post is held at the Slack stand-in (its rows claimed);
meanwhile a crawl's new call is queued and a second run goes from start to end; only then is the
first killed. Every call reaches the channel, each exactly once, apart from the one message in
flight at the kill, which may go once more (README "Exactly once, apart from the message in
flight"); here the channel can be read, so it does not. Each run's summary line counts what that
run did: "N alert(s) sent in M message(s)", M the messages its alerts went in.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from config.clock import iso
from tests.crawl_helpers import write_config
from tests.notify_helpers import (
    NOW,
    add_event,
    add_opportunity,
    add_outbox_row,
    outbox,
    repository,
)
from tests.reliability.kill_sweep import assert_sound, finish, kill_when, start
from tests.reliability.test_interrupted_first_round import wait_until
from tests.slack_standin import DEFAULT_TOKEN, Scripted, SlackStandIn

pytestmark = pytest.mark.slow

CHANNEL = "C0SHARED02"
TEAMS = 3  # all in one channel
HISTORY = ("chat:write", "channels:history", "groups:history")
SUMMARY = re.compile(r"(\d+) alert\(s\) sent in (\d+) message\(s\)")


def calls_posted(slack: SlackStandIn) -> Counter:
    return Counter(
        found.group(0)
        for post in list(slack.posts)
        if (found := re.search(r"two-opp-\d+", str(post)))
    )


def summary(out: str) -> tuple[int, int]:
    """(alerts, messages) of a run's summary line; (0, 0) for a run that had nothing to send."""
    found = SUMMARY.findall(out)
    assert len(found) <= 1, out
    return tuple(map(int, found[0])) if found else (0, 0)


def add_call(db_path, n: int) -> None:
    db = repository(db_path.parent)
    add_opportunity(db, f"two-opp-{n}", title=f"Two runs fund {n}")
    add_event(db, f"two-opp-{n}", "new")
    db.close()


def test_two_notify_runs_on_one_channel_post_each_message_once_and_count_true(tmp_path):
    teams = [
        {"id": f"team_{n}", "events": ["new"], "slack": {"channel": CHANNEL}} for n in range(TEAMS)
    ]
    config = write_config(tmp_path / "config", [], teams)
    db_path = tmp_path / "fundwatch.db"
    for n in range(2):
        add_call(db_path, n)
    with SlackStandIn(channels=[CHANNEL], scopes=HISTORY, epoch=NOW.timestamp() + 60) as slack:
        env = {"FUNDWATCH_NOW": iso(NOW), "SLACK_BOT_TOKEN": DEFAULT_TOKEN}
        env["SLACK_API_URL"] = slack.api_url
        slack.script(Scripted(held=True, lands=True))
        first = start("notify", config=config, db=db_path, env=env)
        wait_until(lambda: len(slack.posts) >= 1, first, "the first run's post landed")
        add_call(db_path, 2)  # news while the first run is mid-post
        code, second = finish("notify", config=config, db=db_path, env=env)
        assert code == 0 and "Traceback" not in second, second
        during = calls_posted(slack)
        kill_when(first, lambda: True, "the second run ended")
        slack.release()
        code, last = finish("notify", config=config, db=db_path, env=env)
        posts = calls_posted(slack)
    assert code == 0 and "Traceback" not in last, last
    # The second run posted the news, and nothing the first had claimed.
    assert during == {"two-opp-0": 1, "two-opp-2": 1}, (during, second)
    assert summary(second) == (TEAMS, 1), second
    # Every call once: the one in flight at the kill found in the channel, not posted again.
    assert posts == {f"two-opp-{n}": 1 for n in range(3)}, (posts, second, last)
    db = repository(tmp_path)
    assert Counter(r["status"] for r in outbox(db)) == {"sent": 3 * TEAMS}
    db.close()
    # The last run marked the first's rows: two messages' alerts, one message posted now
    # (two-opp-1); the teams' alerts of the one found in the channel, posted by the killed run,
    # are said apart, as test_kill_shared_channel.py counts them.
    assert summary(last) == (2 * TEAMS, 1), last
    assert f"{TEAMS} sent on message(s) posted by an earlier run" in last, last
    assert_sound(db_path)


def test_two_digest_runs_on_one_channel_post_each_alert_once(tmp_path):
    # The same with daily Slack digests (a post per alert): every team's digest in the shared
    # channel says the same, so each alert goes once for all the teams' rows.
    teams = [
        {"id": f"team_{n}", "events": ["new"], "slack": {"channel": CHANNEL, "cadence": "daily"}}
        for n in range(TEAMS)
    ]
    config = write_config(tmp_path / "config", [], teams)
    db = repository(tmp_path)
    for n in range(3):
        opp = add_opportunity(db, f"two-opp-{n}", title=f"Two digests fund {n}")
        for team in teams:
            add_outbox_row(db, opp, subscription_id=team["id"], cadence="daily")
    db.close()
    db_path = tmp_path / "fundwatch.db"
    command = ("digest", "--cadence", "daily", "--force")
    with SlackStandIn(channels=[CHANNEL], scopes=HISTORY, epoch=NOW.timestamp() + 60) as slack:
        env = {"FUNDWATCH_NOW": iso(NOW), "SLACK_BOT_TOKEN": DEFAULT_TOKEN}
        env["SLACK_API_URL"] = slack.api_url
        slack.script(Scripted(held=True, lands=True))
        first = start(*command, config=config, db=db_path, env=env)
        wait_until(lambda: len(slack.posts) >= 1, first, "the first run's post landed")
        code, second = finish(*command, config=config, db=db_path, env=env)
        assert code == 0 and "Traceback" not in second, second
        during = calls_posted(slack)
        kill_when(first, lambda: True, "the second run ended")
        slack.release()
        code, last = finish(*command, config=config, db=db_path, env=env)
        posts = calls_posted(slack)
    assert code == 0 and "Traceback" not in last, last
    assert sum(during.values()) == 1, (during, second)  # the first run's post in flight, alone
    assert posts == {f"two-opp-{n}": 1 for n in range(3)}, (posts, second, last)
    db = repository(tmp_path)
    assert Counter(r["status"] for r in outbox(db)) == {"sent": 3 * TEAMS}
    db.close()
    assert_sound(db_path)
