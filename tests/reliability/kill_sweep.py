"""What every SIGKILL sweep (tests/reliability/test_kill_*.py) shares: start a real `fundwatch`
in its own session, kill its whole group once something observable says it has got that far, and
check what a killed process must leave behind.

A kill point is a condition on what the outside world has seen (rows in the repository, posts at
the Slack stand-in, mail at the SMTP server, bytes in a file), never a time: the poll below is a
hang guard, and the process must still be alive when the condition holds, or the kill proved
nothing and the test says so.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlite_utils

from storage.locks import is_held, lock_dir
from tests.crawl_helpers import fundwatch_env, start_fundwatch
from tests.slack_standin import Scripted, SlackStandIn

GUARD_S = 60.0  # a hang guard, not a timing: a healthy run reaches every kill point far sooner


def start(*args: str, config: Path, db: Path, env: dict | None = None) -> subprocess.Popen:
    """`fundwatch ARGS` in its own session, stderr with stdout: killing the group is a power cut for
    it and any crawl process it started. An `env` value None takes that variable away."""
    full = {k: v for k, v in fundwatch_env(env).items() if v is not None}
    return start_fundwatch(
        *args,
        config=config,
        db=db,
        env=full,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def kill_when(process: subprocess.Popen, reached: Callable[[], bool], what: str) -> None:
    """SIGKILL the process group as soon as `reached()` holds; fails if the process ended first."""
    deadline = time.monotonic() + GUARD_S
    try:
        while not reached():
            if process.poll() is not None:
                pytest.fail(
                    f"it ended (exit {process.returncode}) before {what}: {process.stdout.read()}"
                )
            if time.monotonic() > deadline:
                pytest.fail(f"gave up waiting for {what}")
            time.sleep(0.01)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()


def kill_at_held_post(
    *args: str, config: Path, db: Path, env: dict, slack: SlackStandIn, at: int = 1
) -> None:
    """Run `fundwatch *args` until its `at`-th Slack post has landed at the stand-in with the
    answer held (posted, no row marked yet), SIGKILL it there, then let the stand-in answer: the
    killed run never hears it."""
    slack.script(*[Scripted() for _ in range(at - 1)], Scripted(held=True, lands=True))
    process = start(*args, config=config, db=db, env=env)
    kill_when(process, lambda: len(slack.posts) >= at, f"post {at} landed")
    slack.release()


def finish(*args: str, config: Path, db: Path, env: dict | None = None) -> tuple[int, str]:
    """Run `fundwatch ARGS` to its end: (exit code, output)."""
    process = start(*args, config=config, db=db, env=env)
    try:
        out, _ = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
    return process.returncode, out


def count(db_path: Path, sql: str, params: tuple = ()) -> int:
    """One number from the repository, 0 while it (or the table) does not exist yet."""
    if not db_path.exists():
        return 0
    db = sqlite_utils.Database(db_path)
    try:
        return db.execute(sql, params).fetchone()[0]
    except Exception as error:  # noqa: BLE001 - a table not made yet reads as nothing there
        if "no such table" in str(error):
            return 0
        raise
    finally:
        db.close()


def assert_sound(db_path: Path) -> None:
    """The repository a kill left: whole, consistent, and no lock still held by anyone."""
    db = sqlite_utils.Database(db_path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        claimed = db.execute("SELECT count(*) FROM outbox WHERE status = 'sending'").fetchone()[0]
        assert claimed == 0, f"{claimed} outbox row(s) left claimed by a dead run"
        running = db.execute("SELECT count(*) FROM runs WHERE outcome = 'running'").fetchone()[0]
        assert running == 0, f"{running} run(s) left running"
    finally:
        db.close()
    held = [p.name for p in lock_dir(db_path).rglob("*.lock") if is_held(p)]
    assert held == [], f"locks still held after every process ended: {held}"


def outbox_keys(db_path: Path) -> list[tuple]:
    """Every outbox row's key and state, sorted: what a killed run and an unkilled one compare."""
    db = sqlite_utils.Database(db_path)
    try:
        return sorted(
            db.execute(
                "SELECT subscription_id, opportunity_id, event_key, channel, cadence, status "
                "FROM outbox"
            ).fetchall()
        )
    finally:
        db.close()
