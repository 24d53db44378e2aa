"""Pure: money text in GBP, read the way a bidder reads it.

`parse_amounts` keeps one award's range apart from the whole pot: "Total fund: £4,000,000; Maximum
award: £950,000" → Amounts(min=None, max=950000, total=4000000). `parse_money` is the older, total-blind
reading (the first amount decides) kept for its callers.

Every amount is a pound figure ("£2m", "GBP 250,000", "50,000 pounds"); euros, dollars, percentages and
dates are never money. Each figure is read with the words just before and after it (never further back
than the figure before it), in one left-to-right pass over the text, so hostile text costs linear time.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from spiders.normalise.text import SPACES

# Thousands parted by commas or by spaces ("£3 000 000"; a page's no-break and narrow no-break
# spaces are plain spaces by now): a group is three digits and no more, so "£10 2027" is £10.
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?: \d{3}(?!\d))+(?:\.\d+)?|\d+(?:\.\d+)?"
# Words may follow a space ("£2 million"); abbreviations must touch the number ("£2m", not "£2 more").
# "bn" and "mn" are no English word, so they may stand apart ("£ 1.5 bn").
_MULTIPLIER = r"(?:\s*(?:thousand|million|billion)\b|(?:k|m|mn|bn)\b|\s(?:mn|bn)\b)"
_MONEY = re.compile(
    rf"(?:£|\bgbp\s?)\s*(?P<num>{_NUMBER})(?P<mult>{_MULTIPLIER})?"
    # Not from inside a run of spaced groups ("1 000 000"): each start would read to the run's end.
    rf"|(?<![\w.,])(?<!\d\s)(?P<num2>{_NUMBER})(?P<mult2>{_MULTIPLIER})?\s*(?:gbp|pounds|sterling)\b",
    re.IGNORECASE,
)
_BARE_AMOUNT = re.compile(rf"^\s*(?P<num>{_NUMBER})(?P<mult>{_MULTIPLIER})?\s*$", re.IGNORECASE)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
# The second end of a range may drop the £: "£10,000 - 50,000", "£1-2 million". A year ("2026/27")
# or a day of the month ("- 12 March") is not a range end. Used with .match(text, pos): no "^".
_RANGE_TAIL = re.compile(
    rf"\s*(?P<join>-|–|—|to\b|and\b)\s*(?P<sign>£|gbp\s?)?\s*(?P<num>{_NUMBER})"
    rf"(?P<mult>{_MULTIPLIER})?(?![\d/]|[.,]\d|\s*{_MONTH})",
    re.IGNORECASE,
)
_BETWEEN = re.compile(r"between\s*$", re.IGNORECASE)

# Cues BEFORE a figure end where the figure starts (they are searched with "$" in a short window).
_FILLER = (
    r"(?:\s+(?:a|an|the|total|of|award|awards|grant|grants|funding|value|share|size|sizes|amount|"
    r"amounts|level|request|contribution|sum|per|project|application|bid|is|are|will|be|:))*"
)
_MAX_WORDS = re.compile(
    r"(?:up\s+to|maximum|max\.?|no\s+more\s+than|not\s+(?:to\s+)?exceed(?:ing)?|capped\s+at|"
    r"less\s+than|under|below|as\s+much\s+as|a\s+ceiling\s+of)" + _FILLER + r"\s*:?\s*$",
    re.IGNORECASE,
)
_MIN_WORDS = re.compile(
    r"(?:from(?!\s+(?:the|an?)\b)|at\s+least|minimum|min\.?|more\s+than|greater\s+than|over|above|"
    r"starting\s+(?:at|from)|"
    r"upwards\s+of|in\s+excess\s+of|a\s+floor\s+of)" + _FILLER + r"\s*:?\s*$",
    re.IGNORECASE,
)
# The whole pot: "Total fund:", "Total size of grant scheme", "a share of up to", "a fund of",
# "from a total pot of", "funding pot of", "programme budget of". Not "total costs" (a project's).
_TOTAL_WORDS = re.compile(
    # "Total available funding:", "Total grant funding:": words between "total" and what it totals.
    r"(?:\btotal(?:(?:\s+(?:available|indicative|estimated|capital|revenue|grant))*\s+(?:fund|"
    r"funding|budget|pot|amount|value|available|size\s+of\s+(?:the\s+)?(?:grant\s+)?(?:scheme|fund|"
    r"programme)))?|"
    # "The fund is worth £3.2bn", "The Levelling Up Fund is worth …"
    r"\b(?:fund|funding|programme|scheme|competition|round)\s+(?:(?:is|was|will\s+be)\s+)?worth|"
    # "Innovate UK will invest up to £5 million", "Size of fund:", "Total allocation:"
    r"\binvest(?:s|ing|ment\s+of)?|\bsize\s+of\s+(?:the\s+)?(?:fund|pot|programme|scheme)|"
    r"\btotal\s+allocation|"
    r"\bfund\s+(?:of|size)|\bfunding\s+totall?ing|\b(?:funding\s+)?pot|\bpool|\bshare\s+of|"
    r"\b(?:programme|scheme|fund|competition|overall)\s+budget|\benvelope|"
    # "Councils will share £1.2bn", "20 areas are to split £5m", "councils share £1bn": a sum shared
    # out among many is the pot (a plural subject or a modal makes "share" a verb, not "a share").
    r"\b(?:(?:will|to|would|shall)\s+(?:(?:all|each|jointly|now|also|together)\s+)?"
    r"(?:share|split|divide)|(?<!\bits)(?<!\bthis)(?<!\bhas)(?<!\bwas)(?<!\bis)(?<=[a-z]s)\s+share|"
    r"sharing)(?:\s+(?:in|out))?|"
    # "Allocations from a £110 million top-up", "… from the £190 million Recovery Grant": the pot
    # they are shared out of (but "from £5,000" is a minimum).
    r"\bfrom\s+(?:the|an?)(?:\s+(?:new|further|additional|extra|dedicated|national|total))?"
    # A bare "Budget:" heads the pot; a project's or an applicant's budget is not it.
    r"|(?<!project\s)(?<!projects\s)(?<!your\s)(?<!their\s)\bbudget)"
    r"(?:\s*:|\s+(?:of|is|up\s+to|around|approximately|about|an?|the|over|almost|nearly|"
    r"totall?ing|worth|amounts?\s+to|size|available|for\s+(?:this|the)\s+(?:competition|fund|"
    r"programme|scheme|call|round)))*\s*:?\s*$",
    re.IGNORECASE,
)
# Cues AFTER a figure start right where it ends (used with .match(text, end)).
_VERB = r"(?:(?:is|are|has\s+been|have\s+been|will\s+be|was)\s+)?"
_PER_AWARD_AFTER = re.compile(
    r"\s*(?:per|each|a|for\s+each|for\s+every|for\s+one|in\s+each)\s+(?:award|project|grant|organisation|"
    r"applicant|application|bid|partnership|council|authority|local\s+authority|business|place|"
    r"area|site|recipient|successful)\b|\s*each\b",
    re.IGNORECASE,
)
_TOTAL_AFTER = re.compile(
    rf"\s*[(,]?\s*{_VERB}(?:(?:made\s+)?available\s+)?(?:in\s+total|in\s+the\s+(?:pot|fund)|"
    r"overall|total\b|across\s+the\s+(?:fund|programme|scheme|competition)|(?:funding\s+)?pot\b|"
    r"(?:(?:grant|funding|capital|revenue|challenge)\s+)?(?:fund|programme|scheme)\b|budget\b|"
    r"competition\b|"
    # "£5m across 20 projects", "£5 million across England": shared out, so the whole pot.
    r"across\s+(?:\d+|all|up\s+to\s+\d+|[a-z]+)\s+(?:projects|organisations|councils|local\s+"
    r"authorities|areas|places|bids|awards|grants|schemes|recipients)\b|"
    r"across\s+(?:england|wales|scotland|northern\s+ireland|the\s+uk|great\s+britain)\b|"
    # "We have £12 million to invest", "£1.2m to be shared among successful bids"
    r"to\s+(?:invest|distribute|allocate)\b|(?:to\s+be\s+)?(?:shared|split|divided|allocated|"
    r"distributed)\s+(?:across|among|amongst|between)\b)",
    re.IGNORECASE,
)
# "£4.8 billion Levelling Up Fund": a pot by its name (but "… Fund grants" are awards from it).
_NAMED_FUND_AFTER = re.compile(
    r"\s+(?:[A-Z][\w'-]*\s+){0,5}?(?:Fund|Programme|Scheme)\b(?!\s+(?:grants?|awards?)\b)"
)
# "£10,000 minimum", "£50,000 max", "£10,000 or more", "£10,000 or less": the cue after the figure.
_MIN_AFTER = re.compile(
    r"\s*(?:\+|(?:as\s+a\s+)?minimum\b|min\b|or\s+(?:more|above|over|greater)\b|"
    r"and\s+(?:above|over|upwards)\b|upwards\b)",
    re.IGNORECASE,
)
_MAX_AFTER = re.compile(
    r"\s*(?:(?:as\s+a\s+)?maximum\b|max\b|or\s+(?:less|under|below|lower)\b|"
    r"and\s+(?:below|under)\b)",
    re.IGNORECASE,
)
# "£4 million available" is a pot, but "grants of up to £50,000 are available" is one award: this
# weaker cue counts only when no award word comes before the figure.
_AVAILABLE_AFTER = re.compile(
    rf"\s*(?:(?:of|in)\s+(?:(?:grant|capital|revenue)\s+)?funding\s+)?{_VERB}(?:made\s+)?available\b",
    re.IGNORECASE,
)
_WINDOW = 80  # characters of context read before a figure
_MAX_FIGURES = 50  # an amount is a few figures; hostile text with thousands stops costing here

_FACTORS = {
    "": 1,
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "million": 1_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
}


class Amounts(NamedTuple):
    """One award's range (min, max) and the whole pot (total), in GBP; None where not stated."""

    min: float | None = None
    max: float | None = None
    total: float | None = None


