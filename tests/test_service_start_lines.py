"""What `fundwatch run` says as it starts (notifier/service_run.py's start_lines), on a real
APScheduler plan. Before: a 'scheduled crawl X' line per source (500 lines for a national
instance) and 'running … with 49 source(s)' counting a disabled one as crawled."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from config.models import Settings
from notifier.configuration import Config
from notifier.scheduler import add_jobs, executors
from notifier.service_run import start_lines
from tests.test_scheduler import RecordingJobs, ThreadedScheduler, source


def test_crawls_are_counted_and_disabled_sources_named_apart():
    sources = [source(f"s{n}") for n in range(500)] + [source("off", enabled=False)]
    scheduler = ThreadedScheduler(timezone="Europe/London", executors=executors())
    now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    add_jobs(
        scheduler, RecordingJobs(), sources=sources, settings=Settings(), last_started={}, now=now
    )
    scheduler.start(paused=True)
    try:
        config = Config(Path("config"), {}, sources, [], Settings())
        lines = start_lines(scheduler.get_jobs(), config, Path("data/fw.db"))
    finally:
        scheduler.shutdown(wait=False)
    assert lines[0] == "scheduled 500 source crawl(s), each on its own cadence"
    assert "scheduled route and deliver instant alerts" in lines
    assert not any(line.startswith("scheduled crawl s") for line in lines)
    assert (
        lines[-1]
        == "fundwatch running on data/fw.db with 500 source(s) (1 disabled); Ctrl-C to stop"
    )
    assert len(lines) < 20
