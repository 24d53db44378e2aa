"""SIGKILL `fundwatch notify` (and `notify --retry-failed`, an operator's command that writes) at
chosen points of a delivery to the Slack stand-in, run it again to its end, and check that every
alert reached its channel exactly once.

Exactly once, not "at most one repeat per kill": the stand-in grants the history scopes, so an
alert whose post landed before the kill is found in its channel and marked sent, not posted again
(README, "A Slack post whose answer never came"). Each kill point is what the stand-in has seen: a
post held before it lands, or one that has landed with its answer held, the run killed then.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from config.clock import iso
from tests.crawl_helpers import write_config
from tests.notify_helpers import NOW, add_new_calls, outbox, repository
from tests.reliability.kill_sweep import assert_sound, finish, kill_when, start
from tests.slack_standin import DEFAULT_CHANNELS, DEFAULT_TOKEN, Scripted, SlackStandIn

pytestmark = pytest.mark.slow

CALLS = 2  # each alerted in both channels: 4 posts, a second apart in each (Slack pacing)
KILLS = 2
HISTORY = ("chat:write", "channels:history", "groups:history")


def waiting(tmp_path):
    """Two teams in two Slack channels, and CALLS new calls for each, not yet routed."""
    teams = [
        {"id": f"team_{n}", "events": ["new"], "slack": {"channel": channel}}
        for n, channel in enumerate(DEFAULT_CHANNELS)
    ]
    config = write_config(tmp_path / "config", [], teams, settings={"burst_limit": 100})
    db = repository(tmp_path)
    add_new_calls(db, "kill-opp", "Killed notify fund", CALLS)
    db.close()
    return config, tmp_path / "fundwatch.db"


def env(slack: SlackStandIn) -> dict:
    return {
        "FUNDWATCH_NOW": iso(NOW),
        "SLACK_BOT_TOKEN": DEFAULT_TOKEN,
        "SLACK_API_URL": slack.api_url,
    }


def standin(**more) -> SlackStandIn:
    # Slack stamps its messages with its own clock: a minute after the alerts were queued.
    return SlackStandIn(scopes=HISTORY, epoch=NOW.timestamp() + 60, **more)


def post_requests(slack: SlackStandIn) -> int:
    return sum(r["path"] == "/api/chat.postMessage" for r in list(slack.requests))


def delivered(slack: SlackStandIn) -> Counter:
    """(channel, call) once per post about it."""
    return Counter(
        (post["channel"], found.group(0))
        for post in list(slack.posts)
        if (found := re.search(r"kill-opp-\d+", str(post)))
    )


def expected() -> Counter:
    return Counter({(c, f"kill-opp-{n}"): 1 for c in DEFAULT_CHANNELS for n in range(CALLS)})


# (the post the kill waits at, whether it has landed at Slack when the kill comes)
POINTS = {
    "first post in flight, not landed": (1, False),
    "a post landed, its answer not back": (3, True),
}


@pytest.mark.parametrize("point", POINTS)
def test_notify_killed_mid_delivery_then_run_again_posts_every_alert_once(tmp_path, point):
    config, db_path = waiting(tmp_path)
    at, lands = POINTS[point]
    with standin() as slack:
        # Not landed: once let go, the held post is refused (a 500), as a request cut off would be.
        last = Scripted(held=True, lands=True) if lands else Scripted(500, "gone", held=True)
        slack.script(*[Scripted() for _ in range(at - 1)], last)
        notify = start("notify", config=config, db=db_path, env=env(slack))
        landed = at if lands else at - 1
        kill_when(
            notify,
            lambda: post_requests(slack) >= at and len(slack.posts) >= landed,
            f"post {at} reached Slack",
        )
        slack.release()
        code, out = finish("notify", config=config, db=db_path, env=env(slack))
        assert code == 0, out
        assert "Traceback" not in out, out
        assert delivered(slack) == expected(), (point, out)
    db = repository(tmp_path)
    assert Counter(r["status"] for r in outbox(db)) == {"sent": 2 * CALLS}
    db.close()
    assert_sound(db_path)


def test_notify_retry_failed_killed_mid_post_then_run_again_posts_every_alert_once(tmp_path):
    config, db_path = waiting(tmp_path)
    # The bot was not in the first channel: its alerts failed for good.
    with standin(not_in_channel=[DEFAULT_CHANNELS[0]]) as slack:
        code, out = finish("notify", config=config, db=db_path, env=env(slack))
        assert code == 1, out
        slack.not_in_channel.clear()  # invited: the operator queues them again
        slack.script(Scripted(), Scripted(held=True, lands=True))
        retry = start("notify", "--retry-failed", config=config, db=db_path, env=env(slack))
        kill_when(
            retry,
            lambda: sum(p["channel"] == DEFAULT_CHANNELS[0] for p in list(slack.posts)) >= 2,
            "the second retried post landed",
        )
        slack.release()
        # The kill came after the rows were queued again: a plain notify now finishes them.
        code, out = finish("notify", config=config, db=db_path, env=env(slack))
        assert code == 0, out
        assert delivered(slack) == expected(), out
    db = repository(tmp_path)
    assert Counter(r["status"] for r in outbox(db)) == {"sent": 2 * CALLS}
    db.close()
    assert_sound(db_path)


def test_a_notify_killed_again_and_again_counts_an_attempt_only_for_the_alert_in_flight(tmp_path):
    # A crash loop (the service OOM-killed mid-delivery, restarted, killed again): each run claims
    # every due alert and dies with one post in flight per channel. An attempt is what was tried:
    # the alerts behind it come back as they were, or MAX_ATTEMPTS kills would give them up
    # ("interrupted while sending") without one try (tests/test_outbox.py runs that loop out).
    config, db_path = waiting(tmp_path)
    with standin() as slack:
        env_ = env(slack)
        for kill in range(KILLS):
            # Held, then refused once let go: a post cut off, not landed.
            slack.script(*[Scripted(500, "gone", held=True) for _ in DEFAULT_CHANNELS])
            notify = start("notify", config=config, db=db_path, env=env_)
            posts = len(DEFAULT_CHANNELS) * (kill + 1)
            kill_when(
                notify,
                lambda posts=posts: post_requests(slack) >= posts,
                f"kill {kill + 1}: a post in flight in each channel",
            )
            slack.release()
            slack.hold_again()  # the next run's posts are held too
        in_flight = {  # what the killed runs had begun to post, and where
            (r["body"].get("channel"), found.group(0))
            for r in list(slack.requests)
            if r["path"] == "/api/chat.postMessage"
            and (found := re.search(r"kill-opp-\d+", str(r["body"])))
        }
        code, out = finish("notify", config=config, db=db_path, env=env_)
        assert code == 0, out
        assert delivered(slack) == expected(), out
    db = repository(tmp_path)
    rows = outbox(db)
    db.close()
    # Each alert in each channel: keyed by the call alone, one channel's rows went unchecked.
    channel_of = {f"team_{n}": channel for n, channel in enumerate(DEFAULT_CHANNELS)}
    tries = {(channel_of[r["subscription_id"]], r["opportunity_id"]): r["attempts"] for r in rows}
    assert set(tries) == set(expected()), tries
    assert set(tries) - in_flight, in_flight  # some alerts waited behind those in flight
    # Tried once by the run that sent it; those in flight at each kill, once more a kill.
    assert tries == {o: (KILLS + 1 if o in in_flight else 1) for o in tries}, tries
    assert_sound(db_path)
