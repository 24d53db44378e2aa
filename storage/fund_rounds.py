"""Pure: which fund a call's title names, and which round of it.

Funds that run again and again say which run a call is in its title: "Round 8", "round eight",
"Second round", "2027 to 2028", "2027-28", "Wave 3", "Phase II", "Cohort 2", "Window 4",
"Competition 25", "January 2027", "Autumn 2027", "2027". The fund key is the title without that
marker, reduced to its words: "Local Digital Fund: Round 8 opens for applications" and "Local Digital
Fund – Round 7" are both `local digital fund`, so the repository can keep a fund's rounds together
(storage/fund_history.py) and a team can see when the last ones opened and closed.

Words after the marker are usually about this round ("opens for applications", "late stage awards",
"allocations to councils"), so the fund's name is what comes before it, unless too little does
("Round 2: Community Renewal Fund").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from config.lazy_pattern import lazy_pattern

_COUNTS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty"
).split()
_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
ROMAN = dict(zip("i ii iii iv v vi vii viii ix x".split(), range(1, 11), strict=True))
COUNTS = dict(zip(_COUNTS, range(1, 21), strict=True))
ORDINALS = dict(zip(_ORDINALS, range(1, 21), strict=True))
_NUMBER_WORDS = COUNTS | ORDINALS
MONTHS = (
    "january february march april may june july august september october november december".split()
)
_MONTH_NUMBER = {name[:3]: number for number, name in enumerate(MONTHS, 1)}
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}

# The words a fund calls one of its runs.
_STAGE = r"round|wave|phase|cohort|window|tranche|call|competition|intake|batch"
_COUNT = "|".join(_COUNTS)
_ORDINAL = "|".join(_ORDINALS)
_MARKER = lazy_pattern(
    # "Round 8", "Round 8B", "round no. 3", "Phase II", "Wave three"
    rf"\b(?P<stage>{_STAGE})\s*(?:no\.?\s*|number\s+)?(?P<number>\d{{1,3}}[a-z]?|{_COUNT}|"
    r"(?:viii|vii|iii|ii|iv|vi|ix|v|x|i))(?![\w'-])"
    # "Second round", "8th round"
    rf"|\b(?P<ordinal>{_ORDINAL}|\d{{1,2}}(?:st|nd|rd|th))\s+(?P<stage2>{_STAGE})\b"
    # "2027 to 2028", "2027-28", "2027/2028", "FY 2027/28"
    r"|\b(?:fy\s*)?(?P<from>20\d\d)\s*(?:to|-|–|—|/)\s*(?P<to>(?:20)?\d\d)(?![\w-])"
    # "January 2027", "Autumn 2026", "Jan 2027"
    rf"|\b(?P<month>{'|'.join(MONTHS)}|{'|'.join(m[:3] for m in MONTHS)}|"
    rf"{'|'.join(_SEASONS)})\.?\s+(?P<month_year>20\d\d)\b"
    # "2027" on its own
    r"|(?<![\w£$.,/-])(?P<year>20\d\d)(?![\w%/-])",
    re.IGNORECASE,
)
# What every marker above holds: a run's word, or a year. A title with neither (most of them) skips
# the long pattern, which costs more than the rest of deriving an opportunity.
_MAYBE_MARKED = lazy_pattern(rf"20\d\d|{_STAGE}", re.IGNORECASE)
# Words that carry no identity at either end of a fund's name.
_EDGE_WORDS = frozenset(
    "the a an of for and to in on with by from at fund's prospectus guidance".split()
)
_WORD = lazy_pattern(r"[a-z0-9£]+")
MIN_NAME_WORDS = 2  # fewer before the marker, and the fund's name is the whole title


@dataclass(frozen=True)
class FundRound:
    key: str  # the fund, without its round: "local digital fund"
    label: str | None  # the round as people say it: "Round 8", "2027 to 2028"; None when unmarked


def _number(text: str) -> int | None:
    word = text.casefold()
    digits = re.match(r"\d+", word)
    if digits:
        return int(digits.group(0))
    return _NUMBER_WORDS.get(word) or ROMAN.get(word)


def _label(match: re.Match[str]) -> tuple[str, tuple[str, int]] | None:
    """The marker as a label, and (family, number) to order rounds of one family by."""
    parts = match.groupdict()
    if parts["stage"]:
        number = _number(parts["number"])
        digits = parts["number"][0].isdigit()
        suffix = re.sub(r"^\d+", "", parts["number"]).upper() if digits else ""
        if number is None:
            return None
        stage = parts["stage"].capitalize()
        return f"{stage} {number}{suffix}", (stage.casefold(), number)
    if parts["stage2"]:
        number = _number(re.sub(r"(?<=\d)(st|nd|rd|th)$", "", parts["ordinal"].casefold()))
        if number is None:
            return None
        stage = parts["stage2"].capitalize()
        return f"{stage} {number}", (stage.casefold(), number)
    if parts["from"]:
        first, second = int(parts["from"]), parts["to"]
        last = int(second) if len(second) == 4 else (first // 100) * 100 + int(second)
        if last != first + 1:
            return None  # "2027-29" or a range of numbers, not one financial year
        return f"{first} to {last}", ("year", first * 100 + 4)  # a financial year starts in April
    if parts["month"]:
        name = parts["month"].casefold()
        month = _SEASONS.get(name) or _MONTH_NUMBER[name[:3]]
        shown = (name if name in _SEASONS else MONTHS[month - 1]).capitalize()
        year = int(parts["month_year"])
        return f"{shown} {year}", ("year", year * 100 + month)
    year = int(parts["year"])
    return str(year), ("year", year * 100)


def _markers(title: str) -> list[tuple[re.Match[str], str, tuple[str, int]]]:
    found: list[tuple[re.Match[str], str, tuple[str, int]]] = []
    if not _MAYBE_MARKED.search(title):
        return found
    for match in _MARKER.finditer(title):
        labelled = _label(match)
        if labelled is not None:
            found.append((match, *labelled))
    return found


def _words(text: str) -> list[str]:
    words = _WORD.findall(text.casefold().replace("&", " and ").replace("'", "").replace("’", ""))
    while words and words[0] in _EDGE_WORDS:
        words.pop(0)
    while words and words[-1] in _EDGE_WORDS:
        words.pop()
    return words


@lru_cache(maxsize=4096)  # a re-crawl derives the same titles again
def fund_round(title: str | None) -> FundRound:
    """The fund a title names and its round marker (pure; the same title, the same answer)."""
    text = (title or "").strip()
    markers = _markers(text)
    if not markers:
        return FundRound(" ".join(_words(text)), None)
    before = _words(text[: markers[0][0].start()])
    if len(before) >= MIN_NAME_WORDS:
        name = before
    else:
        rest, last = [], 0
        for match, _, _ in markers:
            rest.append(text[last : match.start()])
            last = match.end()
        rest.append(text[last:])
        name = _words(" ".join(rest))
    return FundRound(" ".join(name), ", ".join(label for _, label, _ in markers))


def round_order(label: str | None) -> tuple[tuple[str, ...], tuple[int, ...]] | None:
    """Rounds of one fund in order: (families, numbers) of a label, e.g. (('year', 'round'),
    (202600, 4)) for "2026 to 2027, Round 4"; None for no label. Two labels compare only when
    their families agree ("Round 8" and "2027" say nothing about each other's order)."""
    if not label:
        return None
    markers = _markers(label)
    if not markers:
        return None
    return tuple(f for _, _, (f, _) in markers), tuple(n for _, _, (_, n) in markers)
