"""The hints a curator or council officer gets from the real `fundwatch` command when a name is
misspelt on the command line (walk15): the nearest one, as for source and subscription ids."""

from __future__ import annotations

import pytest

from tests.crawl_helpers import fundwatch
from tests.web_helpers import export_site


@pytest.fixture
def site(tmp_path, monkeypatch):
    return export_site(tmp_path, monkeypatch)


def test_export_unknown_tag_says_the_nearest(site):
    config, db_path, _ = site
    done = fundwatch("export", "--format", "csv", "--tag", "netzero", config=config, db=db_path)
    assert done.returncode == 2, done.stderr
    assert "unknown tag 'netzero' (did you mean 'net_zero'?); known tags: " in done.stderr


def test_export_help_says_the_calendar_has_opening_dates(tmp_path):
    # walk15: the calendar holds an "Opens: …" event for each call still to open (README: "an ICS
    # calendar of closing (and opening) dates"), but --help said only "a calendar of closing dates".
    done = fundwatch("export", "--help", config=tmp_path, db=tmp_path / "none.db")
    assert done.returncode == 0, done.stderr
    said = " ".join(done.stdout.split())
    assert "ics: a calendar of closing dates, and opening dates of calls still to open" in said
    assert "one on its opening date while it is still to open" in said
