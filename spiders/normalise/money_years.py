"""Pure: money spread over several years ("£50 million capital funding over two years", "The
programme will provide £2.5 million over three years"): a programme's settlement, or one award's?

Said as "funding" ("£50 million capital funding over two years") it is a programme's. Without that
word it is a programme's only when a programme is what provides it ("The scheme will provide £1.2m
over three years"): a bare "£1.2m over three years" in an amount field is, like any bare figure, one
award of that size (a fellowship's, a council's allocation), and in prose no amount at all. A cap or
floor before it ("Up to £50,000 across two years") keeps it one award's either way.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_OVER_YEARS_AFTER = re.compile(
    r"(?:\s+of)?(?:\s+(?:new|additional|extra|further|capital|revenue|grant))*(?P<funding>\s+funding)?\s+"
    r"(?:over|across)\s+(?:the\s+)?(?:next\s+|coming\s+)?(?:\d+|two|three|four|five|six|seven|eight|"
    r"nine|ten|several|multiple)\s+(?:financial\s+)?years\b",
    re.IGNORECASE,
)
# Who provides it, in the figure's clause: a programme or a government body, never an applicant.
_PROGRAMME_SUBJECT = re.compile(
    r"\b(?:programme|scheme|fund|initiative|competition|government|department|ministry)\b",
    re.IGNORECASE,
)


def programme_years(text: str, end: int, clause: str, bounded: Callable[[], bool]) -> bool:
    """Whether the words after the figure (ending at `end`) spread it over years as a programme's.

    `clause` is the figure's clause up to it; `bounded()` says a cap or floor comes before it."""
    years = _OVER_YEARS_AFTER.match(text, end)
    if years is None:
        return False
    if years["funding"]:
        return True
    return _PROGRAMME_SUBJECT.search(clause) is not None and not bounded()


# "£1 million each year is available", "£2m per annum through the scheme": how often the sum comes
# stands between a figure and the words that say what it is, so they are read after it.
_YEARLY_AFTER = re.compile(
    r"\s*(?:(?:a|per|each|every)\s+(?:year|annum)\b|p\.a\.|annually\b)", re.IGNORECASE
)


def yearly_end(text: str, end: int) -> int:
    """Where the words after a figure (ending at `end`) begin, past a yearly "a year", "per annum"."""
    yearly = _YEARLY_AFTER.match(text, end)
    return yearly.end() if yearly else end
