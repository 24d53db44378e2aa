"""A node's crawl whose next page only repeated calls read before notes it in its outcome, and
`fundwatch ingest` keeps the note on the ok run as `fundwatch crawl` does ("on the node: not
followed: …"). Before, the outcome had no place for it: the run was a silent ok."""

from __future__ import annotations

import pytest

from tests.crawl_helpers import fundwatch, write_config
from tests.test_crawl_repeat_note import parish_grants
from tests.test_ingest import CALLS, ingest, ingest_repo, rows
from tests.test_ingest_outcome import crawled, node_crawl


@pytest.fixture
def repo(tmp_path, monkeypatch):
    return ingest_repo(tmp_path, monkeypatch)


def test_an_outcomes_notes_are_the_ok_runs_reason(repo):
    note = (
        "not followed: https://funding.example.org/?page=2: every call on … was on an earlier page"
    )
    crawled(repo, "a.jl", CALLS, 1_000_000, complete=False, notes=[note])
    result = ingest(repo, repo["items"])
    assert result.exit_code == 0, result.output
    [run] = rows(repo, "runs")
    assert (run["outcome"], run["complete"], run["reason"]) == ("ok", 0, f"on the node: {note}")


def test_an_outcome_without_notes_notes_nothing(repo):
    crawled(repo, "a.jl", CALLS, 1_000_000)  # as written before notes were carried
    assert ingest(repo, repo["items"]).exit_code == 0
    assert rows(repo, "runs")[0]["reason"] is None


@pytest.mark.slow
def test_a_node_crawl_notes_a_next_page_that_only_repeats(tmp_path, site):
    entry = parish_grants(site)
    items, said = node_crawl(tmp_path / "node", entry)
    note = (
        f"not followed: {site.url}/grants?p=2: every call on {site.url}/grants?p=2 was on an "
        "earlier page (the end, or a site that ignores the page parameter and answers page 1 again)"
    )
    assert (said["problems"], said["notes"], said["complete"]) == ([], [note], False)
    config = write_config(tmp_path / "config", [entry])
    result = fundwatch("ingest", str(items), config=config, db=tmp_path / "fw.db")
    assert result.returncode == 0, result.stdout + result.stderr
    status = fundwatch("sources", "status", config=config, db=tmp_path / "fw.db")
    assert f"  note: on the node: {note}" in status.stdout, status.stdout