class _Figure(NamedTuple):
    low: float
    high: float
    kind: str  # range | max | min | single | total


def parse_amounts(value: str | None, *, cued_only: bool = False) -> Amounts:
    """Money text → Amounts(min, max, total): what one award can be, and how big the whole pot is.

    - "up to", "maximum", "max award", "no more than" → a maximum only;
    - "minimum", "at least", "from", "£500k+" → a minimum only;
    - "£10,000 - £50,000", "From £350 to £5,000", "between £1m and £2m", "£1-2 million" → a range
      (always one award's: "your project's total costs must be between £X and £Y" is a project);
    - "Total fund", "total budget", "Total size of grant scheme", "a fund of", "(funding) pot",
      "a share of (up to)", "£2m fund", "in total", "£4 million available" → the pot's total only;
    - a bare figure with no cue ("£250,000") is taken as both min and max, as the text alone does
      not say which (a single award of that size is the likeliest reading).

    Several figures are combined: the first total is the pot; the first range, or the first minimum
    and first maximum, or else the first bare figure, is the award. So "Total fund £4m. Maximum award
    £950,000" and "£4m available, grants of £10k–£50k" keep both, apart. Only the first 50 figures
    are read. With `cued_only` (prose, not an amount field: a feed item's summary), a figure counts
    only when its words say what it is, so "we gave £3m to 40 groups last year" is no amount.
    """
    text = _tidy(value)
    if text is None:
        return Amounts()
    bare = None if cued_only else _BARE_AMOUNT.match(text)
    if bare:
        amount = _amount(bare["num"], bare["mult"])
        return Amounts(amount, amount)
    low = high = total = None
    single: float | None = None
    for count, figure in enumerate(_figures(text), start=1):
        if figure.kind == "total":
            total = figure.high if total is None else total
        elif figure.kind == "range" and low is None and high is None and single is None:
            low, high = figure.low, figure.high
        elif figure.kind == "max" and high is None:
            high = figure.high
        elif figure.kind == "min" and low is None:
            low = figure.low
        elif figure.kind == "single" and single is None and not cued_only:
            single = figure.low
        if (total is not None and low is not None and high is not None) or count >= _MAX_FIGURES:
            break
    if low is None and high is None and single is not None:
        low = high = single
    if low is not None and high is not None and low > high:
        low, high = high, low
    return Amounts(low, high, total)


