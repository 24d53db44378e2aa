"""Council eligibility verdicts, driven by tests/cases/eligibility.yaml."""

from __future__ import annotations

import pytest

from spiders.eligibility import PHRASE_LIMIT, council_eligibility
from tests.case_tables import table as case_table

ROW_KEYS = {"input", "summary", "expected", "note"}
VERDICTS = {"yes", "no", "unclear"}


def verdict_quoted(row: dict) -> str | None:
    return None if row["expected"][0] in VERDICTS else "verdict must be a quoted yes/no/unclear"


def table(name: str) -> list:
    return case_table(name, keys=ROW_KEYS, check=verdict_quoted)


@pytest.mark.parametrize("case", table("eligibility.yaml"))
def test_council_eligibility(case: dict) -> None:
    verdict, phrase = council_eligibility(case["input"], case.get("summary"))
    assert [verdict, phrase] == case["expected"]
    if phrase is not None:
        source = " ".join(f"{case['input'] or ''} {case.get('summary') or ''}".split())
        assert phrase in source, "the phrase is quoted from the text"
        assert len(phrase) <= PHRASE_LIMIT


def test_long_clause_is_trimmed_around_the_deciding_words() -> None:
    padding = (
        "projects that improve energy efficiency in community buildings and schools across the region "
        * 3
    )
    text = f"Applications are welcome for {padding}but local authorities are not eligible to lead {padding}"
    verdict, phrase = council_eligibility(text)
    assert verdict == "no"
    assert phrase is not None and len(phrase) <= PHRASE_LIMIT
    assert "local authorities are not eligible" in phrase
    assert phrase in text


def test_eligibility_text_is_read_before_the_summary() -> None:
    assert (
        council_eligibility("Councils can apply.", "Local authorities are not eligible.")[0]
        == "yes"
    )
    assert council_eligibility(None, "Local authorities are not eligible.")[0] == "no"


def test_many_mentions_are_judged() -> None:
    # Its speed (once about seven seconds) is measured in benchmarks/hostile_input.py.
    assert council_eligibility("councils " * 10_000)[0] == "yes"
