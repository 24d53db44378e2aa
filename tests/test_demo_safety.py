"""`fundwatch demo` is safe to run on a machine that is already live: it wipes only a folder it made
itself, and sends nothing anywhere even when the config it copies names a team's real Teams or Slack
webhook variable (a curator who followed "Going live" has edited config/subscriptions.yaml and set
that variable in the environment)."""

from __future__ import annotations

import shutil

import pytest
import yaml

from notifier.demo import run as demo_run
from tests.crawl_helpers import ROOT
from tests.demo_helpers import run_demo as demo
from tests.teams_standin import TeamsStandIn

pytestmark = pytest.mark.slow


def test_a_folder_the_demo_did_not_make_is_never_wiped(tmp_path):
    """`fundwatch demo --dir data` (the live repository's folder) must not delete the repository."""
    live = tmp_path / "data"
    live.mkdir()
    (live / "fundwatch.db").write_bytes(b"the council's live repository")
    (live / "outbox").mkdir()
    (live / "outbox" / "sent.eml").write_text("a digest")
    result = demo(live)
    assert result.returncode == 2, result.stdout + result.stderr
    assert (live / "fundwatch.db").read_bytes() == b"the council's live repository"
    assert (live / "outbox" / "sent.eml").exists()
    # One line, naming the folder and what to do instead.
    assert str(live) in result.stderr and "--dir" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_folder_it_cannot_make_is_one_line(tmp_path):
    # A path through a file (or a read-only place) was a FileNotFoundError traceback and exit 0.
    (tmp_path / "plain").write_text("a file")
    result = demo(tmp_path / "plain" / "demo")
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.splitlines() == [
        f"fundwatch demo: cannot make {tmp_path / 'plain' / 'demo'}: not a directory; "
        "name a folder you can write with --dir"
    ]


def test_a_demo_folder_is_made_again_and_an_empty_one_is_used(tmp_path, demo_made):
    # The shared run went into an empty folder (conftest.demo_made asserts its exit 0); a copy of
    # what it made, marker and all, is the folder a second `make demo` finds.
    made, _ = demo_made
    assert (made / "fundwatch.db").is_file() and (made / "outbox").is_dir()
    again_folder = tmp_path / "demo"
    shutil.copytree(made, again_folder)
    (again_folder / "outbox" / "stale.eml").write_text("from the last demo")
    again = demo(again_folder)  # `make demo` twice: the demo's own folder is wiped and made afresh
    assert again.returncode == 0, again.stdout + again.stderr
    assert not (again_folder / "outbox" / "stale.eml").exists()


def test_a_webhook_named_in_the_config_gets_nothing_from_the_demo(tmp_path, monkeypatch):
    config = tmp_path / "config"
    shutil.copytree(ROOT / "config", config, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    subscriptions = yaml.safe_load((config / "subscriptions.yaml").read_text())
    for subscription in subscriptions:
        subscription["teams"] = {"webhook_env": "COUNCIL_CLIMATE_TEAMS"}
    (config / "subscriptions.yaml").write_text(yaml.safe_dump(subscriptions, sort_keys=False))
    monkeypatch.setattr(demo_run, "bundled_config_dir", lambda: config)
    # The demo sets these itself; monkeypatch puts them back afterwards.
    for name, value in {
        "FUNDWATCH_NOW": demo_run.DEMO_NOW,
        "FUNDWATCH_ALLOW_LOOPBACK": "1",
        "FUNDWATCH_CRAWL_DELAY": "0.05",
    }.items():
        monkeypatch.setenv(name, value)
    with TeamsStandIn() as teams:
        monkeypatch.setenv("COUNCIL_CLIMATE_TEAMS", teams.url())
        summary = demo_run.run_demo(tmp_path / "demo", echo=lambda *_: None)
        assert summary.sources_ok and not summary.sources_failed
        assert sum(summary.alerts.values()) > 0  # the demo did alert: on the console
        assert summary.alerts["teams"] > 0  # routed to the webhook the config names, not posted
        assert teams.requests == []
