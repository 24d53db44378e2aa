"""`fundwatch search` refuses nothing to search for: an empty TEXT is a mistake (an unset shell
variable, a stray pair of quotes), and "no opportunities match ''" with exit 0 hid it."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from notifier.cli import cli
from storage.db import open_db
from storage.record import record_sighting
from storage.sighting import Sighting
from tests.crawl_helpers import fundwatch, write_config
from tests.web_helpers import LATER, export_site


@pytest.mark.parametrize("text", ["", "   "])
def test_an_empty_search_is_refused_by_name(tmp_path, text):
    config = write_config(tmp_path / "config", [])
    db = tmp_path / "fw.db"
    open_db(db).close()

    result = fundwatch("search", text, config=config, db=db)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "give some words to search for" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_search_with_words_still_answers(tmp_path):
    config = write_config(tmp_path / "config", [])
    db = tmp_path / "fw.db"
    open_db(db).close()
    result = fundwatch("search", "heat", config=config, db=db)
    assert result.returncode == 0 and "no opportunities match 'heat'" in result.stdout


@pytest.mark.parametrize("limit", ["0", "-3"])
def test_a_limit_below_one_is_refused_by_name(tmp_path, limit):
    # 0 said "no opportunities match" whatever matched; a negative limit showed every match.
    config = write_config(tmp_path / "config", [])
    db = tmp_path / "fw.db"
    open_db(db).close()
    result = fundwatch("search", "heat", "--limit", limit, config=config, db=db)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Invalid value for '--limit'" in result.stderr


def test_a_result_shows_only_a_link_every_other_sink_would_send(tmp_path, monkeypatch):
    """A stored address that is not http(s), or carries markup, is no link in a terminal either
    (terminals make links of what they print), as the console channel already says it."""
    site = export_site(tmp_path, monkeypatch)
    db = open_db(site[1])
    for ref, url in (("JS", "javascript:alert(1)"), ("Q", 'https://a.example/b"onclick=x')):
        call = dict(ref=ref, url=url, title=f"Unsafe link {ref}", status="open")
        record_sighting(db, Sighting(source_id="find_a_grant", **call), run_id=None, now=LATER)
    db.close()
    config, db_path, _ = site
    result = CliRunner().invoke(
        cli, ["--config", str(config), "--db", str(db_path), "search", "unsafe link"]
    )
    assert result.exit_code == 0, result.output
    assert "javascript" not in result.output and "onclick" not in result.output, result.output
    assert result.output.count("  (no safe link)\n") == 2
    heat = CliRunner().invoke(
        cli, ["--config", str(config), "--db", str(db_path), "search", "heat"]
    )
    assert "  https://www.ukri.org/opportunity/heat-network-zoning/\n" in heat.output


def test_a_call_with_no_deadline_says_so_as_alerts_do(tmp_path, monkeypatch):
    config, db_path, _ = export_site(tmp_path, monkeypatch)
    result = CliRunner().invoke(
        cli, ["--config", str(config), "--db", str(db_path), "search", "rolling"]
    )
    assert "  Funder not stated · Not stated · no closing date · open\n" in result.output, (
        result.output
    )


def test_a_trailing_star_finds_the_rest_of_a_word(tmp_path):
    """The officer searching "park" for "Green Parks Grant" found nothing (whole words only), and
    `park*`, the keywords' own wildcard, was read as "park" too."""
    config = write_config(tmp_path / "config", [])
    db_path = tmp_path / "fw.db"
    db = open_db(db_path)
    call = dict(ref="P", url="https://funder.example.org/parks", title="Green Parks Grant")
    record_sighting(db, Sighting(source_id="walk", status="open", **call), run_id=None, now=LATER)
    db.close()
    whole = fundwatch("search", "park", config=config, db=db_path)
    assert whole.returncode == 0 and "no opportunities match 'park'" in whole.stdout
    prefix = fundwatch("search", "green park*", config=config, db=db_path)
    assert prefix.returncode == 0, prefix.stderr
    assert prefix.stdout.startswith("Green Parks Grant") and prefix.stdout.endswith("1 result(s)\n")
