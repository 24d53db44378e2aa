"""one_line and tidy without regex substitutions on the hot path (benchmarks/parse_listing.py):
the same words as the substitutions they replace, for every whitespace character and for
seeded random text with spaces before marks."""

from __future__ import annotations

import random
import re
import sys

from spiders.element_text import one_line
from spiders.loose_labels import tidy

_SPACE = re.compile(r"\s+")
_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?)])")


def _one_line_by_regex(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _tidy_by_regex(text: str) -> str:
    return _BEFORE_PUNCT.sub(r"\1", _one_line_by_regex(text))


def test_split_breaks_at_exactly_the_characters_a_regex_space_matches():
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if re.fullmatch(r"\s", chr(c))]
    assert "\xa0" in spaces and "\u2009" in spaces and "\x1f" in spaces
    for space in spaces:
        text = f"{space}Closing{space}{space}date:{space}31 March{space}"
        assert one_line(text) == _one_line_by_regex(text) == "Closing date: 31 March"
    assert [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()] == spaces


def test_tidy_reads_as_the_substitution_did_on_random_text():
    rng = random.Random(15)
    pieces = ["EPSRC", "£5,000", "Open", " ", "  ", "\n", "\xa0", ",", ".", ";", ":", "!", "?", ")"]
    pieces += ["(", "-", "\t", "a", "Councils"]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert tidy(text) == _tidy_by_regex(text), repr(text)
    assert tidy("EPSRC , ESRC\n.") == "EPSRC, ESRC."
