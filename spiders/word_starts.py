"""Cue patterns tried only where one of their alternatives can begin.

Each alternative of the big cue patterns (eligibility's lead-ins, verbs, partner wording and council
mentions; the closing and opening labels dates are read after in running text) begins with \\b and a
word, or with a comma (", which is for") or a pound sign ("£80,000 for"); but
Python's re tries every alternative at every character of a sentence, and rejects each at its own
\\b. Said once in front of the whole alternation, the other positions (inside a word, at a space)
are rejected before any alternative is tried: the lead-in pattern on a 100-character sentence took
100 µs, and takes 42 µs, and judging a call's eligibility 285 µs, and 148 µs. The matches are the
same: tests/test_eligibility_speedups.py compares them with the unguarded patterns' on every text of
the case tables, so an alternative added with its table rows that begins some other way is caught.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern

GUARD = r"(?:\b(?=\w)|(?=[,£]))"


def at_word_starts(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`pattern`, whose alternatives each begin with a word, a comma or "£", tried only there."""
    return lazy_pattern(rf"{GUARD}(?:{pattern})", flags)
