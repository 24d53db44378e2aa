"""`fundwatch ingest`: feed exports into the repository, as a crawl would store them; idempotent,
bad lines named by file and line, no removal without the node's crawl outcome (that is
tests/test_ingest_outcome.py). Real files, a real repository, the real command."""

from __future__ import annotations

import io
import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner
from scrapy.exporters import JsonLinesItemExporter

from config.models import Source
from notifier.cli import cli
from notifier.ingest.lines import read_lines
from spiders.items import OpportunitySighting
from spiders.normalise.sighting import normalise
from storage.db import open_db
from tests.conftest import NOW
from tests.crawl_helpers import write_config

SITE = "https://funding.example.org"
CALLS = [
    ("retrofit", "Social Housing Retrofit Pilots", "26 February 2027"),
    ("care", "Digital Social Care Records", "3 March 2027"),
    ("buses", "Zero Emission Bus Regional Areas", "15 April 2027"),
]
TABLES = ("listings", "opportunities", "versions", "events", "runs")


def call(slug: str, title: str, closes: str, source: str = "example_listing", **more) -> dict:
    return {
        "source_id": source,
        "title": title,
        "url": f"{SITE}/funding/{slug}/",
        "closes": f"Closing date: {closes}",
        "amount": "Up to £250,000",
        "tags": ["council"],
        "page_url": f"{SITE}/funding/",
        **more,
    }


