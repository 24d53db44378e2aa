"""Keywords that cannot be what their writer meant, for the loader to name (tags.yaml's `any`,
`all`, `none`, `except_in`; subscriptions' `keywords` and `exclude_keywords`).

A keyword is literal words (config/keywords.py): `C++`, `R&D`, `(approx.)` mean those characters.
So a curator who writes a regular expression (`"heat (pump|network)s?"`, `"^retrofit.*"`) gets a
keyword that looks for those very symbols and never matches a call, and nothing said so. Only
what a funding call's words never hold is taken for a pattern: an alternation bar, `.*`/`.+`, a
backslash class (`\\b`, `\\w`), a leading `^`, a character class (`[a-z`, `[^…`), a group's
quantifier or flag (`)?`, `(?i)`), a brace count (`{2}`), a `?` inside a word (`colou?r`).
"""

from __future__ import annotations

from config.keywords import is_blank
from config.lazy_pattern import lazy_pattern

BLANK = "blank keyword: nothing left to look for once spaces, hyphens and a trailing * are removed"
PATTERN = (
    "reads as a regular expression, but a keyword is words, matched as written: write each "
    "alternative as its own keyword (a list matches any of them); a trailing * is the only wildcard"
)

_REGEX_SHAPES = lazy_pattern(
    r"\|"  # alternation
    r"|\.[*+]"  # any characters
    r"|\\[A-Za-z0-9]"  # \b \w \d \s \1
    r"|^\s*\^"  # anchored at the start
    r"|\[\^|\[\w-\w"  # a negated class, a range class
    r"|[)\]][?*+]"  # a group or class made optional or repeated
    r"|\(\?"  # (?i), (?:…)
    r"|\{\d+(?:,\d*)?\}"  # {2}, {1,3}
    r"|[^\W\d_]\?[^\W\d_]"  # colou?r
)


def keyword_problem(keyword: str) -> str | None:
    """Why this keyword cannot match what its writer meant, or None."""
    if is_blank(keyword):
        return BLANK
    if _REGEX_SHAPES.search(keyword):
        return PATTERN
    return None
