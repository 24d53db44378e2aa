"""`fundwatch digest` tells people when the next digest goes in the time they live by: a daily
digest at 08:00 London in June is announced as 8:00am, never as 07:00 UTC."""

from __future__ import annotations

from storage.db import open_db
from tests.crawl_helpers import fundwatch, write_config

SUBSCRIPTION = {"id": "team", "match": {}, "email": {"to": ["team@example.gov.uk"]}}


def test_the_next_slot_is_said_in_london_time_in_summer(tmp_path):
    config = write_config(tmp_path / "config", [], [SUBSCRIPTION])
    open_db(tmp_path / "fw.db").close()  # digest uses a repository, never makes one
    result = fundwatch(
        "digest",
        config=config,
        db=tmp_path / "fw.db",
        env={"FUNDWATCH_NOW": "2027-06-01T09:00:00Z"},  # a Tuesday, British Summer Time
    )
    assert result.returncode == 0, result.stderr
    assert "daily digests:" in result.stdout
    assert "next slot Wed 2 Jun 2027, 8:00am (UK time)" in result.stdout, result.stdout
    assert "next slot Mon 7 Jun 2027, 8:00am (UK time)" in result.stdout, result.stdout
    assert "07:00" not in result.stdout
