"""Fixtures shared by the tests: a fresh repository, the frozen "now", and loopback sites."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from spiders.sources import SNAPSHOT_NOW, SOURCES_DIR
from spiders.sources.site import LoopbackSite
from tests.fresh_repository import fresh_repository
from tests.slack_helpers import PROXY_VARIABLES, FakeTime, standin

# The "now" the tests freeze: the moment the bundled snapshots are judged at, 2026-11-25T09:00Z.
NOW = SNAPSHOT_NOW


@pytest.fixture
def now() -> datetime:
    return NOW


@pytest.fixture
def db(tmp_path: Path):
    """A fresh repository file in tmp_path, migrated, closed after the test."""
    database = fresh_repository(tmp_path / "fundwatch.db")
    yield database
    database.close()


@pytest.fixture
def site() -> Iterator[LoopbackSite]:
    """A running, empty loopback site: add() pages to it; stopped after the test."""
    with LoopbackSite() as running:
        yield running


@pytest.fixture
def snapshot_site() -> Iterator[Callable[[str], LoopbackSite]]:
    """Start the bundled snapshot of a source: `snapshot_site("find_a_grant")`; all stopped after."""
    started: list[LoopbackSite] = []

    def start(source_id: str) -> LoopbackSite:
        running = LoopbackSite(SOURCES_DIR / source_id).start()
        started.append(running)
        return running

    yield start
    for running in started:
        running.stop()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    """Tests talk to loopback only: slack_sdk and urllib would send even that through a proxy."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def slack():
    """The Slack Web API stand-in on loopback: two channels the bot is in, one it is not."""
    with standin() as running:
        yield running


@pytest.fixture
def fake_time():
    """A clock that moves only when something sleeps on it: pacing and waits without waiting."""
    return FakeTime()


@pytest.fixture(scope="session")
def demo_made(tmp_path_factory) -> tuple[Path, str]:
    """One `fundwatch demo` into an empty folder, its output: (folder, stdout), shared read-only
    by the demo's tests (a whole demo is seconds of crawling; one that changes it copies it)."""
    from tests.demo_helpers import demo_env, run_demo

    folder = tmp_path_factory.mktemp("demo")  # made empty: the demo must use an empty folder
    result = run_demo(folder, env=demo_env())
    assert result.returncode == 0, result.stdout + result.stderr
    return folder, result.stdout
