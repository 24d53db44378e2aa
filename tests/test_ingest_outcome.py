"""A node's crawl outcome beside its feed export (spiders/scrapyd/outcome.py): with it, `fundwatch
ingest` judges a run as `fundwatch crawl` does: the node's problems fail the run (a broken source on
a node is heard of), and a complete, clean crawl removes the calls it no longer lists. Real files,
a real repository, the real command; and real node crawls (`SCRAPY_PROJECT=node scrapy crawl`)
against a loopback site for the writing side."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from spiders.sources import SOURCES_DIR
from spiders.sources.site import LoopbackSite
from tests.crawl_helpers import fundwatch, fundwatch_env, write_config
from tests.test_ingest import CALLS, call, feed, ingest, ingest_repo, rows
from tests.test_scrapyd_ingest import SOURCE, bundled_source


@pytest.fixture
def repo(tmp_path, monkeypatch):
    return ingest_repo(tmp_path, monkeypatch)


def outcome(feed_path: Path, items: int, **fields) -> Path:
    """The outcome a node writes beside `feed_path` (its format written out, not built by the code
    under test), with the file's time, so ingest orders it with its feed."""
    path = feed_path.with_name(feed_path.name + ".outcome.json")
    data = {
        "fundwatch_outcome": 1,
        "source_id": "example_listing",
        "finish_reason": "finished",
        "complete": True,
        "items": items,
        "problems": [],
        "pages": 1,
        "not_modified": 0,
        **fields,
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def crawled(repo, name: str, calls, mtime: float, **fields) -> Path:
    path = feed(repo["items"] / name, *(call(*c) for c in calls), mtime=mtime)
    outcome(path, len(calls), **fields)
    return path


def test_a_complete_clean_node_crawl_removes_the_calls_it_no_longer_lists(repo):
    crawled(repo, "a.jl", CALLS, 1_000_000)
    later = crawled(repo, "b.jl", CALLS[:2], 2_000_000, pages=3, not_modified=1)
    result = ingest(repo, repo["items"])
    assert result.exit_code == 0, result.output
    first, second = rows(repo, "runs")
    assert (first["outcome"], first["complete"], first["removed"]) == ("ok", 1, 0)
    assert (second["outcome"], second["complete"], second["removed"]) == ("ok", 1, 1)
    assert (second["pages"], second["not_modified"]) == (3, 1), "the node's page counts"
    [gone] = rows(repo, "listings", "removed_at IS NOT NULL")
    assert gone["title"] == CALLS[2][1]
    assert [e["kind"] for e in rows(repo, "events", "kind = 'removed'")] == ["removed"]

    again = ingest(repo, later)
    assert again.exit_code == 0 and "already ingested (run 2, ok): skipped" in again.output


def test_a_node_crawl_with_problems_fails_its_run_and_removes_nothing(repo):
    crawled(repo, "a.jl", CALLS, 1_000_000)
    problem = "HTTP 500 on https://funding.example.org/funding/?page=2"
    crawled(repo, "b.jl", CALLS[:2], 2_000_000, complete=False, problems=[problem])
    result = ingest(repo, repo["items"])
    assert result.exit_code == 1, result.output
    assert f"  on the node: {problem}" in result.output
    second = rows(repo, "runs")[1]
    assert (second["outcome"], second["complete"], second["removed"]) == ("failed", 0, 0)
    assert second["reason"] == f"on the node: {problem}"
    assert second["items"] == 2, "what the node did read is stored"
    assert rows(repo, "listings", "removed_at IS NOT NULL") == []


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"complete": False}, None),  # a page cap, or paging that ended on a guess
        ({"finish_reason": "shutdown"}, "crawl stopped early on the node: shutdown"),
    ],
)
def test_a_node_crawl_that_did_not_read_every_page_removes_nothing(repo, fields, reason):
    crawled(repo, "a.jl", CALLS, 1_000_000)
    crawled(repo, "b.jl", CALLS[:2], 2_000_000, **fields)
    ingest(repo, repo["items"])
    second = rows(repo, "runs")[1]
    assert (second["complete"], second["removed"], second["reason"]) == (0, 0, reason)
    assert rows(repo, "listings", "removed_at IS NOT NULL") == []


def test_an_empty_feed_with_its_outcome_is_a_failed_run_not_nothing_to_do(repo):
    # Without an outcome an empty file is skipped ("a job that has not written an item yet"): a
    # source broken on the node was never heard of.
    repo["items"].mkdir()
    (repo["items"] / "quiet.jl").write_text("")
    outcome(repo["items"] / "quiet.jl", 0)
    (repo["items"] / "broken.jl").write_text("")
    outcome(repo["items"] / "broken.jl", 0, problems=["HTTP 404 on https://funding.example.org/"])
    result = ingest(repo, repo["items"])
    assert result.exit_code == 1, result.output
    reasons = sorted(r["reason"] for r in rows(repo, "runs"))
    assert reasons == [
        "no opportunities found: the source may be empty or its layout may have changed",
        "on the node: HTTP 404 on https://funding.example.org/",
    ]
    assert "2 file(s): 0 ingested, 0 skipped, 2 failed" in result.output


