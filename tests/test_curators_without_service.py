"""Curators are told when a source breaks and recovers even where no `fundwatch run` is watching:
the README's cron and Scrapyd set-ups run `crawl` or `ingest`, then `notify`, then `digest`.

Real parts: a loopback site crawled by `fundwatch crawl`, `fundwatch notify` in a subprocess, the
Slack Web API stand-in and aiosmtpd. The clock is injected (FUNDWATCH_NOW), one crawl a day.
"""

from __future__ import annotations

import yaml

from spiders.sources.site import LoopbackSite
from tests.crawl_helpers import fundwatch, write_config
from tests.slack_standin import SlackStandIn
from tests.smtp_server import SmtpServer

CURATORS = {"email": "curators@council.example", "slack": {"channel": "C0CURATORS"}}
CARD = (
    '<article class="call"><h2><a href="/funding/heat/">Heat Network Fund</a></h2>'
    "<dl><dt>Closing date:</dt><dd>12 January 2027</dd></dl></article>"
)
DAYS = [f"2026-11-{day}T09:00:00+00:00" for day in (25, 26, 27, 28)]


def configured(tmp_path, site_url):
    source = {
        "id": "salix",
        "name": "Salix Finance",
        "kind": "listing",
        "urls": [site_url + "/funding/"],
        "every": "1d",
        "item": "article.call",
        "fields": {
            "title": "h2 a::text",
            "url": "h2 a::attr(href)",
            "closes": {"label": "Closing date"},
        },
    }
    config = write_config(tmp_path / "config", [source], subscriptions=[])
    settings = yaml.safe_load((config / "settings.yaml").read_text())
    (config / "settings.yaml").write_text(yaml.safe_dump({**settings, "curators": CURATORS}))
    return config


def test_notify_tells_curators_once_when_a_source_fails_and_once_when_it_recovers(tmp_path):
    with (
        LoopbackSite() as site,
        SlackStandIn(channels=["C0CURATORS"]) as slack,
        SmtpServer() as smtp,
    ):
        config = configured(tmp_path, site.url)
        db = tmp_path / "fundwatch.db"
        env = {
            "SLACK_BOT_TOKEN": slack.token,
            "SLACK_API_URL": slack.api_url,
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(smtp.port),
            "SMTP_SECURITY": "none",
        }

        def day(now: str, page_status: int) -> str:
            site.add("/funding/", f"<html><body>{CARD}</body></html>", status=page_status)
            fundwatch("crawl", config=config, db=db, env={**env, "FUNDWATCH_NOW": now})
            told = fundwatch("notify", config=config, db=db, env={**env, "FUNDWATCH_NOW": now})
            assert told.returncode == 0, told.stderr
            return told.stdout

        day(DAYS[0], 200)
        assert slack.posts == [] and smtp.received == []  # a healthy source: nothing to say

        said = day(DAYS[1], 500)
        assert "turned failing: salix" in said
        assert [p["channel"] for p in slack.posts] == ["C0CURATORS"]
        assert "Salix Finance is failing: HTTP 500 on" in slack.posts[0]["text"]
        assert [r.rcpt_tos for r in smtp.received] == [["curators@council.example"]]

        again = fundwatch("notify", config=config, db=db, env={**env, "FUNDWATCH_NOW": DAYS[1]})
        assert len(slack.posts) == 1 and len(smtp.received) == 1, again.stdout  # told once

        day(DAYS[2], 200)
        assert len(slack.posts) == 2
        assert "Salix Finance is working again" in slack.posts[1]["text"]
        assert len(smtp.received) == 2

        day(DAYS[3], 200)
        assert len(slack.posts) == 2 and len(smtp.received) == 2


def test_two_judges_at_once_queue_one_notice(tmp_path):
    """The service and a cron `fundwatch notify` both read 'ok' and both judge 'failing': the
    second to write finds the row moved on and queues nothing."""
    from datetime import UTC, datetime

    from storage.db import open_db
    from storage.health import record_state

    db = open_db(tmp_path / "fundwatch.db")
    try:
        now = datetime(2026, 11, 26, 9, tzinfo=UTC)
        notice = ("failing", "fundwatch: Salix Finance is failing: HTTP 500")
        first = record_state(db, "salix", "failing", "HTTP 500", now, notice=notice, seen=None)
        second = record_state(db, "salix", "failing", "HTTP 500", now, notice=notice, seen=None)
        assert (first, second) == (True, False)
        assert db.execute("SELECT count(*) FROM curator_notices").fetchone()[0] == 1
    finally:
        db.close()
