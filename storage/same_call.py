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
from config.lazy_pattern import lazy_pattern
from storage.call_names import (
    MONTH_NAMES,
    bracketed,
    call_name,
    funder_in_title,
    kind_aligned,
    markers,
    without_years,
)
from storage.cut_titles import cut, uncut
from storage.extensions import extended
from storage.funders import family_names, same_funder
from storage.headlines import amounts
from storage.initials import JOINING, LEAD_LETTERS, capitals, contracted, letters
from storage.strands import strand_aside
from storage.welsh_names import reads_welsh

TITLE_THRESHOLD = 92
# A looser first pass in C over every candidate title; `same_call` then decides on the few left.
PREFILTER_THRESHOLD = 85


def same_call(record: dict[str, Any], existing: dict[str, Any]) -> bool:
    title_a, title_b = record.get("title"), existing.get("title")
    if title_a and title_b and (cut(title_a) or cut(title_b)):
        # A card's title cut short, made whole from the other's or not the same (cut_titles.py).
        record, existing = _uncut(record, title_a, title_b), _uncut(existing, title_b, title_a)
        if record is None or existing is None:
            return False
    name_a = own_name(record.get("title"), record.get("funder"))
    name_b = own_name(existing.get("title"), existing.get("funder"))
    if not name_a or not name_b:
        return False
    name_a, name_b = _spelled_alike(record.get("title"), name_a, existing.get("title"), name_b)
    day_a, day_b = _close_day(record.get("closes_at")), _close_day(existing.get("closes_at"))
    if day_a is not None and day_a == day_b:
        # One deadline, to the day: the programme's name on one source is the call's on another
        # ("Develop Your Creative Practice" / "… round 21", "Smart Grants" / "…: January 2027").
        name_a, name_b = _dated_aside(record.get("title"), name_a, existing.get("title"), name_b)
        # A strand on one source only ("… – Capital strand"): the programme's listing on another.
        name_a, name_b = strand_aside(name_a, name_b)
    (years_a, numbers_a), (years_b, numbers_b) = markers(name_a), markers(name_b)
    if numbers_a != numbers_b:
        return False
    # A headline's pot size on one side only tells nothing; two tiers of one programme do.
    money_a, money_b = _money(record.get("title")), _money(existing.get("title"))
    if money_a and money_b and money_a != money_b:
        return False
    # A year on one side only ("… grants 2026 to 2027") tells nothing apart when both deadlines are
    # known and agree; with a deadline missing, the year is all there is to go on.
    if years_a != years_b and (years_a and years_b or day_a is None or day_b is None):
        return False
    plain_a, plain_b = kind_aligned(without_years(name_a), without_years(name_b))
    if fuzz.token_sort_ratio(plain_a, plain_b) < TITLE_THRESHOLD:
        return False
    funder_a = record.get("funder") or funder_in_title(record.get("title"))
    funder_b = existing.get("funder") or funder_in_title(existing.get("title"))
    if not same_funder(funder_a, funder_b):
        return False
    # A source that gives no deadline (a news feed) is compatible with any.
    if day_a is None or day_b is None or abs((day_a - day_b).days) <= 1:
        return True
    # A deadline extended, as one source says and the other has not caught up (storage/extensions.py).
    return extended(record.get("title"), day_a, day_b) or extended(
        existing.get("title"), day_b, day_a
    )


def _uncut(listing: dict[str, Any], title: str, other: str) -> dict[str, Any] | None:
    if not cut(title):
        return listing
    whole = uncut(title, other)
    return None if whole is None else {**listing, "title": whole}


def _dated_aside(title_a, name_a: str, title_b, name_b: str) -> tuple[str, str]:
    """Two names one of which is the other with only a round's number or a month more ("… round
    21", "…: January 2027"): the shorter for both. A number the title gives with no round word is
    the name's own ("Million Hours Fund 2" is a sequel); a lot's or strand's word stays."""
    (short, _), (long, title) = sorted(
        ((name_a.split(), title_a), (name_b.split(), title_b)), key=lambda n: len(n[0])
    )
    extra = long[len(short) :]
    if not extra or long[: len(short)] != short:
        return name_a, name_b
    staged = bool(title) and bool(_STAGED.search(title))
    if all(w in MONTH_NAMES or w.isdigit() and (staged or len(w) == 4) for w in extra):
        return " ".join(short), " ".join(short)
    return name_a, name_b


_STAGED = lazy_pattern(
    r"\b(?:round|phase|wave|stage|tranche|window|cohort|r|rd)\s?"
    r"(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|i|ii|iii|iv|v|vi)\b)",
    re.I,
)


def _spelled_alike(title_a, name_a: str, title_b, name_b: str) -> tuple[str, str]:
    """Initials on one side ("LUF round 3") and the name they stand for on the other ("Levelling Up
    Fund Round 3"): the name is read as its initials ("luf 3"), so the rest compares as ever."""
    written_a, written_b = capitals(title_a), capitals(title_b)
    words_a, words_b = name_a.split(), name_b.split()
    for short in written_a - set(words_b):
        if short in words_a:
            words_b = contracted(words_b, short, written_b) or words_b
    for short in written_b - set(words_a):
        if short in words_b:
            words_a = contracted(words_a, short, written_a) or words_a
    return " ".join(words_a), " ".join(words_b)


def _money(title: str | None) -> frozenset[int]:
    return amounts(title.casefold()) if title and "£" in title else frozenset()


def _close_day(value: Any):
    when = value if isinstance(value, datetime) else parse_iso(value)
    return when.astimezone(LONDON).date() if when else None