def test_a_feed_holding_fewer_items_than_its_outcome_counts_waits(repo):
    path = feed(repo["items"] / "copying.jl", *(call(*c) for c in CALLS[:2]))
    outcome(path, 3)
    result = ingest(repo, path)
    assert result.exit_code == 0, result.output
    assert "holds 2 item(s) where its crawl outcome counts 3 (a copy not yet whole?)" in (
        result.output
    )
    assert rows(repo, "runs") == []


def test_a_file_ingested_before_its_outcome_arrived_is_judged_again_when_it_does(repo):
    crawled(repo, "a.jl", CALLS, 1_000_000)
    later = feed(repo["items"] / "b.jl", *(call(*c) for c in CALLS[:2]), mtime=2_000_000)
    assert ingest(repo, repo["items"]).exit_code == 0
    assert [r["removed"] for r in rows(repo, "runs")] == [0, 0]

    outcome(later, 2)
    result = ingest(repo, repo["items"])
    assert result.exit_code == 0, result.output
    assert "run 3: 2 item(s), 0 new, 0 changed, 2 unchanged" in result.output
    assert [r["removed"] for r in rows(repo, "runs")] == [0, 0, 1]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("{not json", "not JSON"),
        (json.dumps({"fundwatch_outcome": 99}), "not a crawl outcome of format 1"),
        (json.dumps({"fundwatch_outcome": 1, "source_id": "x"}), "field 'finish_reason'"),
    ],
)
def test_an_outcome_that_cannot_be_used_is_named_and_nothing_is_removed(repo, text, said):
    crawled(repo, "a.jl", CALLS, 1_000_000)
    later = feed(repo["items"] / "b.jl", *(call(*c) for c in CALLS[:2]), mtime=2_000_000)
    later.with_name("b.jl.outcome.json").write_text(text)
    result = ingest(repo, repo["items"])
    assert result.exit_code == 1, result.output
    assert f"{later}.outcome.json: {said}" in result.output
    assert "the crawl is not taken as complete" in result.output
    second = rows(repo, "runs")[1]
    assert (second["outcome"], second["removed"], second["items"]) == ("failed", 0, 2)


def test_an_outcome_of_another_source_is_not_trusted(repo):
    crawled(repo, "a.jl", CALLS, 1_000_000)
    crawled(repo, "b.jl", CALLS[:2], 2_000_000, source_id="example_other")
    result = ingest(repo, repo["items"])
    assert "the outcome of a crawl of 'example_other', beside items of 'example_listing'" in (
        result.output
    )
    assert rows(repo, "listings", "removed_at IS NOT NULL") == []


def node_crawl(tmp_path: Path, entry: dict) -> tuple[Path, dict]:
    """A node's spider run as the README says to try one (`SCRAPY_PROJECT=node scrapy crawl`): its
    feed file and the outcome written beside it."""
    config = write_config(tmp_path / "config", [entry])
    items = tmp_path / "items.jl"
    env = {
        **fundwatch_env(),
        "FUNDWATCH_CONFIG": str(config),
        # What scrapy.cfg's `node` project names, so the node's working files (its page cache)
        # go under tmp_path, not the checkout.
        "SCRAPY_SETTINGS_MODULE": "spiders.scrapyd.settings",
        "FUNDWATCH_ALLOW_LOOPBACK": "1",
    }
    scrapy = str(Path(sys.executable).parent / "scrapy")
    done = subprocess.run(
        [scrapy, "crawl", entry["id"], "-O", str(items)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    written = items.with_name("items.jl.outcome.json")
    assert written.exists(), done.stderr[-2000:]
    return items, json.loads(written.read_text())


@pytest.mark.slow
def test_a_node_crawl_writes_its_outcome_and_a_broken_source_on_a_node_is_heard_of(tmp_path):
    with LoopbackSite(SOURCES_DIR / SOURCE) as site:
        entry = bundled_source(SOURCE, site)
        items, said = node_crawl(tmp_path / "good", entry)
        lines = items.read_text().splitlines()
        assert said == {
            "fundwatch_outcome": 1,
            "source_id": SOURCE,
            "finish_reason": "finished",
            "complete": True,
            "items": len(lines),
            "problems": [],
            "pages": 1,
            "not_modified": 0,
            "notes": [],
        }
        moved = {**entry, "urls": [site.local_url("https://www.gov.uk/no-such-feed.atom")]}
        broken, said = node_crawl(tmp_path / "broken", moved)
    assert broken.read_text() == "" and said["items"] == 0 and not said["complete"]
    [problem] = said["problems"]
    assert "404" in problem

    config = write_config(tmp_path / "config", [entry])
    db = tmp_path / "fundwatch.db"
    os.utime(broken, (2_000_000_000, 2_000_000_000))  # the broken crawl is the later one
    result = fundwatch("ingest", str(items), str(broken), config=config, db=db)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"  on the node: {problem}" in result.stdout
    status = fundwatch("sources", "status", config=config, db=db)
    assert "failing" in status.stdout and "404" in status.stdout, status.stdout
