"""SIGKILL the `fundwatch run` service (its whole group: a power cut) mid-delivery and mid-crawl,
and run operators' commands at once beside a live one.

Killed mid-delivery and started again, the service posts every alert exactly once (the post that
landed before the kill is found in its channel). Killed while an operator's `fundwatch crawl` of
the same source waits for the service's crawl, the operator's crawl goes on at once: no lock
outlives its process, and the killed run is closed as interrupted. Beside a live service, an
operator acknowledging a failing source, another ingesting a file and a third retrying failed
alerts all finish, none refused by a busy repository.
"""

from __future__ import annotations

import os
import re
import signal
import time
from collections import Counter

import pytest
import sqlite_utils
import yaml

from spiders.sources.site import LoopbackSite as Site
from storage.runs import INTERRUPTED
from tests.crawl_helpers import write_config
from tests.reliability.generated import feed_source, rss
from tests.reliability.kill_sweep import assert_sound, count, kill_when, start
from tests.reliability.output_lines import Lines
from tests.reliability.test_interrupted_first_round import runs, wait_until
from tests.slack_standin import DEFAULT_CHANNELS, DEFAULT_TOKEN, Scripted, SlackStandIn
from tests.test_ingest import feed

pytestmark = pytest.mark.slow

CALLS = 2  # alerted in two channels, a second apart in each (Slack pacing)
HISTORY = ("chat:write", "channels:history", "groups:history")
REAL_CLOCK = {"FUNDWATCH_NOW": None}  # the service schedules on the real clock


def teams() -> list[dict]:
    return [
        {"id": f"team_{n}", "events": ["new"], "slack": {"channel": channel}}
        for n, channel in enumerate(DEFAULT_CHANNELS)
    ]


def service_env(slack: SlackStandIn | None = None) -> dict:
    env = dict(REAL_CLOCK)
    if slack is not None:
        env |= {"SLACK_BOT_TOKEN": DEFAULT_TOKEN, "SLACK_API_URL": slack.api_url}
    return env


def service(config, db_path, slack: SlackStandIn | None = None):
    return start("run", config=config, db=db_path, env=service_env(slack))


def stop(process) -> str:
    process.send_signal(signal.SIGTERM)
    try:
        out, _ = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            out, _ = process.communicate()
    assert process.returncode == 0, out
    return out


def posted(slack: SlackStandIn) -> Counter:
    return Counter(
        (post["channel"], found.group(0))
        for post in list(slack.posts)
        if (found := re.search(r"/calls/\d{4}", str(post)))
    )


def test_the_service_killed_mid_delivery_and_started_again_posts_every_alert_once(tmp_path):
    db_path = tmp_path / "fundwatch.db"
    sent = "SELECT count(*) FROM outbox WHERE status = 'sent' AND cadence = 'instant'"
    with Site() as site, SlackStandIn(scopes=HISTORY, epoch=time.time() + 60) as slack:
        site.add("/feed.rss", rss(range(CALLS)), content_type="application/rss+xml")
        config = write_config(
            tmp_path / "config", [feed_source("energy", f"{site.url}/feed.rss")], teams()
        )
        (config / "settings.yaml").write_text(
            yaml.safe_dump({"crawl": {"contact": "tests@fundwatch.example"}, "burst_limit": 100})
        )
        slack.script(Scripted(), Scripted(held=True, lands=True))  # the 2nd post lands, unanswered
        first = service(config, db_path, slack)
        kill_when(first, lambda: len(slack.posts) >= 2, "the second post landed")
        slack.release()

        second = service(config, db_path, slack)
        wait_until(lambda: count(db_path, sent) == 2 * CALLS, second, "every alert sent")
        out = stop(second)
        assert "already running" not in out, out
        expected = {(c, f"/calls/{n:04d}"): 1 for c in DEFAULT_CHANNELS for n in range(CALLS)}
        assert posted(slack) == expected, out
    assert runs(db_path) == {"energy": ["ok"]}
    assert_sound(db_path)


