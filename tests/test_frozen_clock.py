"""FUNDWATCH_NOW, the frozen "now" of single commands, the demo and the tests: refused by the
long-running service, whose schedule cannot run on it. Real `fundwatch` processes."""

from __future__ import annotations

import pytest

from tests.crawl_helpers import fundwatch, write_config
from tests.smtp_server import free_port

FROZEN = "2026-11-25T09:00:00+00:00"


def test_the_service_refuses_a_frozen_now_and_makes_nothing(tmp_path):
    # Before: it started, and APScheduler, on the real clock, found every job planned at the
    # frozen now long past ("job notify missed its run at 2026-11-25 09:00:00+00:00"): a service
    # that never crawled nor sent. This run then never ended (the 60 s timeout expired).
    url = f"http://127.0.0.1:{free_port()}/feed"
    config = write_config(tmp_path / "config", [{"id": "grants", "kind": "feed", "urls": [url]}])
    db = tmp_path / "data" / "fw.db"
    done = fundwatch("run", config=config, db=db, env={"FUNDWATCH_NOW": FROZEN}, timeout=60)
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines()[-1] == (
        f'config error: environment: FUNDWATCH_NOW={FROZEN} freezes "now", which `fundwatch '
        "run` cannot run on: its schedule follows the real clock, so every job would be missed (a "
        "development setting for single commands: unset it to run the service)"
    )
    assert not (tmp_path / "data").exists()  # no repository made, no lock taken


@pytest.mark.parametrize("command", [["crawl"], ["run"], ["demo", "--dir", "DATA/demo"]])
def test_a_frozen_now_that_is_not_a_time_stops_the_command_before_it_makes_anything(
    tmp_path, command
):
    # Before: `crawl` read it only once its crawl had begun, after making data/, the repository
    # and its lock folder (exit 2, "config error: … got 'tomorrow'", and data/fw.db left behind).
    url = f"http://127.0.0.1:{free_port()}/feed"
    config = write_config(tmp_path / "config", [{"id": "grants", "kind": "feed", "urls": [url]}])
    args = [part.replace("DATA", str(tmp_path / "data")) for part in command]
    db = tmp_path / "data" / "fw.db"
    done = fundwatch(*args, config=config, db=db, env={"FUNDWATCH_NOW": "tomorrow"}, timeout=60)
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [
        "config error: environment: FUNDWATCH_NOW must be a time such as 2026-11-25T09:00:00Z, "
        "got 'tomorrow' (a development setting: unset it to use the real clock)"
    ]
    assert not (tmp_path / "data").exists()


def test_each_environment_setting_it_cannot_use_is_said_at_once(tmp_path):
    config = write_config(tmp_path / "config", [])
    env = {"FUNDWATCH_NOW": "tomorrow", "FUNDWATCH_UMASK": "rw-r"}
    done = fundwatch("crawl", config=config, db=tmp_path / "data" / "fw.db", env=env)
    assert done.returncode == 2, done.stderr
    assert [line.split(" must ")[0] for line in done.stderr.splitlines()] == [
        "config error: environment: FUNDWATCH_NOW",
        "config error: environment: FUNDWATCH_UMASK",
    ]
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("args", [["crawl", "--help"], ["sources", "try", "-h"]])
def test_help_is_shown_whatever_the_environment_says(tmp_path, args):
    # Judged as the command line starts, a bad FUNDWATCH_NOW had stopped `crawl --help` too.
    env = {"FUNDWATCH_NOW": "tomorrow", "FUNDWATCH_UMASK": "rw-r"}
    done = fundwatch(*args, config=tmp_path, db=tmp_path / "fw.db", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Usage: fundwatch {' '.join(args[:-1])} [OPTIONS]")
