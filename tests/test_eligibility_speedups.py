"""The cue patterns tried at word starts only (spiders/word_starts.py: eligibility's cues, and the
labels of dates in running text) find exactly what the same patterns tried at every character find: compared, match by match and group by group, on
every text of the case tables, as written and as the reader folds it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from config.keywords import fold
from config.yaml_file import parse_yaml
from spiders.eligibility import clauses, lead_ins, mentions, partner_lead_ins
from spiders.normalise import date_labels
from spiders.word_starts import GUARD

CASES = Path(__file__).parent / "cases"


def texts() -> list[str]:
    found: list[str] = []

    def walk(value) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for table in sorted(CASES.glob("*.yaml")):
        walk(parse_yaml(table.read_text(encoding="utf-8")))
    return found + [fold(text) for text in found]


CORPUS = texts()


def plain(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The same pattern without the word-start guard: tried at every character."""
    head = f"{GUARD}(?:"
    assert pattern.pattern.startswith(head) and pattern.pattern.endswith(")"), pattern.pattern[:40]
    return re.compile(pattern.pattern[len(head) : -1], pattern.flags)


@pytest.mark.parametrize(
    ("pattern", "least"),
    [
        (lead_ins.LEAD_INS, 100),
        (clauses.VERBS, 100),
        (partner_lead_ins.PARTNER_LEAD_INS, 100),
        (partner_lead_ins.NOT_NEEDED, 5),  # rare wording: the elig11 rows
        (mentions._COUNCIL_TYPED, 100),
        (date_labels.CLOSES, 100),
        (date_labels.OPENS, 100),
    ],
    ids=[
        "lead-ins",
        "verbs",
        "partner lead-ins",
        "partner wording not needed",
        "council mentions",
        "closes",
        "opens",
    ],
)
def test_word_start_patterns_match_as_the_plain_ones_do(pattern, least):
    everywhere = plain(pattern)
    compared = 0
    for text in CORPUS:
        got = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        expected = [(m.span(), m.groups()) for m in everywhere.finditer(text)]
        assert got == expected, text
        compared += len(expected)
    assert len(CORPUS) > 5_000 and compared >= least  # the tables are read, and the patterns match
