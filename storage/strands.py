"""Pure: a strand of a programme named on one source only, and listings that name two different ones.

A funder's page lists "Swimming Pool Support Fund – Capital strand" where Find a Grant lists only
the programme, "Swimming Pool Support Fund", closing the same day: one call, the strand set aside
for the comparison (storage/same_call.py). A strand on each side, or a round's or stage's number on
each side, that differ are two calls; and since one source's plain programme name may stand beside
either, an opportunity that holds "… Stage 1" is never joined by "… Stage 2" through its plain
listing (`apart`, asked of each listing of the opportunity a listing would join: storage/twins.py).
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern
from storage.call_names import markers

# "capital strand", "revenue stream", as call_names.call_name() leaves them (brackets and dashes gone).
_STRAND = lazy_pattern(r"\b([a-z]+) (?:strand|stream)\b")


def strand(name: str) -> str | None:
    """The strand a call name names ("capital"), or None."""
    found = _STRAND.search(name)
    return found[1] if found else None


def strand_aside(name_a: str, name_b: str) -> tuple[str, str]:
    """Two call names one of which names a strand the other names none of: that strand set aside,
    if what is left is the other name's words exactly. Not merely near: "… – capital strand" and
    "… (revenue)" of a long name would score near once the strand is gone."""
    found_a, found_b = _STRAND.search(name_a), _STRAND.search(name_b)
    if bool(found_a) == bool(found_b):
        return name_a, name_b
    if found_a:
        rest, other = _without(name_a, found_a), name_b
    else:
        rest, other = _without(name_b, found_b), name_a
    if sorted(rest.split()) != sorted(other.split()):
        return name_a, name_b
    return rest, other


def _without(name: str, found: re.Match[str]) -> str:
    return " ".join((name[: found.start()] + name[found.end() :]).split())


def qualified(name: str) -> bool:
    """Whether a call name says which round, stage, lot, year or strand it is."""
    years, numbers = markers(name)
    return bool(years or numbers or _STRAND.search(name))


def apart(name_a: str, name_b: str) -> bool:
    """Whether two call names say they are different rounds, stages, lots, years or strands: each
    names one, and they differ. A name that says none is apart from neither; nor is a year within
    the other's span ("2026", a card cut short, and "2026 to 2027")."""
    (years_a, numbers_a), (years_b, numbers_b) = markers(name_a), markers(name_b)
    strand_a, strand_b = strand(name_a), strand(name_b)
    return (
        bool(numbers_a and numbers_b and numbers_a != numbers_b)
        or bool(years_a and years_b and not (years_a <= years_b or years_b <= years_a))
        or bool(strand_a and strand_b and strand_a != strand_b)
    )