def feed(path: Path, *lines: dict | str, mtime: float | None = None) -> Path:
    """A feed export as Scrapy writes it: one JSON object a line, each ending with a newline."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = (line if isinstance(line, str) else json.dumps(line) for line in lines)
    path.write_text("".join(f"{line}\n" for line in text), encoding="utf-8")
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


LISTING = {
    "id": "example_listing",
    "name": "Example funding listing",
    "kind": "listing",
    "urls": [f"{SITE}/funding/"],
    "funder": "Example Funder",
    "tags": ["council"],
    "item": "article.call",
    "fields": {"title": "h2 a::text", "url": "h2 a::attr(href)"},
}


def ingest_repo(tmp_path, monkeypatch) -> dict:
    monkeypatch.setenv("FUNDWATCH_NOW", NOW.isoformat())
    other = {**LISTING, "id": "example_other", "name": "Another listing"}
    config = write_config(tmp_path / "config", [LISTING, other])
    return {"config": config, "db": tmp_path / "fundwatch.db", "items": tmp_path / "items"}


@pytest.fixture
def repo(tmp_path, monkeypatch):
    return ingest_repo(tmp_path, monkeypatch)


def ingest(repo, *args: str | Path):
    argv = ["--config", str(repo["config"]), "--db", str(repo["db"]), "ingest", *map(str, args)]
    return CliRunner().invoke(cli, argv)


def rows(repo, name: str, where: str | None = None) -> list[dict]:
    return list(sqlite_utils.Database(repo["db"])[name].rows_where(where, order_by="rowid"))


def snapshot(repo) -> dict[str, list[dict]]:
    return {name: rows(repo, name) for name in TABLES}


def test_a_file_is_one_run_of_its_source_through_normalise_tag_and_store(repo):
    path = feed(repo["items"] / "job1.jl", *(call(*c) for c in CALLS))
    result = ingest(repo, path)
    assert result.exit_code == 0, result.output
    assert f"{path}: example_listing, run 1: 3 item(s), 3 new, 0 changed, 0 unchanged" in (
        result.output
    )
    assert "1 file(s): 1 ingested, 0 skipped, 0 failed" in result.output
    [run] = rows(repo, "runs")
    assert run["source_id"] == "example_listing" and run["batch"].startswith("ingest-")
    assert (run["outcome"], run["items"], run["new"], run["removed"]) == ("ok", 3, 3, 0)
    assert run["complete"] == 0, "a file without its crawl's outcome is not a complete listing"
    assert json.loads(run["fill"])["closes"] == 3
    retrofit = rows(repo, "opportunities", "title = 'Social Housing Retrofit Pilots'")[0]
    assert retrofit["closes_at"] == "2027-02-26T23:59:00+00:00"  # normalised: end of day, GMT
    assert retrofit["amount_max"] == 250000
    assert {"council", "net_zero"} <= set(json.loads(retrofit["tags"]))  # tagged by the rules
    assert [e["kind"] for e in rows(repo, "events")] == ["new"] * 3


def test_the_same_file_twice_changes_nothing(repo):
    path = feed(repo["items"] / "job1.jl", *(call(*c) for c in CALLS))
    assert ingest(repo, path).exit_code == 0
    before = snapshot(repo)

    again = ingest(repo, path)
    assert again.exit_code == 0, again.output
    assert f"{path}: already ingested (run 1, ok): skipped" in again.output
    assert "1 file(s): 0 ingested, 1 skipped, 0 failed" in again.output
    assert snapshot(repo) == before, "not a row written, not even a run"

    forced = ingest(repo, "--again", path)
    assert forced.exit_code == 0, forced.output
    assert "run 2: 3 item(s), 0 new, 0 changed, 3 unchanged" in forced.output
    after = snapshot(repo)
    assert {n: after[n] for n in TABLES[:-1]} == {n: before[n] for n in TABLES[:-1]}, (
        "unchanged sightings write nothing: no listing, opportunity, version or event"
    )
    assert len(after["runs"]) == 2 and after["runs"][1]["outcome"] == "ok"


def test_bad_lines_are_named_by_file_and_line_and_the_rest_are_stored(repo):
    good = [call(*c) for c in CALLS[:2]]
    path = feed(
        repo["items"] / "job1.jl",
        good[0],
        "{not json",
        "[1, 2]",
        {**good[1], "title": ["a list"]},
        {**good[1], "colour": "red"},
        {"title": "No source", "url": f"{SITE}/x/"},
        "",
        {"source_id": "example_listing", "title": "No link", "page_url": f"{SITE}/funding/"},
        call("elsewhere", "Seen on another source", "1 May 2027", source="example_other"),
        good[1],
    )
    result = ingest(repo, path)
    assert result.exit_code == 1, result.output
    for expected in (
        f"{path}:2: not JSON",
        f"{path}:3: expected a JSON object, found list",
        f"{path}:4: field 'title' has the wrong type",
        f"{path}:5: unknown field 'colour'",
        f"{path}:6: no source_id",
        f"{path}:8: 'No link' is missing url",
        f"{path}:9: from source 'example_other', in a file of 'example_listing'",
    ):
        assert expected in result.output, expected
    assert "run 1 failed: 2 item(s), 2 new" in result.output
    assert "1 file(s): 0 ingested, 0 skipped, 1 failed" in result.output
    assert sorted(o["title"] for o in rows(repo, "opportunities")) == sorted(
        c["title"] for c in good
    )
    [run] = rows(repo, "runs")
    assert run["outcome"] == "failed" and run["errors"] == 7
    assert f"{path}:2: not JSON" in run["reason"], "source health shows where the file is bad"


def test_a_changed_call_is_a_version_and_a_changed_event(repo):
    first = feed(repo["items"] / "a.jl", *(call(*c) for c in CALLS), mtime=1_000_000)
    moved = [call(*CALLS[0][:2], "12 March 2027"), *(call(*c) for c in CALLS[1:])]
    second = feed(repo["items"] / "b.jl", *moved, mtime=2_000_000)
    result = ingest(repo, first, second)
    assert result.exit_code == 0, result.output
    assert "run 2: 3 item(s), 0 new, 1 changed, 2 unchanged" in result.output
    [version] = rows(repo, "versions")
    assert "closes_at" in version["changes"]
    assert [e["kind"] for e in rows(repo, "events")][-1] == "changed"


def test_files_are_ingested_oldest_first_whatever_their_names_or_order(repo):
    """A folder names the files in no useful order: the older crawl's view must land first."""
    newer = [call(*CALLS[0][:2], "12 March 2027")]
    feed(repo["items"] / "fundwatch" / "example_listing" / "a.jl", *newer, mtime=2_000_000)
    feed(repo["items"] / "fundwatch" / "example_listing" / "z.jl", call(*CALLS[0]), mtime=1_000_000)
    result = ingest(repo, repo["items"])
    assert result.exit_code == 0, result.output
    assert result.output.index("z.jl") < result.output.index("a.jl")
    [opportunity] = rows(repo, "opportunities")
    assert opportunity["closes_at"] == "2027-03-12T23:59:00+00:00"


def test_nothing_is_removed_by_an_ingested_file(repo):
    """A listing source's complete crawl would remove a call it no longer lists; a file without its
    crawl's outcome cannot say it is complete, so a call missing from it stays."""
    feed(repo["items"] / "a.jl", *(call(*c) for c in CALLS), mtime=1_000_000)
    feed(repo["items"] / "b.jl", *(call(*c) for c in CALLS[:2]), mtime=2_000_000)
    assert ingest(repo, repo["items"]).exit_code == 0
    assert rows(repo, "listings", "removed_at IS NOT NULL") == []
    assert rows(repo, "events", "kind = 'removed'") == []
    assert [r["removed"] for r in rows(repo, "runs")] == [0, 0]


