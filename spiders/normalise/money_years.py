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

from config.lazy_pattern import lazy_pattern

_OVER_YEARS_AFTER = lazy_pattern(
    r"(?:\s+of)?(?:\s+(?:new|additional|extra|further|capital|revenue|grant))*(?P<funding>\s+funding)?\s+"
    r"(?:over|across)\s+(?:the\s+)?(?:next\s+|coming\s+)?(?:\d+|two|three|four|five|six|seven|eight|"
    r"nine|ten|several|multiple)\s+(?:financial\s+)?years\b",
    re.IGNORECASE,
)
# Who provides it, in the figure's clause: a programme or a government body, never an applicant.
# A pilot is a programme on trial ("The pilot will provide £120,000 over two years").
_PROGRAMME_SUBJECT = lazy_pattern(
    r"\b(?:programme|scheme|fund|initiative|competition|pilot|government|department|ministry)\b",
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
_YEARLY_AFTER = lazy_pattern(
    r"\s*(?:(?:a|per|each|every)\s+(?:year|annum)\b|p\.a\.|annually\b)", re.IGNORECASE
)


def yearly_end(text: str, end: int) -> int:
    """Where the words after a figure (ending at `end`) begin, past a yearly "a year", "per annum"."""
    yearly = _YEARLY_AFTER.match(text, end)
    return yearly.end() if yearly else end


# "£10k a year for three years (£30k in total)", "Up to £15,000 per year, for a maximum of 3 years
# (£45,000 total)": the years of one award summed, in brackets after it. Read as "in total" it was
# the whole fund's size (fund_total £30,000 for a £10k-a-year grant); it is the award again, which
# its yearly figure already gives, so it is no other money on offer.
_AWARD_YEARS_OPEN = lazy_pattern(
    # "p.a." itself: the clause a figure is read in starts after a full stop, so after "p.a.".
    r"(?:(?:\b(?:a|per|each|every)\s+(?:year|annum)\b|\bp\.a\.)[^()£.]{0,40}?|^\s*)"
    r"\b(?:for|over|across)\s+(?:up\s+to\s+|a\s+maximum\s+of\s+|a\s+max(?:imum)?\.?\s+of\s+)?"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+years?\W{0,3}\(\s*$",
    re.IGNORECASE,
)


def award_years_sum(before: str) -> bool:
    """Whether a figure (after `before`) is in brackets summing the yearly award just before it."""
    return _AWARD_YEARS_OPEN.search(before) is not None
