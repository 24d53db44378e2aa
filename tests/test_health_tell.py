"""Curators told through real parts: the Slack Web API stand-in (slack-sdk) and aiosmtpd on
loopback; and `fundwatch sources status` exiting non-zero for cron when a source fails."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import yaml

from notifier.service import Service
from storage.db import open_db
from storage.health import record_state
from storage.runs import finish_run, start_run
from tests.crawl_helpers import fundwatch, write_config
from tests.notify_helpers import NOW
from tests.slack_standin import DEFAULT_TOKEN, SlackStandIn, server_error
from tests.smtp_server import SmtpServer
from tests.teams_standin import TeamsStandIn
from tests.teams_standin import server_error as teams_server_error

CURATORS = {"email": "curators@council.example", "slack": {"channel": "C0CURATORS"}}
SOURCES = [
    {"id": "salix", "name": "Salix Finance", "kind": "feed", "urls": ["https://salix.example/f"]},
    {"id": "ukri", "name": "UKRI", "kind": "feed", "urls": ["https://ukri.example/f"]},
]


def configured(tmp_path):
    config = write_config(tmp_path / "config", SOURCES)
    settings = yaml.safe_load((config / "settings.yaml").read_text())
    (config / "settings.yaml").write_text(yaml.safe_dump({**settings, "curators": CURATORS}))
    return config


def crawl(db_path, source_id, at, problems=()):
    db = open_db(db_path)
    begun = start_run(db, source_id, f"{source_id}-{at:%d%H}", at)
    counts = {"items": 3, "fill": json.dumps({"title": 3, "url": 3})}
    finish_run(db, begun.id, at, problems=list(problems), complete=not problems, counts=counts)
    db.close()


def test_curators_are_told_on_slack_and_by_email_and_a_failed_send_is_retried(
    tmp_path, monkeypatch
):
    config = configured(tmp_path)
    db_path = tmp_path / "fundwatch.db"
    crawl(db_path, "ukri", NOW)
    crawl(db_path, "salix", NOW, problems=["HTTP 500 on https://salix.example/f"])
    monkeypatch.setenv("FUNDWATCH_NOW", NOW.isoformat())
    with SlackStandIn(channels=["C0CURATORS"]) as slack, SmtpServer() as smtp:
        env = {
            "SLACK_BOT_TOKEN": DEFAULT_TOKEN,
            "SLACK_API_URL": slack.api_url,
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(smtp.port),
            "SMTP_SECURITY": "none",
        }
        service = Service(config_dir=config, db_path=db_path, env=env)
        slack.script(server_error(503))  # Slack is down the first time
        first = service.health()
        assert "1 turned failing: salix" in first
        assert [r.rcpt_tos for r in smtp.received] == [["curators@council.example"]]
        mail = smtp.received[0].message()
        assert mail["Subject"] == "A fundwatch source is failing"
        assert "Salix Finance is failing: HTTP 500 on https://salix.example/f" in mail.get_content()
        assert slack.posts == []

        db = open_db(db_path)
        pending = list(db.query("SELECT * FROM curator_notices WHERE status = 'pending'"))
        assert [(n["channel"], n["attempts"]) for n in pending] == [("slack", 1)]
        assert "503" in pending[0]["last_error"]
        db.execute("UPDATE curator_notices SET next_attempt_at = ?", [NOW.isoformat()])
        db.close()

        service.health()  # the Slack notice is retried; the email is not sent again
        assert len(smtp.received) == 1
        assert [p["channel"] for p in slack.posts] == ["C0CURATORS"]
        assert "Salix Finance is failing" in slack.posts[0]["text"]
        assert "fundwatch sources ack salix" in slack.posts[0]["text"]


def test_status_is_a_health_table_that_cron_can_act_on(tmp_path):
    config = configured(tmp_path)
    db_path = tmp_path / "fundwatch.db"
    crawl(db_path, "ukri", NOW)
    crawl(db_path, "salix", NOW)
    healthy = fundwatch("sources", "status", config=config, db=db_path)
    assert healthy.returncode == 0, healthy.stdout + healthy.stderr
    assert "2 of 2 source(s) healthy" in healthy.stdout

    crawl(
        db_path,
        "salix",
        NOW + timedelta(minutes=5),
        problems=["timed out on https://salix.example/f"],
    )
    failing = fundwatch("sources", "status", config=config, db=db_path)
    assert failing.returncode == 1
    assert "salix                        FAILING" in failing.stdout
    assert "  failing: timed out on https://salix.example/f" in failing.stdout
    as_json = fundwatch("sources", "status", "--json", config=config, db=db_path)
    rows = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert as_json.returncode == 1
    assert {r["source_id"]: r["state"] for r in rows} == {"salix": "failing", "ukri": "ok"}
    assert {r["source_id"]: r["fill"] for r in rows} == {
        "salix": {"title": 1.0, "url": 1.0},
        "ukri": {"title": 1.0, "url": 1.0},
    }

    # Failing as status shows it, though no notify or service has judged it yet (walk15: it was
    # "salix is not failing: nothing to acknowledge", under a status saying FAILING).
    told = fundwatch("sources", "ack", "salix", config=config, db=db_path)
    assert told.returncode == 0, told.stderr
    assert told.stdout.startswith("salix: acknowledged; curators get no more reminders"), (
        told.stdout
    )
    assert told.stdout.strip().endswith(": timed out on https://salix.example/f)")
    again = fundwatch("sources", "status", config=config, db=db_path)
    assert "  failing (acknowledged: no reminders): timed out on" in again.stdout, again.stdout
    db = open_db(db_path)
    notices = [(n["source_id"], n["kind"]) for n in db.query("SELECT * FROM curator_notices")]
    db.close()
    assert sorted(set(notices)) == [("salix", "failing")]  # the curators told once, as notify would
    unhealthy = fundwatch("sources", "ack", "ukri", config=config, db=db_path)
    assert unhealthy.stdout.strip() == "ukri is not failing: nothing to acknowledge"


def test_curators_are_told_in_teams_with_hostile_text_neutralised(tmp_path, monkeypatch):
    config = write_config(tmp_path / "config", SOURCES)
    settings = yaml.safe_load((config / "settings.yaml").read_text())
    curators = {"teams": {"webhook_env": "CURATORS_TEAMS"}}
    (config / "settings.yaml").write_text(yaml.safe_dump({**settings, "curators": curators}))
    db_path = tmp_path / "fundwatch.db"
    crawl(db_path, "ukri", NOW)
    hostile = "HTTP 500 on https://salix.example/f: [click](https://evil.example) **now**"
    crawl(db_path, "salix", NOW, problems=[hostile])
    monkeypatch.setenv("FUNDWATCH_NOW", NOW.isoformat())
    with TeamsStandIn() as teams:
        teams.script(teams_server_error(502))  # Teams is down the first time
        env = {"CURATORS_TEAMS": teams.url(), "FUNDWATCH_ALLOW_LOOPBACK": "1"}
        service = Service(config_dir=config, db_path=db_path, env=env)
        assert "1 turned failing: salix" in service.health()
        assert teams.posts == []
        db = open_db(db_path)
        (pending,) = db.query("SELECT * FROM curator_notices WHERE status = 'pending'")
        assert (pending["channel"], pending["attempts"]) == ("teams", 1)
        assert "502" in pending["last_error"]
        db.execute("UPDATE curator_notices SET next_attempt_at = ?", [NOW.isoformat()])
        db.close()

        service.health()  # retried, and accepted
        (post,) = teams.posts
        text = " ".join(block["text"] for block in post["card"]["body"])
        assert "Salix Finance is failing" in text and "fundwatch sources ack salix" in text
        assert "[click](https://evil.example)" not in text, "scraped text is not markdown"
        assert "**now**" not in text


def test_acknowledging_says_since_when_in_uk_time(tmp_path):
    # It said "failing since 2026-12-04T09:00:00+00:00": every other line shows Europe/London.
    config = configured(tmp_path)
    db_path = tmp_path / "fundwatch.db"
    db = open_db(db_path)
    summer = datetime(2026, 7, 1, 8, tzinfo=UTC)  # 9:00am in London (BST), 8:00 in UTC
    record_state(db, "salix", "failing", "HTTP 500 on https://salix.example/f", summer)
    db.close()
    told = fundwatch("sources", "ack", "salix", config=config, db=db_path)
    assert told.returncode == 0, told.stderr
    assert told.stdout.strip() == (
        "salix: acknowledged; curators get no more reminders until it recovers "
        "(failing since 1 Jul 2026, 9:00am: HTTP 500 on https://salix.example/f)"
    )


def test_a_service_stopped_while_telling_curators_sends_the_notice_in_flight_only(
    tmp_path, monkeypatch
):
    # Repro: the curators' notices were all sent once claimed, the service's stop unheard.
    config = configured(tmp_path)
    settings = yaml.safe_load((config / "settings.yaml").read_text())
    curators = {"slack": {"channel": "C0CURATORS"}}
    (config / "settings.yaml").write_text(yaml.safe_dump({**settings, "curators": curators}))
    db_path = tmp_path / "fundwatch.db"
    for source_id in ("salix", "ukri"):
        crawl(db_path, source_id, NOW, problems=[f"HTTP 500 on https://{source_id}.example/f"])
    monkeypatch.setenv("FUNDWATCH_NOW", NOW.isoformat())
    with SlackStandIn(channels=["C0CURATORS"]) as slack:
        env = {"SLACK_BOT_TOKEN": DEFAULT_TOKEN, "SLACK_API_URL": slack.api_url}
        # The stop comes while the first notice is posted: as SIGTERM to `fundwatch run` would.
        service = Service(
            config_dir=config, db_path=db_path, env=env, stopping=lambda: bool(slack.requests)
        )
        said = service.health()
        assert "2 turned failing" in said, said
        assert len(slack.posts) == 1
    db = open_db(db_path)
    notices = [(n["status"], n["attempts"]) for n in db.query("SELECT * FROM curator_notices")]
    db.close()
    assert sorted(notices) == [("pending", 0), ("sent", 1)]
