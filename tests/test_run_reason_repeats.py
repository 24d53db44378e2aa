"""A run's reason says each problem once, with how often (tests/sites/README.md, Round 39,
iuk_business_connect_drift): a theme update made every card of a page say "'an item' on
…/page/2/ is missing title, url (…)", the same line three times over, and a page of ten cards
would have filled the reason's five lines with it and hidden any other."""

from __future__ import annotations

from storage import runs
from storage.runs import finish_run, start_run
from tests.notify_helpers import NOW

LINE = "'an item' on https://funder.example.org/opportunities/page/2/ is missing title, url"


def test_the_same_problem_is_said_once_with_its_count(db):
    begun = start_run(db, "cards", "b-1", NOW)
    other = "HTTP 500 on https://funder.example.org/opportunities/page/3/"
    finish_run(db, begun.id, NOW, problems=[LINE] * 10 + [other], complete=False, counts={})
    reason = db.execute("SELECT reason FROM runs WHERE id = ?", [begun.id]).fetchone()[0]
    assert reason == f"{LINE} (10 times); {other}"


def test_lines_said_once_are_as_they_were():
    assert runs.once_each(["a", "b", "a"]) == ["a (2 times)", "b"]
    assert runs.once_each(["a", "b"]) == ["a", "b"]
