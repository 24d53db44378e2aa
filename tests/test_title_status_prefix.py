"""A title that opens with its status is stored without it, the status read from it: "CLOSED -
Community Fund" was stored as written, so the call's name changed as its status did and matched
no other source's; "Open now:", "Extended:" and "Deadline extended –" were not read as a status at
all, and "NEW:" stayed in the name."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from config.models import Source
from spiders.items import OpportunitySighting
from spiders.normalise.sighting import normalise
from spiders.normalise.status import title_status, without_status
from tests.case_tables import table as case_table

SOURCE = Source.model_validate(
    {"id": "trust", "kind": "feed", "urls": ["https://trust.example.org/grants/feed"]}
)
NOW = datetime(2026, 11, 30, 10, tzinfo=UTC)


def stored(title: str, **fields):
    raw = OpportunitySighting(
        source_id="trust", title=title, url="https://trust.example.org/grants/c/", **fields
    )
    return normalise(raw, SOURCE, NOW)


@pytest.mark.parametrize(
    "title, status",
    [
        ("CLOSED - Community Fund", "closed"),
        ("CLOSED: Community Fund", "closed"),
        ("[Closed] Community Fund", "closed"),
        ("Closed – Community Fund", "closed"),
        ("(CLOSED) Community Fund", "closed"),
        ("Open now: Community Fund", "open"),
        ("Extended: Community Fund", "open"),
        ("Deadline extended – Community Fund", "open"),
        ("NEW: Community Fund", None),
        ("NEW: Closed - Community Fund", "closed"),
        ("Featured: Community Fund", None),  # a note, as a badge "Featured" is (title_badges.py)
    ],
)
def test_the_status_a_title_opens_with_is_its_status_not_its_name(title, status):
    call = stored(title)
    assert (call.title, call.status) == ("Community Fund", status)


def test_a_past_deadline_outranks_an_extended_title():
    call = stored("Deadline extended – Community Fund", closes="2 November 2026")
    assert (call.title, call.status) == ("Community Fund", "closed")


@pytest.mark.parametrize(
    "title",
    [
        "Closed Loop Recycling Fund: round 2",
        "Open Spaces Fund",
        "New Homes Bonus: round 2",
        "Newport Arts – small grants",
        "Extended Schools Fund",
        "Closed:",  # nothing but the status: the words are all there is to call it
    ],
)
def test_a_name_that_only_begins_with_such_a_word_is_kept(title):
    assert without_status(title) == title


def test_the_words_read_are_those_before_the_name():
    assert title_status("NEW: Open now – Community Fund") == "Open now"


@pytest.mark.parametrize("case", case_table("titles.yaml", keys=("input", "expected", "note")))
def test_titles_table(case):
    call = normalise(
        OpportunitySighting(
            source_id="trust", title=case["input"], url="https://trust.example.org/c/"
        ),
        SOURCE,
        datetime(2026, 11, 25, 9, tzinfo=UTC),
    )
    assert [call.title, call.status] == case["expected"]
