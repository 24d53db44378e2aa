"""`fundwatch run` stopped in its first moment (still reading its config and planning its jobs from
the repository, before the scheduler runs) stops cleanly: exit 0 and a line saying so.

Repro: the service's stop handlers were installed just before the scheduler started, so SIGTERM
while it started (here: waiting for the repository, which another process was writing) killed it
outright, exit -15 and not a word; and between installing them and starting the scheduler, the
handler's shutdown of a scheduler not yet running raised SchedulerNotRunningError (a traceback).
A chaos trial SIGTERMing services at random met the first in 2 of 6 stops.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from spiders.sources.site import LoopbackSite as Site
from tests.crawl_helpers import ROOT, fundwatch, fundwatch_env, start_fundwatch, write_config
from tests.reliability.generated import feed_source, rss

pytestmark = pytest.mark.slow


def has_open(pid: int, path: Path) -> bool:
    folder = Path(f"/proc/{pid}/fd")
    try:
        return any(os.readlink(folder / fd) == str(path) for fd in os.listdir(folder))
    except OSError:
        return False


def test_a_service_stopped_while_it_starts_stops_cleanly(tmp_path):
    db_path = tmp_path / "fundwatch.db"
    with Site() as site:
        site.add("/feed.rss", rss(range(3)), content_type="application/rss+xml")
        config = write_config(tmp_path / "config", [feed_source("feed", f"{site.url}/feed.rss")])
        assert fundwatch("crawl", config=config, db=db_path).returncode == 0
    writer = sqlite3.connect(db_path, isolation_level=None)
    writer.execute("BEGIN EXCLUSIVE")  # another process writing: the service waits to plan
    env = {k: v for k, v in fundwatch_env({"SMTP_HOST": ""}).items() if k != "FUNDWATCH_NOW"}
    service = start_fundwatch("run", config=config, db=db_path, env=env, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while not has_open(service.pid, db_path):  # past its imports, at the repository
            assert service.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
        service.send_signal(signal.SIGTERM)
        time.sleep(0.2)
        writer.execute("ROLLBACK")  # the wait ends as the writer's commit would end it
        out, _ = service.communicate(timeout=60)
    finally:
        writer.close()
        if service.poll() is None:
            service.kill()
            service.wait()
    assert service.returncode == 0, out
    assert "received SIGTERM before the service started: stopped" in out, out
    assert "Traceback" not in out and "scheduled" not in out, out


def test_the_run_command_hears_a_stop_before_its_module_is_imported(monkeypatch):
    # Importing the `run` command's module takes half a second (APScheduler, pydantic, the config
    # loader): a chaos trial's SIGTERM there still killed the service, -15 (2 of 12 rounds).
    import click

    from notifier.cli import cli
    from notifier.service_starting import _stopped

    heard: dict = {}
    # Recorded, not installed: pytest keeps its own handlers.
    monkeypatch.setattr(signal, "signal", lambda signum, handler: heard.update({signum: handler}))
    cli.get_command(click.Context(cli), "notify")
    assert heard == {}  # no other command's
    cli.get_command(click.Context(cli), "run")
    assert heard == {signal.SIGTERM: _stopped, signal.SIGINT: _stopped}


def test_a_stop_heard_while_the_run_command_is_imported_is_a_clean_stop(monkeypatch, capsys):
    from notifier import cli
    from notifier.service_starting import StoppedBeforeStart

    def heard_sigterm() -> None:  # as the handler raises, mid-import
        raise StoppedBeforeStart("SIGTERM")

    monkeypatch.setitem(cli.cli.before_import, "run", heard_sigterm)
    monkeypatch.setattr("sys.argv", ["fundwatch", "run"])
    cli.main()  # returns: exit 0
    said = capsys.readouterr().err
    assert said == "fundwatch run: received SIGTERM before the service started: stopped\n"


# The console script's way in, with a real SIGTERM sent as the command line imports click: the tens
# of milliseconds of its own imports, before `run`'s handler was installed (notifier/cli.py).
STOPPED_WHILE_IMPORTING = """
import os, signal, sys

class StopOnClick:
    def find_spec(self, name, path=None, target=None):
        if name == "click":
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGTERM)
        return None

sys.meta_path.insert(0, StopOnClick())
sys.argv = ["fundwatch", "--config", sys.argv[1], "--db", sys.argv[2], "run"]
from notifier.cli import main
main()
"""


def test_a_stop_while_the_command_line_imports_its_own_modules_is_a_clean_stop(tmp_path):
    # Repro: the stop killed the service, exit -15 and not a word.
    done = subprocess.run(
        [sys.executable, "-c", STOPPED_WHILE_IMPORTING, str(tmp_path), str(tmp_path / "f.db")],
        cwd=ROOT,
        env=fundwatch_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done
    assert done.stderr == "fundwatch run: received SIGTERM before the service started: stopped\n"
    assert not (tmp_path / "f.db").exists()  # nothing was started
