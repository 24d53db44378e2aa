"""Council eligibility verdicts, driven by tests/cases/eligibility.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from spiders.eligibility import PHRASE_LIMIT, council_eligibility

CASES = Path(__file__).parent / "cases"
ROW_KEYS = {"input", "summary", "expected", "note"}
VERDICTS = {"yes", "no", "unclear"}


def table(name: str) -> list:
    rows = yaml.safe_load((CASES / name).read_text(encoding="utf-8"))
    params = []
    for index, row in enumerate(rows):
        unknown = set(row) - ROW_KEYS
        assert not unknown, f"{name} row {index + 1}: unknown keys {sorted(unknown)}"
        assert "input" in row and "expected" in row, (
            f"{name} row {index + 1}: needs input and expected"
        )
        assert row["expected"][0] in VERDICTS, (
            f"{name} row {index + 1}: verdict must be a quoted yes/no/unclear"
        )
        label = str(row.get("note") or repr(row["input"] or row.get("summary")))[:70]
        params.append(pytest.param(row, id=f"{index + 1:02d} {label}"))
    return params


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
