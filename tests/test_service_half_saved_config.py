"""An editor saving sources.yaml in place, not atomically: the file truncated and written in two
steps, with one of the service's crawl jobs reading it in between. The half written so far may
read well (here: the entry cut after its first URL); the crawl it runs must not take the calls on
the URL not yet written back as gone.

kill15's sweep found it did: the service took any edit that read well at its next job, so the
half-file's crawl was a complete crawl of one URL, marked the other URL's call removed, and the next
crawl listed it again. The service now takes a new edit only once its files have stood still for a
moment (notifier/kept_config.py SETTLE), keeping the last good config meanwhile; here the clock
says every look is at the moment of the save, and the editor's second write lands in the wait.

The same save of subscriptions.yaml holds: the team cut from the half-file is routed the calls it
missed once the whole file is back, and nothing of its is failed as "subscription gone".
"""

from __future__ import annotations

import pytest
import sqlite_utils
import yaml

from notifier.service import Service
from tests.crawl_helpers import write_config
from tests.life_site import Call, listing, source

FIRST = Call("retrofit", "Warm Homes Retrofit Fund", "26 January 2027")
TEAMS = [
    {"id": team, "match": {}, "events": ["new"], "slack": {"channel": channel}}
    for team, channel in (("housing_team", "C0HOUSING"), ("climate_team", "C0CLIMATE"))
]
SECOND = Call("libraries", "Libraries Improvement Fund", "14 May 2027")


@pytest.fixture
def running(tmp_path, site, monkeypatch):
    for name, value in {
        "FUNDWATCH_ALLOW_LOOPBACK": "1",
        "FUNDWATCH_CRAWL_DELAY": "0.05",
        "FUNDWATCH_NOW": "2026-11-25T09:00:00+00:00",
    }.items():
        monkeypatch.setenv(name, value)
    site.add("/funding/", listing([FIRST]))
    site.add("/more/", listing([SECOND]))
    entry = source(site)
    urls = [*entry.pop("urls"), f"{site.url}/more/"]
    sources = [{**entry, "urls": urls}]  # urls last, as written
    config = write_config(tmp_path / "config", sources, TEAMS)
    editor = Editor(config / "sources.yaml")
    service = Service(
        config_dir=config,
        db_path=tmp_path / "fw.db",
        env={},
        keep_last_good=True,
        config_clock=editor.clock,
        config_sleep=editor.sleep,
    )
    service.config()  # as `fundwatch run` does at its start
    return config, service, editor


class Editor:
    """Saves a file in two writes; the service's wait for an edit to stand still is when the
    second lands. Its clock is always the moment of the latest write: every edit looks new."""

    def __init__(self, path):
        self.path, self.rest, self.waits = path, None, 0

    def clock(self) -> float:
        return self.path.stat().st_mtime_ns / 1e9

    def sleep(self, seconds: float) -> None:
        self.waits += 1
        if self.rest is not None:
            self.path.write_text(self.rest)  # the editor's second write
            self.rest = None


def test_a_crawl_job_between_the_two_writes_of_a_save_marks_nothing_removed(running):
    config, service, editor = running
    assert "ok, 2 items, 2 new" in str(service.crawl("example_listing"))
    whole = (config / "sources.yaml").read_text()
    cut = whole.index("/funding/") + len("/funding/\n")
    assert yaml.safe_load(whole[:cut])[0]["urls"][-1].endswith("/funding/")  # it reads well

    (config / "sources.yaml").write_text(whole[:cut])  # the editor's first write
    editor.rest = whole
    service.crawl("example_listing")  # the job reads in between
    assert editor.waits >= 1 and editor.rest is None  # it waited, and the save ended meanwhile
    service.crawl("example_listing")
    # Before: ["new", "new", "removed"]: the libraries call removed by the crawl of the half-file
    # (a team hearing of `removed` is told it is gone), then listed again by the next.
    assert events(service) == ["new", "new"]


def test_a_job_between_the_two_writes_of_subscriptions_yaml_loses_no_teams_alert(running):
    config, service, _ = running
    whole = (config / "subscriptions.yaml").read_text()
    cut = whole.index("- id: climate_team")
    assert [t["id"] for t in yaml.safe_load(whole[:cut])] == ["housing_team"]  # it reads well

    (config / "subscriptions.yaml").write_text(whole[:cut])  # the editor's first write
    service.crawl("example_listing")  # the job reads in between: two new calls, routed
    (config / "subscriptions.yaml").write_text(whole)  # the editor's second write
    service.notify()
    # The climate team, subscribed before and after the save, is routed the calls it missed.
    assert sorted(alerted(service)) == [
        ("climate_team", "sent"),
        ("climate_team", "sent"),
        ("housing_team", "sent"),
        ("housing_team", "sent"),
    ]


def events(service) -> list[str]:
    return [e["kind"] for e in table(service, "events")]


def alerted(service) -> list[tuple[str, str]]:
    return [(r["subscription_id"], r["status"]) for r in table(service, "outbox")]


def table(service, name: str) -> list[dict]:
    db = sqlite_utils.Database(service.db_path)
    try:
        return list(db[name].rows_where(order_by="rowid"))
    finally:
        db.close()
