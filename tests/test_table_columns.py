"""The crawl, `sources list` and `sources status` tables keep their columns in line when a source id
is longer than the usual column (the bundled scotland_find_business_support is 30 characters):
the column widens, rather than that row's columns being pushed out of line."""

from __future__ import annotations

from click.testing import CliRunner

from notifier.cli import cli
from notifier.commands.context import print_runs
from tests.crawl_helpers import write_config

LONG = "a_source_id_well_over_twenty_eight_characters"
SOURCES = [
    {"id": "short", "kind": "feed", "urls": ["https://funder.example.org/feed"]},
    {"id": LONG, "kind": "feed", "urls": ["https://other.example.org/feed"]},
]


def column_of(lines: list[str], word: str) -> set[int]:
    return {line.index(word, len(line.split()[0])) for line in lines}


def test_sources_list_keeps_the_kind_column_in_line(tmp_path):
    config = write_config(tmp_path / "config", SOURCES)
    result = CliRunner().invoke(cli, ["--config", str(config), "sources", "list"])
    assert result.exit_code == 0, result.output
    assert len(column_of(result.output.splitlines(), "feed")) == 1


def test_the_crawl_summary_keeps_the_outcome_column_in_line(capsys):
    run = {"outcome": "ok", "items": 3, "new": 3, "changed": 0, "removed": 0, "errors": 0}
    print_runs([{**run, "source_id": "short"}, {**run, "source_id": LONG}])
    header, *rows = capsys.readouterr().out.splitlines()[:3]
    assert column_of(rows, " ok ") == {header.index(" outcome")}
