"""What `fundwatch ingest` says of a folder with nothing to ingest, and of JSON that is no feed
export at all."""

from __future__ import annotations

import pytest

from tests.test_ingest import ingest, ingest_repo


@pytest.fixture
def repo(tmp_path, monkeypatch):
    return ingest_repo(tmp_path, monkeypatch)


def test_a_folder_with_no_feed_exports_says_so_and_is_nothing_to_do(repo, tmp_path):
    # Before: "0 file(s): 0 ingested, 0 skipped, 0 failed", and nothing about the folder: an empty
    # (or mistyped) folder passed for "nothing new".
    empty = tmp_path / "not_synced_yet"
    empty.mkdir()
    (empty / "notes.txt").write_text("not a feed export")
    result = ingest(repo, empty)
    assert result.exit_code == 0, result.output  # as for files all ingested before
    assert result.stderr.splitlines() == [f"no feed export files (.jl or .jsonl) in {empty}"]
    assert result.stdout == ""


def test_json_that_is_no_feed_export_is_not_blamed_on_another_version(repo, tmp_path):
    other = tmp_path / "answer.json"
    other.write_text('{"results": [], "total": 0}\n')
    result = ingest(repo, other)
    assert result.exit_code == 1, result.output
    assert "another fundwatch version" not in result.output
    assert (
        f"{other}:1: no source_id, and fields no spider writes ('results', 'total'): "
        "not a fundwatch feed export"
    ) in result.output
