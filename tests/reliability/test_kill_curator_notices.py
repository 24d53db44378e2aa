"""SIGKILL `fundwatch notify` while it tells the curators (on Slack) that sources are failing, then
run it again: every notice is sent, and an attempt is counted only for the notice in flight at the
kill, not for those waiting behind it (whose attempts, used up by a crash loop, would make their
first real failure final)."""

from __future__ import annotations

import pytest
import yaml

from config.clock import iso
from tests.crawl_helpers import write_config
from tests.notify_helpers import NOW
from tests.reliability.kill_sweep import assert_sound, finish, kill_when, start
from tests.slack_standin import DEFAULT_TOKEN, Scripted, SlackStandIn
from tests.test_health_tell import SOURCES, crawl

pytestmark = pytest.mark.slow

CHANNEL = "C0CURATORS"


def test_notify_killed_while_telling_curators_counts_an_attempt_only_for_the_notice_in_flight(
    tmp_path,
):
    config = write_config(tmp_path / "config", SOURCES)
    settings = yaml.safe_load((config / "settings.yaml").read_text())
    settings["curators"] = {"slack": {"channel": CHANNEL}}
    (config / "settings.yaml").write_text(yaml.safe_dump(settings))
    db_path = tmp_path / "fundwatch.db"
    for source in SOURCES:  # both failing: two notices for the curators' channel
        crawl(db_path, source["id"], NOW, problems=[f"HTTP 500 on {source['urls'][0]}"])
    with SlackStandIn(channels=[CHANNEL], epoch=NOW.timestamp() + 60) as slack:
        env = {"FUNDWATCH_NOW": iso(NOW), "SLACK_BOT_TOKEN": DEFAULT_TOKEN}
        env["SLACK_API_URL"] = slack.api_url
        slack.script(Scripted(500, "gone", held=True))  # the first notice, cut off: not landed
        notify = start("notify", config=config, db=db_path, env=env)
        kill_when(notify, lambda: len(slack.requests) >= 1, "the first notice was in flight")
        slack.release()
        code, out = finish("notify", config=config, db=db_path, env=env)
        posted = [p["text"] for p in slack.posts]
    assert code == 0, out
    assert len(posted) == 2, posted
    import sqlite_utils

    db = sqlite_utils.Database(db_path)
    notices = [(r["status"], r["attempts"]) for r in db.query("SELECT * FROM curator_notices")]
    db.close()
    # The one in flight at the kill: tried twice; the other: once, by the run that sent it.
    assert sorted(notices) == [("sent", 1), ("sent", 2)], notices
    assert_sound(db_path)