def parse_money(value: str | None) -> tuple[float | None, float | None]:
    """GBP (min, max) from the FIRST amount or range in the text, blind to totals.

    '£10k–£50k' → (10000, 50000), 'up to £1.5m' → (None, 1500000), '£2 million' → (2000000, 2000000).
    Kept for older callers: a pot ("a share of up to £4m") reads as a maximum here; use
    `parse_amounts` to keep a pot apart from an award.
    """
    text = _tidy(value)
    if text is None:
        return None, None
    bare = _BARE_AMOUNT.match(text)
    if bare:
        amount = _amount(bare["num"], bare["mult"])
        return amount, amount
    for figure in _figures(text, total_blind=True):
        if figure.kind == "max":
            return None, figure.high
        if figure.kind == "min":
            return figure.low, None
        return figure.low, figure.high
    return None, None


def _tidy(value: str | None) -> str | None:
    if not value:
        return None
    return SPACES.sub(" ", str(value))


def _figures(text: str, *, total_blind: bool = False) -> Iterator[_Figure]:
    """Each pound figure (or range) in the text, left to right, with what its words make it."""
    pos = 0
    context_start = 0  # the words before a figure never reach back past the figure before it
    while True:
        match = _MONEY.search(text, pos)
        if match is None:
            return
        number, multiplier = (
            (match["num"], match["mult"]) if match["num"] else (match["num2"], match["mult2"])
        )
        start, end = match.start(), match.end()
        before = text[max(context_start, start - _WINDOW) : start]
        first = _amount(number, multiplier)
        pos = context_start = end
        if first is None:
            continue
        low = high = first
        is_range = False
        tail = _RANGE_TAIL.match(text, end)
        if tail and (tail["join"].lower() != "and" or _BETWEEN.search(before)):
            second, head = _amount(tail["num"], tail["mult"]), first
            if tail["mult"] and not multiplier and not tail["sign"]:
                head = _amount(number, tail["mult"])  # "£1-2 million": both ends in millions
            # A bare number smaller than the first is not its range end: "£5,000 - 250 places".
            if second is not None and head is not None and (tail["sign"] or second >= head):
                low, high, is_range = min(head, second), max(head, second), True
                pos = context_start = end = tail.end()
        yield _Figure(low, high, _kind(text, before, end, is_range, total_blind))


def _kind(text: str, before: str, end: int, is_range: bool, total_blind: bool) -> str:
    if is_range:
        return "range"
    per_award = _PER_AWARD_AFTER.match(text, end) is not None
    if not total_blind and not per_award:
        if (
            _TOTAL_WORDS.search(before)
            or _TOTAL_AFTER.match(text, end)
            or _NAMED_FUND_AFTER.match(text, end)
        ):
            return "total"
    if _MAX_WORDS.search(before):
        return "max"
    if _MIN_WORDS.search(before) or _MIN_AFTER.match(text, end):
        return "min"
    if _MAX_AFTER.match(text, end):
        return "max"
    if not total_blind and not per_award and _AVAILABLE_AFTER.match(text, end):
        return "total"
    return "single"


def _amount(number: str, multiplier: str | None) -> float | None:
    word = (multiplier or "").strip().lower()
    try:
        # Decimal keeps "£1.3 million" at exactly 1300000 rather than 1299999.9999999998.
        amount = float(Decimal(number.replace(",", "").replace(" ", "")) * _FACTORS[word])
    except (InvalidOperation, KeyError):
        return None
    return amount if math.isfinite(amount) else None  # a run of digits too long for a float