def test_files_not_ready_are_left_for_the_next_ingest(repo):
    repo["items"].mkdir()
    writing = repo["items"] / "writing.jl"
    writing.write_text(json.dumps(call(*CALLS[0])) + "\n" + '{"source_id": "exam')
    (repo["items"] / "empty.jl").write_text("")
    result = ingest(repo, repo["items"])
    assert result.exit_code == 0, result.output
    assert f"{writing}: still being written" in result.output
    assert "empty.jl: empty: nothing to ingest" in result.output
    assert "2 file(s): 0 ingested, 2 skipped, 0 failed" in result.output
    assert rows(repo, "runs") == []


def test_a_file_that_is_no_feed_export_fails_rather_than_waiting_for_ever(repo, tmp_path):
    # An SQLite file (the repository itself, given by mistake) has no final newline: it was "still
    # being written: left for the next ingest", every time, with exit 0.
    other = tmp_path / "another.db"
    other.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 4)
    result = ingest(repo, other)
    assert result.exit_code == 1, result.output
    assert f"{other}:1: not JSON" in result.output
    assert f"{other}: failed, nothing stored" in result.output


def test_a_file_of_an_unknown_source_fails_alone(repo):
    stray = feed(repo["items"] / "a.jl", call(*CALLS[0], source="nowhere"), mtime=1_000_000)
    good = feed(repo["items"] / "b.jl", call(*CALLS[1]), mtime=2_000_000)
    result = ingest(repo, stray, good)
    assert result.exit_code == 1
    assert f"{stray}: source 'nowhere' is not in sources.yaml: nothing stored" in result.output
    assert f"{good}: example_listing, run 1: 1 item(s), 1 new" in result.output
    assert "2 file(s): 1 ingested, 0 skipped, 1 failed" in result.output


def test_a_missing_path_is_a_usage_error(repo):
    result = ingest(repo, repo["items"] / "nope.jl")
    assert result.exit_code == 2 and "no such file or folder" in result.output


def test_a_line_as_scrapys_feed_export_writes_it_reads_back_the_same():
    """The contract between a node and ingest: Scrapy's JSON-lines exporter on one side, ingest's
    reader on the other; a date a spider parsed keeps its zone (noon UTC is not noon in London)."""
    source = Source.model_validate(LISTING)
    raw = OpportunitySighting(
        source_id="example_listing",
        title="Heat Network Fund",
        url=f"{SITE}/t/",
        closes=datetime(2027, 6, 30, 12, 0, tzinfo=UTC),
        amount_max=5e6,
        tags=["council"],
    )
    out = io.BytesIO()
    exporter = JsonLinesItemExporter(out, encoding="utf-8")
    exporter.start_exporting()
    exporter.export_item(raw)
    exporter.finish_exporting()
    [line] = read_lines(out.getvalue())
    assert line.problem is None and line.sighting is not None
    assert normalise(line.sighting, source, NOW) == normalise(raw, source, NOW)
    assert normalise(line.sighting, source, NOW).closes_at == datetime(2027, 6, 30, 12, tzinfo=UTC)


def test_a_file_with_no_readable_line_fails_without_a_run(repo):
    path = feed(repo["items"] / "junk.jl", "<html>", '{"title": "no source"}')
    result = ingest(repo, path)
    assert result.exit_code == 1
    assert f"{path}:1: not JSON" in result.output and f"{path}:2: no source_id" in result.output
    assert f"{path}: failed, nothing stored" in result.output
    assert rows(repo, "runs") == []


def test_a_sighting_the_repository_refuses_is_named_and_the_rest_stored(repo):
    """A real refusal (a trigger aborting one insert): the page is stored one by one instead."""
    open_db(repo["db"]).close()
    sqlite_utils.Database(repo["db"]).execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON listings WHEN NEW.title LIKE 'Digital%' "
        "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
    )
    path = feed(repo["items"] / "job1.jl", *(call(*c) for c in CALLS))
    result = ingest(repo, path)
    assert result.exit_code == 1, result.output
    assert f"{path}:2: could not store 'Digital Social Care Records'" in result.output
    assert f"fundwatch ingest --again {path}" in result.output
    assert len(rows(repo, "opportunities")) == 2
    assert rows(repo, "runs")[0]["outcome"] == "failed"
