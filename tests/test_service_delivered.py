"""What Service.notify and Service.digest hand back: a typed outcome whose str() is the line the
command prints (and the service logs), and whose `failed` is the count of alerts failed for good
that makes `notify` and `digest` exit 1. It was a str subclass carrying the count, which any string
operation on it (`said + "\\n" + …`) silently dropped."""

from __future__ import annotations

from notifier.service import Delivered, Service
from storage.db import open_db
from tests.crawl_helpers import write_config
from tests.notify_helpers import add_event, add_opportunity, outbox
from tests.reliability.test_delivery_stopped import digests_waiting
from tests.slack_standin import DEFAULT_CHANNELS, DEFAULT_TOKEN, SlackStandIn

# A webhook variable that holds no Slack address fails its alerts for good, offline.
TEAM = {"id": "digital_team", "match": {}, "events": ["new"], "slack": {"webhook_env": "HOOK"}}


def test_a_job_outcome_prints_its_line_and_carries_its_failures(tmp_path, monkeypatch):
    config = write_config(tmp_path / "config", [], [TEAM])
    db = open_db(tmp_path / "fundwatch.db")
    add_opportunity(db, "opp-1")
    add_event(db, "opp-1")
    db.conn.close()
    service = Service(config_dir=config, db_path=tmp_path / "fundwatch.db", env={"HOOK": "x"})

    said = service.notify(judge_sources=True)
    assert isinstance(said, Delivered) and said.failed == 1
    assert str(said) == said.text and said.text.startswith("notify: ")
    assert "1 alert(s) failed for good" in str(said) and "\n" in str(said)  # health after it
    assert f"{said}" == said.text  # as click.echo, print and the log's %s show it

    digests = service.digest("daily", force=True)
    assert isinstance(digests, Delivered) and digests.failed == 0
    assert str(digests).startswith("daily digests: 0 digest(s) sent")
    assert said.then("; more") == Delivered(said.text + "; more", 1)


def test_the_services_own_stop_ends_its_digest_job_after_the_digest_in_flight(tmp_path):
    # Before: Service.digest heard only a `stopping` passed in (the command's); the service's jobs
    # pass none, so a stopped service sent every digest due. Now they hear Service.stopping.
    config, db_path = digests_waiting(tmp_path)
    with SlackStandIn() as slack:
        env = {"SLACK_BOT_TOKEN": DEFAULT_TOKEN, "SLACK_API_URL": slack.api_url}
        # The stop comes as the first digest is posted: as SIGTERM to `fundwatch run` would.
        service = Service(
            config_dir=config, db_path=db_path, env=env, stopping=lambda: bool(slack.requests)
        )
        said = service.digest("daily", force=True)
        assert {p["channel"] for p in slack.posts} == {DEFAULT_CHANNELS[0]}
    assert said.left == 2 and str(said).startswith("daily digests: 1 digest(s) sent"), said
    db = open_db(db_path)
    rows = [(r["subscription_id"], r["status"], r["attempts"]) for r in outbox(db)]
    db.close()
    assert rows == [("team_0", "sent", 1)] * 2 + [("team_1", "pending", 0)] * 2
