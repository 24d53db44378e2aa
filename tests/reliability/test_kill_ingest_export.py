"""SIGKILL `fundwatch ingest` part way through its files, and `fundwatch export --output FILE`
part way through writing, then run each again to its end.

Ingest: the repository must end as an ingest never killed leaves one (the same calls, listings
and events), each file's last run ok, the killed run closed as interrupted. Export: the file a
calendar or web server reads is the old one, whole, until the new one replaces it; and nothing of
the killed write is left beside it.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest
import sqlite_utils

from storage.runs import INTERRUPTED
from tests.crawl_helpers import write_config
from tests.reliability.kill_sweep import assert_sound, count, finish, kill_when, start
from tests.test_ingest import LISTING, call, feed

pytestmark = pytest.mark.slow

FILES = 4
PAGES = 3  # pages a file: one unit each
PER_PAGE = 40


def items(folder: Path) -> None:
    """FILES feed exports of one source, oldest first, each of its own calls on PAGES pages; the
    last also lists the first file's calls again with a new closing date (changes to store)."""
    for f in range(FILES):
        lines = [
            call(f"f{f}-c{n}", f"Retrofit pilot {f}-{n}", "26 February 2027", page_url=f"p{f}/{p}")
            for p in range(PAGES)
            for n in range(p * PER_PAGE, (p + 1) * PER_PAGE)
        ]
        if f == FILES - 1:
            lines += [call(f"f0-c{n}", f"Retrofit pilot 0-{n}", "3 March 2027") for n in range(5)]
        feed(folder / f"job{f}.jl", *lines, mtime=1_000_000 + f)


def fingerprint(db_path: Path) -> dict:
    """What the repository holds, in terms that do not depend on ids or times."""
    db = sqlite_utils.Database(db_path)
    try:
        return {
            "opportunities": sorted(r["url"] for r in db.query("SELECT url FROM opportunities")),
            "listings": db["listings"].count,
            "events": Counter(
                (r["url"], r["kind"])
                for r in db.query(
                    "SELECT o.url, e.kind FROM events e JOIN opportunities o "
                    "ON o.id = e.opportunity_id"
                )
            ),
            "versions": db["versions"].count,
        }
    finally:
        db.close()


def runs(db_path: Path) -> list[dict]:
    db = sqlite_utils.Database(db_path)
    try:
        return list(db.query("SELECT batch, outcome, reason FROM runs ORDER BY id"))
    finally:
        db.close()


STORED = "SELECT count(*) FROM listings"


def mid_file(db: Path) -> bool:
    """The first file ingested whole, the second part way (its first page a unit of its own)."""
    return PAGES * PER_PAGE < count(db, STORED) < 2 * PAGES * PER_PAGE


ENV = {"FUNDWATCH_NOW": "2026-11-25T09:00:00+00:00"}


@pytest.fixture(scope="module")
def unkilled(tmp_path_factory) -> dict:
    """What an ingest of the same files leaves when nobody kills it."""
    tmp_path = tmp_path_factory.mktemp("unkilled")
    items(tmp_path / "items")
    config = write_config(tmp_path / "config", [LISTING])
    code, out = finish(
        "ingest", str(tmp_path / "items"), config=config, db=tmp_path / "db", env=ENV
    )
    assert code == 0, out
    return fingerprint(tmp_path / "db")


def test_ingest_killed_mid_file_then_run_again_stores_what_an_unkilled_ingest_stores(
    tmp_path, unkilled
):
    folder = tmp_path / "items"
    items(folder)
    config = write_config(tmp_path / "config", [LISTING])
    env = ENV

    db_path = tmp_path / "fundwatch.db"
    ingest = start("ingest", str(folder), config=config, db=db_path, env=env)
    kill_when(ingest, lambda: mid_file(db_path), "the second file part way")
    killed_at = count(db_path, "SELECT count(*) FROM runs WHERE outcome = 'running'")
    code, out = finish("ingest", str(folder), config=config, db=db_path, env=env)
    assert code == 0, out
    assert f"{FILES} file(s)" in out and "0 failed" in out, out

    assert fingerprint(db_path) == unkilled
    seen = runs(db_path)
    last = {run["batch"]: run for run in seen}
    assert len(last) == FILES and all(r["outcome"] == "ok" for r in last.values()), seen
    interrupted = [r for r in seen if r["outcome"] == "failed"]
    assert [r["reason"] for r in interrupted] == [INTERRUPTED] * killed_at, seen
    assert_sound(db_path)


def test_export_killed_mid_write_leaves_the_old_file_whole_and_nothing_beside_it(tmp_path):
    folder = tmp_path / "items"
    items(folder)
    config = write_config(tmp_path / "config", [LISTING])
    db_path = tmp_path / "fundwatch.db"
    assert finish("ingest", str(folder), config=config, db=db_path)[0] == 0
    site = tmp_path / "site"
    site.mkdir()
    target = site / "calls.json"
    target.write_text('{"old": "export"}')

    def writing() -> bool:
        return any(p.name != target.name and p.stat().st_size > 0 for p in site.iterdir())

    export = start("export", "--format", "json", "--output", str(target), config=config, db=db_path)
    kill_when(export, writing, "the export began writing")
    assert json.loads(target.read_text()) == {"old": "export"}  # what readers still see

    code, out = finish(
        "export", "--format", "json", "--output", str(target), config=config, db=db_path
    )
    assert code == 0, out
    exported = json.loads(target.read_text())
    assert len(exported["items"]) == count(db_path, "SELECT count(*) FROM opportunities"), out
    left = sorted(p.name for p in site.iterdir() if p.name != target.name)
    assert left == [], f"the killed export's unfinished file is left beside it: {left}"
    assert oct(os.stat(target).st_mode & 0o777) != "0o600"
    assert_sound(db_path)