def test_a_crawl_waiting_for_the_services_crawl_goes_on_once_the_service_is_killed(tmp_path):
    db_path = tmp_path / "fundwatch.db"
    with Site() as site:
        # The service's crawl is held at the page; the operator's will find it answered.
        site.add("/feed.rss", rss(range(CALLS)), content_type="application/rss+xml", hang=120)
        config = write_config(
            tmp_path / "config",
            [feed_source("energy", f"{site.url}/feed.rss")],
            crawl={"timeout": 120},
        )
        first = service(config, db_path)
        wait_until(lambda: runs(db_path) == {"energy": ["running"]}, first, "the service crawls")
        site.wait_held("/feed.rss")
        operator = start("crawl", "energy", config=config, db=db_path)
        said = Lines(operator.stdout)
        said.wait_for("waiting for the crawl already running", operator)
        kill_when(first, lambda: True, "the operator waits")
        site.add("/feed.rss", rss(range(CALLS)), content_type="application/rss+xml")
        site.release()  # the killed crawl's request: nobody is left to read its answer
        operator.wait(timeout=120)  # a hang guard: a stale lock would keep it waiting for ever
        out = said.finish()
    assert operator.returncode == 0, out
    db = sqlite_utils.Database(db_path)
    reasons = [r["reason"] for r in db.query("SELECT reason FROM runs ORDER BY id")]
    new = Counter(r["opportunity_id"] for r in db.query("SELECT * FROM events WHERE kind = 'new'"))
    db.close()
    assert runs(db_path) == {"energy": ["failed", "ok"]} and reasons[0] == INTERRUPTED, reasons
    assert sorted(new.values()) == [1] * CALLS, new  # the first round's calls, announced once
    assert_sound(db_path)


def test_operators_commands_at_once_beside_a_running_service_all_finish(tmp_path):
    db_path = tmp_path / "fundwatch.db"
    with Site() as site, SlackStandIn(not_in_channel=[DEFAULT_CHANNELS[0]]) as slack:
        site.add("/feed.rss", rss(range(CALLS)), content_type="application/rss+xml")
        sources = [
            feed_source("energy", f"{site.url}/feed.rss"),
            feed_source("broken", f"{site.url}/gone.rss"),  # a 404: failing
        ]
        config = write_config(tmp_path / "config", sources, teams())
        running = service(config, db_path, slack)
        failing = "SELECT count(*) FROM source_health WHERE state = 'failing'"
        unsent = "SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')"
        wait_until(lambda: count(db_path, failing) == 1, running, "broken is failing")
        wait_until(
            lambda: count(db_path, "SELECT count(*) FROM outbox") and not count(db_path, unsent),
            running,
            "the first alerts were tried",
        )
        slack.not_in_channel.clear()  # the bot invited: the operator retries the failed alerts
        items = feed(
            tmp_path / "items" / "job.jl",
            *(
                {"source_id": "energy", "title": f"Ingested fund {n}", "url": f"{site.url}/i/{n}"}
                for n in range(CALLS)
            ),
        )
        env = service_env(slack)
        commands = [
            start("sources", "ack", "broken", config=config, db=db_path, env=env),
            start("ingest", str(items), config=config, db=db_path, env=env),
            start("notify", "--retry-failed", config=config, db=db_path, env=env),
        ]
        said = [(c.args[-1], *c.communicate(timeout=120)) for c in commands]
        service_out = stop(running)
    for command, (what, out, _) in zip(commands, said, strict=True):
        assert command.returncode == 0, (what, out)
        assert "Traceback" not in out and "locked" not in out, (what, out)
    assert "stopped cleanly" in service_out, service_out
    assert count(db_path, "SELECT count(*) FROM source_health WHERE acked_at IS NOT NULL") == 1
    assert count(db_path, "SELECT count(*) FROM opportunities") == 2 * CALLS
    expected = {(c, f"/calls/{n:04d}"): 1 for c in DEFAULT_CHANNELS for n in range(CALLS)}
    assert {k: v for k, v in posted(slack).items() if k in expected} == expected
    assert_sound(db_path)
