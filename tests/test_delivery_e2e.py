"""The whole way out, through the command line: crawl a loopback site, `fundwatch notify` to a Slack
stand-in, `fundwatch digest` to a real SMTP server, with settings only in the environment."""

from __future__ import annotations

import pytest
import sqlite_utils

from spiders.sources.site import LoopbackSite as Site
from tests.crawl_helpers import fundwatch, write_config
from tests.slack_standin import DEFAULT_TOKEN, SlackStandIn
from tests.smtp_server import SmtpServer
from tests.test_crawl_e2e import build_site, sources_for

pytestmark = pytest.mark.slow

SUBSCRIPTIONS = [
    {
        "id": "climate_team",
        "match": {"tags": ["net_zero"], "council_eligible": True},
        "events": ["new", "changed", "closing_soon"],
        "slack": {"channel": "C0CLIMATE01", "cadence": "instant"},
        "email": {"to": ["climate@council.example", "lead@council.example"], "cadence": "daily"},
    },
    {
        "id": "bus_team",
        "match": {"keywords": ["bus"]},
        "events": ["new"],
        "slack": {"webhook_env": "BUS_TEAM_WEBHOOK"},
    },
]


def test_crawl_notify_and_digest_through_the_cli(tmp_path):
    with Site() as site, SlackStandIn(channels=["C0CLIMATE01"]) as slack, SmtpServer() as smtp:
        build_site(site)
        config = write_config(tmp_path / "config", sources_for(site), SUBSCRIPTIONS)
        db = tmp_path / "fundwatch.db"
        env = {
            "SLACK_BOT_TOKEN": DEFAULT_TOKEN,
            "SLACK_API_URL": slack.api_url,
            "BUS_TEAM_WEBHOOK": slack.webhook_url("/services/T000/B000/XXXX"),
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(smtp.port),
            "SMTP_SECURITY": "none",
            "MAIL_FROM": "alerts@fundwatch.example",
        }
        assert fundwatch("crawl", config=config, db=db, env=env).returncode == 0

        notify = fundwatch("notify", config=config, db=db, env=env)
        assert notify.returncode == 0, notify.stdout + notify.stderr
        posts = slack.posts
        climate = [p for p in posts if p.get("channel") == "C0CLIMATE01"]
        heat = [p for p in climate if "Green Heat Network Fund" in p["text"]]
        assert len(heat) == 1 and heat[0]["blocks"], "one Block Kit message per alert"
        assert any(
            "Zero Emission Bus" in str(p) for p in posts if p.get("channel") != "C0CLIMATE01"
        ), "webhook"
        assert DEFAULT_TOKEN not in notify.stdout + notify.stderr
        again = fundwatch("notify", config=config, db=db, env=env)
        assert len(slack.posts) == len(posts), "nothing is sent twice"
        assert "0 alert(s) sent in 0 message(s)" in again.stdout

        # The repository was made this morning, after today's 08:00 slot: nothing is owed for it
        # (issue [5/9]: no digest for a slot from before the repository existed) until tomorrow's.
        today = fundwatch("digest", "--cadence", "daily", config=config, db=db, env=env)
        assert "0 digest(s) sent" in today.stdout and "waiting for the next slot" in today.stdout
        assert smtp.received == []
        env["FUNDWATCH_NOW"] = "2026-11-26T08:00:04+00:00"
        digest = fundwatch("digest", "--cadence", "daily", config=config, db=db, env=env)
        assert digest.returncode == 0, digest.stdout + digest.stderr
        assert sorted(r.rcpt_tos[0] for r in smtp.received) == [
            "climate@council.example",
            "lead@council.example",
        ]
        message = smtp.received[0].message()
        assert message["From"] == "alerts@fundwatch.example"
        assert " · climate_team · " in message["Subject"]  # what happened · for whom · when
        assert {p.get_content_type() for p in message.walk()} >= {"text/plain", "text/html"}
        body = message.get_body(("plain",)).get_content()
        assert "Green Heat Network Fund" in body
        # The coverage line judges the sources though no service watched them: a day after their
        # only crawl, sources due every few hours are overdue (it said "0 of 0" before).
        coverage = next(line for line in body.splitlines() if line.startswith("Coverage: "))
        assert coverage == (
            "Coverage: 0 of 2 sources healthy; Example funding listing failing; "
            "Example funding news failing."
        )
        assert "lead@council.example" not in smtp.received[0].content.decode()

        fundwatch("digest", "--cadence", "daily", config=config, db=db, env=env)
        assert len(smtp.received) == 2, "no second digest for the same slot, and no empty digest"

    outbox = list(sqlite_utils.Database(db)["outbox"].rows)
    assert outbox and all(row["status"] == "sent" for row in outbox)
