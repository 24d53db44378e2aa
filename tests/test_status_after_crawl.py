"""`sources status` after a standalone `fundwatch crawl` (no service, no notify): it shows what the
crawl found, as after the service's crawl. It judges each source from its runs, which every crawl
records, whoever started it; the stored record (storage/health.py) only holds what the curators
were told and acknowledged, which `notify` or the service updates (README, "Being told": a cron
set-up runs `crawl`, then `notify`). Real `fundwatch` processes, one crawl a day (FUNDWATCH_NOW).
"""

from __future__ import annotations

import json

from tests.crawl_helpers import fundwatch, write_config
from tests.life_site import Call, listing, source

CALL = Call("retrofit", "Warm Homes Retrofit Fund", "26 January 2027")
DAYS = [f"2026-11-{day}T09:00:00+00:00" for day in (25, 26, 27)]


def test_a_standalone_crawl_is_what_sources_status_shows(tmp_path, site):
    config = write_config(tmp_path / "config", [{**source(site), "every": "1d"}])
    db = tmp_path / "fw.db"

    def crawl_then_status(day: str, page_status: int, *shown_as: str) -> tuple[int, dict, str]:
        site.add("/funding/", listing([CALL]), status=page_status)
        env = {"FUNDWATCH_NOW": day}
        crawled = fundwatch("crawl", "example_listing", config=config, db=db, env=env)
        assert crawled.returncode == (0 if page_status == 200 else 1), crawled.stdout
        shown = fundwatch("sources", "status", *shown_as, config=config, db=db, env=env)
        if shown_as:
            return shown.returncode, json.loads(shown.stdout), ""
        return shown.returncode, {}, shown.stdout

    code, status, _ = crawl_then_status(DAYS[0], 200, "--json")
    assert code == 0
    assert (status["state"], status["last_outcome"], status["items"]) == ("ok", "ok", 1)
    assert status["last_run"] == status["last_success"] == "2026-11-25T09:00:00+00:00"

    code, _, table = crawl_then_status(DAYS[1], 500)
    assert code == 1  # for cron and monitoring, with no notify or service in between
    first = " ".join(table.splitlines()[0].split())
    assert first.startswith(
        "example_listing FAILING last crawl failed, 0 items; last success 25 Nov"
    )
    assert "  failing: HTTP 500 on " in table
    status = json.loads(
        fundwatch(
            "sources", "status", "--json", config=config, db=db, env={"FUNDWATCH_NOW": DAYS[1]}
        ).stdout
    )
    assert (status["state"], status["last_outcome"]) == ("failing", "failed")
    assert status["reason"].startswith("HTTP 500 on ")
    assert status["last_run"] == "2026-11-26T09:00:00+00:00"
    assert status["last_success"] == "2026-11-25T09:00:00+00:00"

    code, status, _ = crawl_then_status(DAYS[2], 200, "--json")
    assert code == 0
    assert (status["state"], status["reason"], status["last_outcome"]) == ("ok", None, "ok")
    assert status["last_success"] == "2026-11-27T09:00:00+00:00"
