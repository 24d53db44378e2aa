"""Pure: is a sighting from one source the same funding call as an opportunity already stored from another?

Same canonical URL is decided by the caller. Here: a near-identical title from a compatible funder with
a compatible closing date, the wording that differs between sources set aside (storage/call_names.py).
Different rounds or years ("Round 1" / "Round 2", "2025 to 2026" / "2026-27") never match.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from config.clock import LONDON, parse_iso
from storage.call_names import call_name, initials, markers, without_years

TITLE_THRESHOLD = 92
# A looser first pass in C over every candidate title; `same_call` then decides on the few left.
PREFILTER_THRESHOLD = 85
FUNDER_THRESHOLD = 85
_WORDS = re.compile(r"[^\w£]+")


def simplify(text: str | None) -> str:
    return _WORDS.sub(" ", (text or "").casefold()).strip()


def same_call(record: dict[str, Any], existing: dict[str, Any]) -> bool:
    name_a, name_b = call_name(record.get("title")), call_name(existing.get("title"))
    if not name_a or not name_b:
        return False
    (years_a, numbers_a), (years_b, numbers_b) = markers(name_a), markers(name_b)
    if numbers_a != numbers_b:
        return False
    day_a, day_b = _close_day(record.get("closes_at")), _close_day(existing.get("closes_at"))
    # A year on one side only ("… grants 2026 to 2027") tells nothing apart when both deadlines are
    # known and agree; with a deadline missing, the year is all there is to go on.
    if years_a != years_b and (years_a and years_b or day_a is None or day_b is None):
        return False
    if fuzz.token_sort_ratio(without_years(name_a), without_years(name_b)) < TITLE_THRESHOLD:
        return False
    if not same_funder(record.get("funder"), existing.get("funder")):
        return False
    # A source that gives no deadline (a news feed) is compatible with any.
    return day_a is None or day_b is None or abs((day_a - day_b).days) <= 1


def _close_day(value: Any):
    when = value if isinstance(value, datetime) else parse_iso(value)
    return when.astimezone(LONDON).date() if when else None


# Funders that list one another's calls under their own names: UKRI's funding finder lists Innovate
# UK's and the research councils' competitions as "UK Research and Innovation" or as the council. A
# department renamed, or split, is listed under its old name and its new ones for years; and a
# department's calls under the body that runs them for it.
_FAMILIES = (
    (
        "uk research and innovation", "ukri", "innovate uk", "research england",
        "engineering and physical sciences research council", "epsrc",
        "economic and social research council", "esrc", "arts and humanities research council",
        "ahrc", "biotechnology and biological sciences research council", "bbsrc",
        "medical research council", "mrc", "natural environment research council", "nerc",
        "science and technology facilities council", "stfc",
    ),
    (
        "ministry of housing communities and local government", "mhclg",
        "department for levelling up housing and communities", "dluhc",
        "department for communities and local government", "dclg", "homes england",
    ),
    (
        "department for business energy and industrial strategy", "beis",
        "department for energy security and net zero", "desnz",
        "department for science innovation and technology", "dsit",
    ),
    (
        "department for culture media and sport", "department for digital culture media and sport",
        "dcms",
    ),
    ("department for transport", "dft", "active travel england"),
    (
        "department for environment food and rural affairs", "defra", "environment agency",
        "natural england", "forestry commission", "rural payments agency",
    ),
)  # fmt: skip
_FAMILY_OF = {name: number for number, family in enumerate(_FAMILIES) for name in family}
_FAMILY_NAME = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, _FAMILY_OF), key=len, reverse=True)) + r")\b"
)


def _families(funder: str) -> set[int]:
    return {_FAMILY_OF[m.group(0)] for m in _FAMILY_NAME.finditer(funder)}


def same_funder(a: str | None, b: str | None) -> bool:
    """Whether two sources' funders can be the one behind the same call: near-identical names, or
    two bodies of one family ("Innovate UK" and "UK Research and Innovation")."""
    funder_a, funder_b = simplify(a), simplify(b)
    if not funder_a or not funder_b:
        return False
    if fuzz.token_set_ratio(funder_a, funder_b) >= FUNDER_THRESHOLD:
        return True
    # "DfT" for "Department for Transport", "MHCLG" for "Ministry of Housing, Communities and …"
    if funder_a in initials(funder_b) or funder_b in initials(funder_a):
        return True
    return bool(_families(funder_a) & _families(funder_b))


def near_titles(title: str | None, candidates: dict[Any, str]) -> list[Any]:
    """Keys of the candidates whose titles could be the same call, best first (cheap on thousands)."""
    if not title or not candidates:
        return []
    hits = process.extract(
        title,
        candidates,
        # Set, not sort: a twin whose title is the other's words and more ("… (LAHF) round 3:
        # prospectus") scores 100 here, and same_call() reads both names properly on the few kept.
        scorer=fuzz.token_set_ratio,
        processor=default_process,
        score_cutoff=PREFILTER_THRESHOLD,
        limit=None,
    )
    return [key for _, _, key in hits]


# Words that carry no identity in a call's title: "Fund for X" and "X Fund" are one call.
_STOPWORDS = frozenset({"the", "a", "an", "of", "for", "and", "to", "in", "on", "with", "by"})


# A page of new calls asks for each title's key and lead up to three times (reading, matching, deriving).
@lru_cache(maxsize=4096)
def _tokens(title: str | None) -> tuple[str, ...]:
    words = simplify((title or "").replace("&", " and ")).split()
    return tuple(t for t in words if t not in _STOPWORDS)


@lru_cache(maxsize=4096)
def title_key(title: str | None) -> str:
    """The words of a title, sorted: the same for the same call however punctuated or ordered. The
    repository indexes it, so a twin is found by a lookup, not by reading every title."""
    return " ".join(sorted(set(_tokens(title))))


def title_lead(title: str | None) -> str:
    """A title's first significant word: near-identical titles share it (the index that, with the
    closing date, finds candidates for the fuzzy comparison)."""
    tokens = _tokens(title)
    return tokens[0] if tokens else ""
