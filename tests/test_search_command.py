"""`fundwatch search` refuses nothing to search for: an empty TEXT is a mistake (an unset shell
variable, a stray pair of quotes), and "no opportunities match ''" with exit 0 hid it."""

from __future__ import annotations

import pytest

from tests.crawl_helpers import fundwatch, write_config


@pytest.mark.parametrize("text", ["", "   "])
def test_an_empty_search_is_refused_by_name(tmp_path, text):
    config = write_config(tmp_path / "config", [])
    db = tmp_path / "fw.db"
    assert fundwatch("notify", config=config, db=db).returncode == 0  # creates the repository

    result = fundwatch("search", text, config=config, db=db)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "give some words to search for" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_search_with_words_still_answers(tmp_path):
    config = write_config(tmp_path / "config", [])
    db = tmp_path / "fw.db"
    fundwatch("notify", config=config, db=db)
    result = fundwatch("search", "heat", config=config, db=db)
    assert result.returncode == 0 and "no opportunities match 'heat'" in result.stdout


@pytest.mark.parametrize("limit", ["0", "-3"])
def test_a_limit_below_one_is_refused_by_name(tmp_path, limit):
    # 0 said "no opportunities match" whatever matched; a negative limit showed every match.
    config = write_config(tmp_path / "config", [])
    db = tmp_path / "fw.db"
    fundwatch("notify", config=config, db=db)
    result = fundwatch("search", "heat", "--limit", limit, config=config, db=db)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Invalid value for '--limit'" in result.stderr
