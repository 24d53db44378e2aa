"""`fundwatch notify` and `fundwatch digest` exit 1 when an alert failed for good in the run (cron
and systemd hear of a channel that is gone), and 0 when alerts only wait for a retry; the output
says what to do. Through the command line, against the Slack stand-in and a real SMTP server."""

from __future__ import annotations

import pytest

from storage.db import open_db
from tests.crawl_helpers import fundwatch, write_config
from tests.notify_helpers import add_event, add_opportunity
from tests.slack_standin import DEFAULT_TOKEN, SlackStandIn, server_error
from tests.smtp_server import Behaviour, SmtpServer

pytestmark = pytest.mark.slow

SOURCES = [
    {
        "id": "find_a_grant",
        "name": "Find a Grant",
        "kind": "feed",
        "urls": ["https://www.find-government-grants.service.gov.uk/feed"],
    }
]
NOW = "2026-11-25T09:05:00+00:00"
RETRY_FAILED = "`fundwatch notify --retry-failed` sends them once"


def repository(tmp_path, target: dict):
    subscription = {"id": "digital_team", "match": {}, "events": ["new"], **target}
    config = write_config(tmp_path / "config", SOURCES, [subscription])
    db = open_db(tmp_path / "fundwatch.db")
    for n in range(2):
        add_opportunity(db, f"opp-{n}")
        add_event(db, f"opp-{n}")
    db.conn.close()
    return config, tmp_path / "fundwatch.db"


def test_a_channel_slack_does_not_know_fails_the_command_and_says_what_to_do(tmp_path):
    config, db = repository(tmp_path, {"slack": {"channel": "C0GONE0001"}})
    with SlackStandIn(channels=["C0FUNDING1"]) as slack:
        env = {
            "SLACK_BOT_TOKEN": DEFAULT_TOKEN,
            "SLACK_API_URL": slack.api_url,
            "FUNDWATCH_NOW": NOW,
        }
        done = fundwatch("notify", config=config, db=db, env=env)

    assert done.returncode == 1, done.stdout + done.stderr
    assert "Slack said channel_not_found: the channel id C0GONE0001" in done.stdout
    assert f"2 alert(s) failed for good: fix what the problem says, then {RETRY_FAILED}" in (
        done.stdout
    )


def test_alerts_waiting_for_a_retry_leave_the_command_at_exit_0(tmp_path):
    config, db = repository(tmp_path, {"slack": {"channel": "C0FUNDING1"}})
    with SlackStandIn(channels=["C0FUNDING1"]) as slack:
        slack.script(server_error(503), server_error(503))
        env = {
            "SLACK_BOT_TOKEN": DEFAULT_TOKEN,
            "SLACK_API_URL": slack.api_url,
            "FUNDWATCH_NOW": NOW,
        }
        done = fundwatch("notify", config=config, db=db, env=env)

    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 to retry" in done.stdout and "failed for good" not in done.stdout


def test_a_digest_every_recipient_refuses_fails_the_command(tmp_path):
    email = {"email": {"to": ["gone@council.example.gov.uk"], "cadence": "daily"}}
    config, db = repository(tmp_path, email)
    with SmtpServer(Behaviour(reject_rcpt="550 5.1.1 No such user")) as smtp:
        env = {
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(smtp.port),
            "SMTP_SECURITY": "none",
            "MAIL_FROM": "alerts@fundwatch.example",
            "FUNDWATCH_NOW": NOW,
        }
        done = fundwatch("digest", "--cadence", "daily", "--force", config=config, db=db, env=env)

    assert done.returncode == 1, done.stdout + done.stderr
    assert "all recipients refused: gone@council.example.gov.uk (550 5.1.1 No such user)" in (
        done.stdout
    )