@lru_cache(maxsize=8192)
def own_name(title: str | None, funder: str | None) -> str:
    """The call's name without its funder's name before it: UKRI's finder lists "Innovate UK Smart
    Grants" where Innovate UK's own site says "Smart Grants"."""
    name = call_name(title)
    # With no funder given, a bulletin's title may name it first ("Sport England - Together Fund").
    titled = funder_in_title(title) if not funder else None
    # A digest writes the funder after the name, in brackets: "Movement Fund (Sport England)".
    # Only in brackets: "Local Heritage Fund" from the Heritage Fund is no "Local".
    after = bracketed(title) if title and title.endswith(")") else None
    for prefix in _prefixes(funder) if funder else (titled + " ",) if titled else ():
        if name.startswith(prefix):
            rest = name[len(prefix) :]
            # "Youth Endowment Fund Window 2" from the Youth Endowment Fund keeps its name.
            if _NAME_WORDS.search(rest):
                name = rest
                break
        if after and after == prefix.rstrip() and name.endswith(" " + after):
            name = name[: -len(after) - 1]
            break
    # The lottery's good-cause brand before a programme's name, which one source writes and another
    # leaves out: "National Lottery Awards for All England", "National Lottery Project Grants".
    if name.startswith(_BRAND) and _NAME_WORDS.search(name[len(_BRAND) :]):
        return name[len(_BRAND) :]
    return name


_BRAND = "national lottery "


@lru_cache(maxsize=1024)
def _prefixes(funder: str) -> tuple[str, ...]:
    return tuple(name + " " for name in family_names(funder))


# A word of a pot's own name: not a number, nor only a word for a kind of pot or a joining word.
_NAME_WORDS = lazy_pattern(
    r"\b(?!(?:fund|grant|award|awards|prize|challenge|competition|funding|the|of|for|and)\b)"
    r"[a-z][a-z']*"
)


def near_titles(title: str | None, candidates: dict[Any, str]) -> list[Any]:
    """Keys of the candidates whose titles could be the same call (cheap on thousands): those the
    title or its call name scores near, best first for each, then any an initialism or a Welsh
    title needs read closely. Not one ranking: same_call() decides on each."""
    if not title or not candidates:
        return []
    found: dict[Any, None] = {}
    # The title as written, and its call name ("Apply now: …", "… EOI" and "Scheme" for "Programme"
    # set aside), each against the candidates as written: in C, as reading thousands of candidates'
    # call names in Python would not be.
    for query in dict.fromkeys((default_process(title), call_name(title))):
        hits = process.extract(
            query,
            candidates,
            # Set, not sort: a twin whose title is the other's words and more ("… (LAHF) round 3:
            # prospectus") scores 100 here, and same_call() reads both names properly on the few kept.
            scorer=fuzz.token_set_ratio,
            processor=default_process,
            score_cutoff=PREFILTER_THRESHOLD,
            limit=None,
        )
        found.update(dict.fromkeys(key for _, _, key in hits))
    # Initials ("LUF round 3") and the name they stand for, or a Welsh title and its English twin,
    # share no words to score: the index gave only candidates with the same first initials (or key)
    # and deadline, and same_call() reads them properly.
    if _closer_look(title):
        found.update(dict.fromkeys(candidates))
    else:
        found.update(dict.fromkeys(k for k, t in candidates.items() if _closer_look(t)))
    return list(found)


@lru_cache(maxsize=8192)
def _closer_look(title: str | None) -> bool:
    return bool(title) and (bool(capitals(title)) or reads_welsh(title.casefold()))


# Joining words (storage/initials.JOINING) carry no identity in a call's title: "Fund for X" and
# "X Fund" are one call. A page of new calls asks for each title's key and lead up to three times (reading, matching, deriving).
# Read from the call's name, not the title as written: "Apply now: Green Heat Network Fund" and
# "Innovate UK Smart Grants" (from Innovate UK) lead with the word their twins lead with.
@lru_cache(maxsize=4096)
def _tokens(title: str | None, funder: str | None) -> tuple[str, ...]:
    return tuple(t for t in own_name(title, funder).split() if t not in JOINING)


# The kind of pot is house style ("Improving Lives grants" is the funder's "Improving Lives",
# "Small Grants programme" its "Small Grants"): no part of the key, unless it is all the name.
_KIND_WORDS = frozenset({"fund", "grant"})


@lru_cache(maxsize=4096)
def title_key(title: str | None, funder: str | None = None) -> str:
    """The words of a call's name, sorted: the same for the same call however punctuated or ordered.
    The repository indexes it, so a twin is found by a lookup, not by reading every title."""
    words = set(_tokens(title, funder))
    return " ".join(sorted(words - _KIND_WORDS or words))


@lru_cache(maxsize=4096)  # asked again of a new call when it is matched and when it is derived
def title_lead(title: str | None, funder: str | None = None) -> str:
    """A call name's first initials (storage/initials.py): near-identical titles share them, and so
    do a pot's name and its initials ("Levelling Up Fund" and "LUF"): the index that, with the
    closing date, finds candidates for the fuzzy comparison."""
    # A month ("Smart Grants: January 2027") is the call's date, not its name.
    tokens = _tokens(title, funder)
    if not MONTH_NAMES.isdisjoint(tokens):  # most names have none: spare them the copy
        tokens = tuple(t for t in tokens if t not in MONTH_NAMES)
    return letters(tokens, capitals(title), LEAD_LETTERS)
