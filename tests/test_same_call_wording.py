"""The same pot worded differently on two sources is one call; its near misses are not
(tests/cases/same_call.yaml). Both orders are asked: a call is the same whichever source came first."""

from __future__ import annotations

from datetime import date

import pytest

from storage.same_call import near_titles, same_call
from tests.case_tables import table
from tests.merge_path import listing, merged


def _dated(row: dict) -> str | None:
    """A quoted `closes` would be read as no deadline at all: it must be a YAML date."""
    for side in ("a", "b"):
        closes = row[side].get("closes")
        if closes is not None and not isinstance(closes, date):
            return f"{side}.closes is not a date: {closes!r}"
    return None


CASES = table(
    "same_call.yaml",
    keys={"note", "a", "b", "expected"},
    required={"a", "b", "expected"},
    check=_dated,
)


@pytest.mark.parametrize("row", CASES)
def test_same_call_wording(row):
    a, b = listing(row["a"]), listing(row["b"])
    assert same_call(a, b) is row["expected"]
    assert same_call(b, a) is row["expected"]


@pytest.mark.parametrize("row", CASES)
def test_the_whole_candidate_path(row):
    # A twin must also be found (its key, or its first word and deadline, and the prefilter) before
    # same_call is asked: whichever source's listing was stored first.
    a, b = listing(row["a"]), listing(row["b"])
    assert merged(a, b) is row["expected"]
    assert merged(b, a) is row["expected"]


@pytest.mark.parametrize("row", [r for r in CASES if r.values[0]["expected"]])
def test_the_prefilter_keeps_every_twin(row):
    # Candidates reach same_call only through this cheap first pass: it must not drop a twin.
    a, b = listing(row["a"]), listing(row["b"])
    assert near_titles(a["title"], {"twin": b["title"]}) == ["twin"]
    assert near_titles(b["title"], {"twin": a["title"]}) == ["twin"]
