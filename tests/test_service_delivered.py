"""What Service.notify and Service.digest hand back: a typed outcome whose str() is the line the
command prints (and the service logs), and whose `failed` is the count of alerts failed for good
that makes `notify` and `digest` exit 1. It was a str subclass carrying the count, which any string
operation on it (`said + "\\n" + …`) silently dropped."""

from __future__ import annotations

from notifier.service import Delivered, Service
from storage.db import open_db
from tests.crawl_helpers import write_config
from tests.notify_helpers import add_event, add_opportunity

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
