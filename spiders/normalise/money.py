"""Pure: money text in GBP, read the way a bidder reads it.

`parse_amounts` keeps one award's range apart from the whole pot: "Total fund: £4,000,000; Maximum
award: £950,000" → Amounts(min=None, max=950000, total=4000000). `parse_money` is the older, total-blind
reading (the first amount decides) kept for its callers.

Every amount is a pound figure ("£2m", "GBP 250,000", "50,000 pounds"); euros, dollars, percentages and
dates are never money. Each figure is read with the words just before and after it (never further back
than the figure before it), in one left-to-right pass over the text, so hostile text costs linear time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from config.lazy_pattern import lazy_pattern
from spiders.normalise.money_aside import set_aside
from spiders.normalise.money_award import lone_kind
from spiders.normalise.money_cues import figure_kind, per_award_after
from spiders.normalise.money_kinds import kind_cap
from spiders.normalise.money_labelled_number import pounds_under_labels
from spiders.normalise.money_lists import fixed_sizes
from spiders.normalise.money_next_label import opens_label
from spiders.normalise.money_number import MULTIPLIER, NUMBER, POUND_FIGURE, pounds_of
from spiders.normalise.money_pot_aside import pot_before_award
from spiders.normalise.money_range import range_after
from spiders.normalise.money_rates import is_rate
from spiders.normalise.money_tiers import tier_label
from spiders.normalise.money_welsh import welsh_money_in_english
from spiders.normalise.project_costs import project_size
from spiders.normalise.text import SPACE_ENTITY, SPACES, plain_marks

_MONEY = lazy_pattern(
    rf"(?:£|\bgbp\s?)\s*(?P<num>{NUMBER})(?P<mult>{MULTIPLIER})?"
    # Not from inside a run of spaced groups ("1 000 000"): each start would read to the run's end.
    rf"|(?<![\w.,])(?<!\d\s)(?P<num2>{NUMBER})(?P<mult2>{MULTIPLIER})?\s*(?:gbp|pounds|sterling)\b"
    # "10,000 - 50,000 GBP", "1 to 2 million pounds": a range's first end takes the currency its
    # second end states.
    rf"|(?<![\w.,])(?<!\d\s)(?P<num3>{NUMBER})(?P<mult3>{MULTIPLIER})?(?=\s*(?:-|–|—|to\b)\s*"
    rf"(?:{NUMBER})(?:{MULTIPLIER})?\s*(?:gbp|pounds|sterling)\b)",
    re.IGNORECASE,
)
_BARE_AMOUNT = lazy_pattern(rf"^\s*(?P<num>{NUMBER})(?P<mult>{MULTIPLIER})?\s*$", re.IGNORECASE)
# "£5 million capital and £1 million revenue", "£3m capital, £500k revenue", "£2.5m capital; £0.5m
# revenue": one sum of money split into its two kinds, so the two figures are one, their sum: the
# pot, unless its words make it a cap or each award's. With "or" ("£20k (revenue) or £50k
# (capital)") they are two caps. GOV.UK's "£250,000 of revenue funding and £1m of capital funding".
_SPLIT_TAIL = lazy_pattern(
    rf"\s*\(?(?:of\s+)?(?P<one>capital|revenue)\)?(?:\s+funding)?\s*(?:[,;]\s*(?:and\s+|plus\s+)?|"
    rf"\s(?:and|plus)\s+|\+\s*){POUND_FIGURE}"
    rf"\s*\(?(?:of\s+)?(?P<other>capital|revenue)\b\)?(?:\s+funding\b)?",
    re.IGNORECASE,
)
_CELL_BAR = lazy_pattern(r" ?\| ?")
_SENTENCE_END = lazy_pattern(r"[.!?](?:\s|$)")
_OR_BEFORE = lazy_pattern(r"(?:\bor|/)\s*$", re.IGNORECASE)  # "… revenue / £50k capital": "or" too
# A bracket holding a figure "for" someone (or "if", "where", "when" they qualify), straight after
# another figure: another tier's size ("£20,000 (£40,000 if working in partnership)").
_BRACKET_BEFORE = lazy_pattern(r"^\s*\(\s*$")  # only the bracket between the two figures
_FOR_AFTER = lazy_pattern(
    r"\s+(?:for\s+(?!each\b|every\b|all\b)|(?:if|where|when)\s)", re.IGNORECASE
)

_WINDOW = 80  # characters of context read before a figure
_MAX_FIGURES = 50  # an amount is a few figures; hostile text with thousands stops costing here


class Amounts(NamedTuple):
    """One award's range (min, max) and the whole pot (total), in GBP; None where not stated."""

    min: float | None = None
    max: float | None = None
    total: float | None = None


