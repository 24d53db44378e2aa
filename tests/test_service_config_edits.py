"""A config edit that does not read, made while `fundwatch run` runs: its jobs go on with the last
good config, said once in the log, and its crawls read a copy of the last good files.

Before: every job re-read the folder and raised ConfigError, logged with two tracebacks a job
(78 in two minutes for 48 sources), so a typo in one team's subscription stopped every crawl and
every alert until a restart. Real parts: the service's jobs, a crawl process on a loopback site.
"""

from __future__ import annotations

import logging

import pytest

from config.errors import ConfigError
from notifier.service import Service
from tests.crawl_helpers import fundwatch, write_config
from tests.life_site import Call, listing, source

TEAM = {"id": "housing_team", "match": {}, "events": ["new"], "slack": {"channel": "C0HOUSING"}}
CALL = Call("retrofit", "Warm Homes Retrofit Fund", "26 January 2027")


@pytest.fixture
def running(tmp_path, site, monkeypatch):
    for name, value in {
        "FUNDWATCH_ALLOW_LOOPBACK": "1",
        "FUNDWATCH_CRAWL_DELAY": "0.05",
        "FUNDWATCH_NOW": "2026-11-25T09:00:00+00:00",
    }.items():
        monkeypatch.setenv(name, value)
    site.add("/funding/", listing([CALL]))
    config = write_config(tmp_path / "config", [source(site)], [TEAM])
    service = Service(config_dir=config, db_path=tmp_path / "fw.db", env={}, keep_last_good=True)
    service.config()  # as `fundwatch run` does at its start
    return config, service


def said(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "fundwatch.service"]


def test_a_subscription_typo_leaves_the_jobs_on_the_last_good_config(running, caplog):
    config, service = running
    good = (config / "subscriptions.yaml").read_text()
    (config / "subscriptions.yaml").write_text(good.replace("events:", "evnts:"))
    with caplog.at_level(logging.WARNING, logger="fundwatch.service"):
        crawled = service.crawl("example_listing")
        notified = service.notify()
        assert "crawl example_listing: ok, 1 items, 1 new" in str(crawled)
        # The team still hears, by the last good match.
        assert "routed into 1 alert(s)" in str(crawled) and "0 failed" in str(crawled), crawled
        assert str(notified).startswith("notify: ")
        lines = said(caplog)
        assert len(lines) == 1, lines  # once per edit, not once per job
        assert "still running on the last good config" in lines[0]
        assert "subscriptions.yaml: entry 'housing_team' (#1): field 'evnts'" in lines[0]

        (config / "subscriptions.yaml").write_text(good)
        service.notify()
        assert said(caplog)[1:] == [f"config in {config} reads well again: using it"]


def test_a_sources_typo_leaves_crawls_on_a_copy_of_the_last_good_files(running, caplog):
    config, service = running
    good = (config / "sources.yaml").read_text()
    (config / "sources.yaml").write_text(good.replace("item:", "itme:"))
    with caplog.at_level(logging.WARNING, logger="fundwatch.service"):
        crawled = service.crawl("example_listing")
    assert "crawl example_listing: ok, 1 items, 1 new" in str(crawled), crawled
    assert "sources.yaml: entry 'example_listing' (#1): field 'itme'" in said(caplog)[0]


def test_a_command_that_reads_once_still_stops_on_a_config_error(tmp_path):
    # `notify` and `digest` have no last good config to fall back on: exit 2, as README says.
    config = write_config(tmp_path / "config", [], [{**TEAM, "evnts": ["new"]}])
    service = Service(config_dir=config, db_path=tmp_path / "fw.db", env={})
    with pytest.raises(ConfigError, match="evnts"):
        service.notify()


def test_a_source_removed_while_its_job_is_planned_is_not_crawled(running, site):
    # Before: its crawl process failed on the id (KeyError, a traceback) and the run was recorded
    # failed, "the crawl process exited with code 1", which the curators were told of.
    config, service = running
    write_config(config, [source(site, "another_listing")], [TEAM])
    said = str(service.crawl("example_listing"))
    assert said == (
        "crawl example_listing: not crawled: no longer an enabled source in sources.yaml; "
        "its crawl job removed"
    )
    assert site.paths() == []  # no crawl process asked the site for anything


def test_run_help_says_how_it_takes_config_edits(tmp_path):
    said = fundwatch("run", "--help", config=tmp_path, db=tmp_path / "fw.db").stdout
    said = " ".join(said.split())
    assert "an edit that does not read leaves it on the last good config" in said, said
    assert "follow the schedule in settings.yaml" in said
