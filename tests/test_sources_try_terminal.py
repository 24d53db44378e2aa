"""`sources try` prints a page's words for a curator's terminal: a hostile page's escape sequences
(an OSC 8 link disguised as text, a screen clear, a window title) must not reach it as such."""

from __future__ import annotations

import json
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from notifier.cli import cli
from notifier.commands.context import print_runs
from storage.db import open_db
from storage.runs import record_failed_run
from tests.crawl_helpers import ROOT, write_config
from tests.test_sources_try import run_try, shipped

TITLE = "Local authority net zero innovation partnerships"
ESCAPES = "\x1b]8;;https://evil.example\x07click here\x1b]8;;\x07 \x1b[2J\x1b]0;pwned\x07\x9b31m"


def test_a_pages_escape_sequences_never_reach_the_terminal(tmp_path: Path):
    config = write_config(tmp_path / "config", [shipped("ukri_opportunities")])
    page = (ROOT / "spiders/sources/ukri_opportunities/listing-1.html").read_text()
    assert TITLE in page
    hostile = tmp_path / "listing.html"
    hostile.write_text(page.replace(f">{TITLE}<", f">{TITLE} {ESCAPES}<", 1))

    result = run_try(config, "--file", str(hostile))
    printed = result.stdout
    assert all(ch == "\n" or unicodedata.category(ch) != "Cc" for ch in printed), repr(
        printed[:300]
    )
    # The words stay, and so does the layout: names padded into a column as before.
    assert f"  title        {TITLE} ]8;;https://evil.example" in printed
    assert "  url          https://www.ukri.org/opportunity/local-authority-net-zero" in printed


def test_json_lines_keep_the_words_and_escape_every_control_character(tmp_path: Path):
    config = write_config(tmp_path / "config", [shipped("ukri_opportunities")])
    page = (ROOT / "spiders/sources/ukri_opportunities/listing-1.html").read_text()
    hostile = tmp_path / "listing.html"
    hostile.write_text(page.replace(f">{TITLE}<", f">{TITLE} \x9b31m\u202eevil<", 1))

    printed = run_try(config, "--file", str(hostile), "--json").stdout
    assert all(ch == "\n" or unicodedata.category(ch) != "Cc" for ch in printed)
    assert "\u202e" not in printed
    first = json.loads(printed.splitlines()[0])
    assert first["title"].startswith(f"{TITLE} \x9b31m")  # the same data, read back by a parser


def test_a_reason_quoting_a_site_reaches_status_and_the_crawl_summary_as_letters(tmp_path, capsys):
    """A run's reason may quote what a site answered (an API's error text): `sources status` and
    the crawl summary print it without its escape sequences, their columns as before."""
    config = write_config(tmp_path / "config", [shipped("ukri_opportunities")])
    db_path = tmp_path / "fw.db"
    reason = f"API said: {ESCAPES} done"
    db = open_db(db_path)
    record_failed_run(db, "ukri_opportunities", "b1", datetime(2026, 11, 25, 9, tzinfo=UTC), reason)
    db.close()
    status = CliRunner().invoke(
        cli, ["--config", str(config), "--db", str(db_path), "sources", "status"]
    )
    print_runs([{"source_id": "ukri_opportunities", "outcome": "failed", "items": 0, "new": 0,
                 "changed": 0, "removed": 0, "errors": 1, "reason": reason}])  # fmt: skip
    summary = capsys.readouterr().out
    for printed in (status.output, summary):
        assert all(ch == "\n" or unicodedata.category(ch) != "Cc" for ch in printed), printed
        assert "API said: ]8;;https://evil.example" in printed and " done" in printed
    assert "  ukri_opportunities failed: API said: ]8;;" in summary
