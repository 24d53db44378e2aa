"""A source removed from sources.yaml in the instant its crawl job starts, while `fundwatch run`
runs: skipped with one line and its job removed, or (removed after the job read the config)
crawled as the config stood when the job started; never a traceback.

Before: the job checked the config, then its crawl process read the folder again; a removal in
between ended the crawl process on a KeyError (a traceback in the service's log, the source
recorded as failed, "exited with code 1", which told the curators). A removal the job itself saw
was skipped, but its job was kept, so the follow job said it again a minute later.
Real parts: the service's jobs on APScheduler, a crawl process on a loopback site.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

import notifier.service
from notifier.scheduler import add_crawl_job
from notifier.service import Service
from storage.db import open_db
from storage.runs import latest_runs
from tests.crawl_helpers import write_config
from tests.life_site import Call, listing, source
from tests.scheduler_clock import SteppedScheduler

CALL = Call("retrofit", "Warm Homes Retrofit Fund", "26 January 2027")
START = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@pytest.fixture
def running(tmp_path, site, monkeypatch):
    for name, value in {
        "FUNDWATCH_ALLOW_LOOPBACK": "1",
        "FUNDWATCH_CRAWL_DELAY": "0.05",
        "FUNDWATCH_NOW": "2026-11-25T09:00:00+00:00",
    }.items():
        monkeypatch.setenv(name, value)
    site.add("/funding/", listing([CALL]))
    config = write_config(tmp_path / "config", [source(site)], [])
    service = Service(config_dir=config, db_path=tmp_path / "fw.db", env={}, keep_last_good=True)
    service.config()  # as `fundwatch run` does at its start
    return config, service


def test_a_source_removed_as_its_crawl_process_starts_is_crawled_as_the_job_read_it(
    running, site, monkeypatch, capfd
):
    config, service = running
    real = notifier.service.run_crawl

    def removed_first(*args, **kwargs):  # the edit lands after the job's check, before the crawl
        write_config(config, [source(site, "another_listing")], [])
        return real(*args, **kwargs)

    monkeypatch.setattr(notifier.service, "run_crawl", removed_first)
    said = str(service.crawl("example_listing"))
    err = capfd.readouterr().err
    assert "Traceback" not in err and "KeyError" not in err, err
    assert said.startswith("crawl example_listing: ok, 1 items, 1 new"), said
    db = open_db(service.db_path)
    assert latest_runs(db)["example_listing"]["outcome"] == "ok"
    db.close()


def test_a_source_removed_before_its_job_runs_is_skipped_in_one_line_and_its_job_removed(
    running, site, monkeypatch, caplog
):
    config, service = running
    scheduler = SteppedScheduler(monkeypatch, START)
    (example,) = service.config().sources
    add_crawl_job(scheduler, service, example, START + timedelta(minutes=1))
    scheduler.start(paused=False)
    try:
        write_config(config, [source(site, "another_listing")], [])
        with caplog.at_level(logging.INFO, logger="fundwatch.run"):
            scheduler.at(START + timedelta(minutes=1))
            scheduler.at(START + timedelta(minutes=1, seconds=1))  # the removal, a job of its own
        lines = [r.getMessage() for r in caplog.records if r.name == "fundwatch.run"]
        assert lines == [
            "crawl example_listing: not crawled: no longer an enabled source in sources.yaml; "
            "its crawl job removed"
        ]
        assert scheduler.get_job("crawl:example_listing") is None
        assert site.paths() == []
    finally:
        scheduler.shutdown()


def test_the_crawl_process_names_a_source_it_does_not_know_in_one_line(running, tmp_path):
    # `fundwatch crawl X` while X is removed: the same race, without the service's view.
    config, _ = running
    done = subprocess.run(
        [sys.executable, "-m", "spiders.crawl_process", "--config", str(config)]
        + ["--db", str(tmp_path / "fw.db"), "--batch", "b1", "example_listing", "gone_one"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert done.stderr.strip() == (
        f"gone_one: not in {config / 'sources.yaml'} (removed since its crawl was asked for?): "
        "no source crawled"
    )
    assert done.returncode == 2


def test_a_crawl_reading_the_kept_copy_names_the_curators_folder(running, monkeypatch, caplog):
    # The crawl process reads a copy of the files the job read; a problem it finds in them (here
    # a loopback address, judged only by a crawl) must name the folder curators edit, not the copy.
    config, service = running
    monkeypatch.delenv("FUNDWATCH_ALLOW_LOOPBACK")
    with caplog.at_level(logging.WARNING, logger="fundwatch.crawl"):
        said = str(service.crawl("example_listing"))
    assert said.startswith("crawl example_listing: failed"), said
    lines = [r.getMessage() for r in caplog.records if r.name == "fundwatch.crawl"]
    assert lines and all(line.startswith(f"{config / 'sources.yaml'}: ") for line in lines), lines