class _Figure(NamedTuple):
    low: float
    high: float
    kind: str  # range | max | min | single | or (after "or") | award | total | other
    sentence: int  # which sentence of the text the figure is in (0, 1, …)


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

    Several figures are combined: the first total is the pot; the ranges (lowest end to highest:
    "small grants £1k-£10k; large grants £10k-£100k"), or the lowest minimum and highest maximum
    ("up to £2,500 for parishes; up to £10,000 for towns"), or else the first bare figure, is the
    award. So "Total fund £4m. Maximum award
    £950,000" and "£4m available, grants of £10k–£50k" keep both, apart. Only the first 50 figures
    are read. With `cued_only` (prose, not an amount field: a feed item's summary), a figure counts
    only when its words say what it is, so "we gave £3m to 40 groups last year" is no amount, and a
    lone figure is one award only when its words make it so ("Each council will receive £100,000").
    """
    text = _tidy(value)
    if text is None:
        return Amounts()
    bare = None if cued_only else _BARE_AMOUNT.match(text)
    if bare:
        amount = pounds_of(bare["num"], bare["mult"])
        return Amounts(amount, amount)
    low = high = total = None
    single: float | None = None
    single_sentence = -1
    tiers: list[float] = []  # "£20,000 (or £40,000 for partnerships)": other tiers of the single
    ranged = False  # the award so far is a range, which a later range widens
    bound_sentence = -1  # the sentence of the first cap or floor, whose tiers a later one widens
    for count, figure in enumerate(_figures(text), start=1):
        if figure.kind == "total":
            # "Total fund £2m or £3m": the lower, the sum certain to be there.
            total = figure.low if total is None else total
        elif figure.kind == "range" and ranged:
            # "Small grants £1,000 - £10,000; large grants £10,001 - £100,000": one call's awards
            # run from the lowest end to the highest.
            low, high = min(low, figure.low), max(high, figure.high)
        elif figure.kind == "range" and low is None and high is None and single is None:
            # A later tier's cap or floor in the same sentence widens it ("Small grants:
            # £5k–£15k; Large grants: up to £60,000"), as one cap's does below.
            low, high, ranged, bound_sentence = figure.low, figure.high, True, figure.sentence
        elif figure.kind == "range" and figure.sentence == bound_sentence and not ranged:
            # "Small grants up to £1,000; main grants £1,001 to £10,000": a later tier's range
            # beside a cap or floor widens the award as another tier's cap does (a cap's tier has
            # no floor, so a floor stays only where one was stated).
            high = figure.high if high is None else max(high, figure.high)
            low = None if low is None else min(low, figure.low)
        elif (
            figure.kind == "range"
            and not ranged
            and high is None
            and low is not None
            and low <= figure.high
        ):
            # "Minimum £1,000. Grants of £2,000 to £8,000": a floor, then the award's range in
            # another sentence, whose top is the award's top (the floor stands).
            high = figure.high
        elif figure.kind in ("max", "min") and (low, high) == (None, None):
            low, high = (figure.low, None) if figure.kind == "min" else (None, figure.high)
            bound_sentence = figure.sentence
        elif figure.kind in ("max", "min") and figure.sentence == bound_sentence:
            # "Up to £2,500 for parish councils; up to £10,000 for town councils": tiers in one
            # sentence, so the call's largest award is the highest cap, its smallest the lowest
            # floor. A cap in a later sentence ("Up to £100,000 is available this year.") is
            # another thing's, and the first stands.
            if figure.kind == "max":
                high = figure.high if high is None else max(high, figure.high)
            else:
                low = figure.low if low is None else min(low, figure.low)
        elif figure.kind == "or" and figure.sentence == bound_sentence and high is not None:
            # "Up to £15,000 (or £30,000 for joint bids)": the other tier's cap, as "or up to" is.
            high = max(high, figure.high)
        elif figure.kind == "or" and single is not None and figure.sentence == single_sentence:
            # "£20,000 (or £40,000 for partnerships)": a bare award, then another tier's size.
            tiers.append(figure.high)
        elif figure.kind == "max" and high is None:
            high = figure.high
        elif figure.kind == "min" and low is None:
            low = figure.low
        elif figure.kind in ("single", "or", "award") and single is None:
            if figure.kind == "award" or not cued_only:  # prose: an award's only (money_award.py)
                single, single_sentence = figure.low, figure.sentence
        if count >= _MAX_FIGURES:
            break
    if low is None and high is None and single is not None:
        low, high = min([single, *tiers]), max([single, *tiers])
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
        amount = pounds_of(bare["num"], bare["mult"])
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
    # A table row flattened into text ("Grant size | Up to £5,000") parts label from value with a
    # bar: read it as the colon it stands for, so the label's cue still reaches its figure.
    text = _CELL_BAR.sub(": ", SPACES.sub(" ", SPACE_ENTITY.sub(" ", plain_marks(str(value)))))
    text = welsh_money_in_english(text)  # "Uchafswm y grant: £50,000"
    return pounds_under_labels(text)  # "Maximum grant: 5000", a number field printed bare


def _figures(text: str, *, total_blind: bool = False) -> Iterator[_Figure]:
    """Each pound figure (or range) in the text, left to right, with what its words make it."""
    pos = 0
    context_start = 0  # the words before a figure never reach back past the figure before it
    sentence = -1  # the first figure's sentence is 0
    last_tiered = False
    while True:
        match = _MONEY.search(text, pos)
        if match is None:
            return
        number, multiplier = next(
            (match[f"num{n}"], match[f"mult{n}"]) for n in ("", "2", "3") if match[f"num{n}"]
        )
        start, end = match.start(), match.end()
        before = text[max(context_start, start - _WINDOW) : start]
        # Each stretch between figures is searched once, so this stays linear.
        # A tier's labelled sentence after another's goes on with the tiers (money_tiers.py).
        if _SENTENCE_END.search(text, context_start, start) is not None or sentence < 0:
            tiered = tier_label(before)
            sentence += not (tiered and last_tiered) or sentence < 0
            last_tiered = tiered
        first = pounds_of(number, multiplier)
        pos = context_start = end
        if first is None:
            continue
        low = high = first
        is_range = False
        ends = range_after(text, end, (number, multiplier, first), before)
        if ends:  # "£10,000 - £50,000", "£1-2 million" (money_range.py)
            low, high, end = ends
            is_range = True
            pos = context_start = end
        if (match["num3"] and not is_range) or high == 0:
            # A bare number is pounds only as a range's end in pounds ("2025 - 26 pounds"); "£0" (a
            # notice's value left unset) offers nothing.
            continue
        split = None if is_range else _SPLIT_TAIL.match(text, end)
        if split and split["one"].lower() == split["other"].lower():
            split = None  # "£5m capital and £1m capital" splits nothing
        if split:
            low = high = first + (pounds_of(split["num"], split["mult"]) or 0)
            pos = context_start = end = split.end()
        listed = None if is_range or split else fixed_sizes(text, end, first)
        if listed:  # "£1,000, £2,500 or £5,000": set sizes, one award's range (money_lists.py)
            low, high, end = listed
            pos = context_start = end
        # Facts run together ("up to £40,000 Total fund: £200,000"): the next label's words are no
        # cue of this figure's.
        after = text[:end] if opens_label(text, end) else text
        kind = figure_kind(after, before, end, is_range, total_blind)
        if kind in ("single", "other") and not is_range and kind_cap(after, before):
            kind = "max"  # "Revenue £10k, capital £50k": each kind's cap (money_kinds.py)
        if not total_blind and kind != "total" and project_size(text, before, end, kind):
            kind = "other"  # a project's size beside the share a grant pays (project_costs.py)
        if split and kind == "single" and not per_award_after(after, end):
            kind = "total"
        if not total_blind and (set_aside(after, before, end, kind) or is_rate(after, end)):
            kind = "other"  # an average award, one only in exceptional cases, or a rate per day
        elif kind == "single" and (
            _OR_BEFORE.search(before)
            or (_BRACKET_BEFORE.search(before) and _FOR_AFTER.match(text, end))
        ):
            # "Up to £15,000 (or £30,000 for joint bids)", "£2,000 (£4,000 for consortium bids)":
            # maybe another tier's cap or size.
            kind = "or"
        elif kind == "single" and not total_blind:
            kind = lone_kind(after, before, end) or kind  # "Each council will receive £100,000"
        if kind in ("single", "award") and not listed and pot_before_award(text, end, first):
            kind = "total"  # "£2.5m (£500k per project)": the pot, each award in its bracket
        if listed and kind in ("single", "award", "or"):
            kind = "range"
        yield _Figure(low, high, kind, sentence)
