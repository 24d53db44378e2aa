"""`fundwatch ingest` of a node's file whose calls lack a configured field, every one: the run
fails naming the field, as `fundwatch crawl` does (spiders/field_matches.py). A node has no
pipeline to judge it, so the file was stored as an ok run with the field empty."""

from __future__ import annotations

import pytest

from tests.crawl_helpers import write_config
from tests.test_ingest import CALLS, LISTING, call, feed, ingest, rows


@pytest.fixture
def repo(tmp_path, monkeypatch):
    from tests.conftest import NOW

    monkeypatch.setenv("FUNDWATCH_NOW", NOW.isoformat())
    entry = {**LISTING, "detail": {"fields": {"eligibility": {"label": "Who can apply"}}}}
    config = write_config(tmp_path / "config", [entry])
    return {"config": config, "db": tmp_path / "fundwatch.db", "items": tmp_path / "items"}


def test_a_file_whose_calls_all_lack_a_detail_field_fails_naming_it(repo):
    path = feed(repo["items"] / "a.jl", *(call(*c) for c in CALLS))
    result = ingest(repo, repo["items"])
    assert result.exit_code == 1, result.output
    [run] = rows(repo, "runs")
    want = f"{path}: eligibility (label 'Who can apply' on its detail pages) matched none of the 3"
    assert run["outcome"] == "failed" and run["reason"].startswith(want), run["reason"]
    assert len(rows(repo, "opportunities")) == 3  # stored all the same


def test_one_call_that_has_it_is_enough(repo):
    lines = [call(*c) for c in CALLS]
    lines[0]["eligibility"] = "Local authorities in England"
    feed(repo["items"] / "a.jl", *lines)
    result = ingest(repo, repo["items"])
    assert result.exit_code == 0, result.output
    assert rows(repo, "runs")[0]["outcome"] == "ok"
