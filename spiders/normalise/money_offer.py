"""Pure: pound figures that are not on offer. An applicant's turnover, income or reserves, a
purchase's price, the applicant's own match or partnership funding, and money already given ("Last
year we funded 30 projects worth £2m", "We've awarded over £1.6 billion since 2004", "Past winners
have received grants of up to £1.2 million"). Moved out of money_cues.py, which judges the rest.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern
from spiders.normalise.money_years import award_years_sum

# A figure that measures the applicant or a purchase, not the money on offer: "a turnover of less
# than £1m", "an income under £250,000", "reserves of more than £100,000", "purchases over £500".
# (A project's costs and a contract's value are not here: Innovate UK states its award as a project's
# size, and a notice's contract value is what the winner gets.)
_MEASURE = lazy_pattern(
    r"\b(?:turnover|income|reserves|"
    # An applicant's revenue, not revenue funding: "capital and revenue costs", "Revenue: £5,000 -
    # £20,000" (a revenue grant's range) and "revenue grants" name the kind of money on offer.
    # A revenue figure set beside a capital one, "up to £20k (revenue) or £50k (capital)", "£20k of
    # revenue or £50k of capital funding", is the kind of money on offer as well.
    r"(?<!capital\sand\s)(?<!capital\sor\s)(?<!capital/)revenue(?!\s*(?::|and\s+capital|or\s+capital|/\s*capital|"
    r"costs?\b|funding\b|grants?\b|spend|support\b|budgets?\b|expenditure\b|elements?\b|projects?\b|"
    r"only\b|\(|\)|(?:(?:or|and)\s+|/\s*)(?:£|gbp\b|$)))|"
    r"assets|balance\s+sheet|salar(?:y|ies)|earn(?:s|ing)?|wages?|"
    r"precept|purchases?|items?|expenditure|fees?|rent|"
    # A threshold for quotes, not an award: "two quotes for anything costing more than £500".
    r"costing(?=\s+(?:more\s+than|over|above|in\s+excess\s+of)\b))\b",
    re.IGNORECASE,
)
# Money already given, not on offer: "Last year we funded 30 projects worth £2m in total", "Since
# 2015 the Foundation has made grants worth £20m", "has already paid out £500 million".
_HISTORY = lazy_pattern(
    r"\b(?:last\s+year|since\s+(?:19|20)\d\d|to\s+date|so\s+far|already|over\s+the\s+(?:past|last)|"
    r"(?:has|have|we|we['’]ve)\s+(?:already\s+)?(?:gave|given|funded|awarded|made|invested|distributed|paid)|"
    r"(?:past|previous)\s+(?:winners|recipients|grantees)\s+(?:have\s+)?received|"
    r"(?:we|it|they)\s+(?:gave|funded|awarded|distributed|invested))\b",
    re.IGNORECASE,
)
# …but "The Scottish Government has made £3 million available" offers it now: "made" right before the
# figure ("up to" between at most) and "available" right after it ("We have already made £2m
# available" is still money given).
_MADE_BEFORE = lazy_pattern(r"\bmade(?:\s+(?:up\s+to|over|around))?\s*$", re.IGNORECASE)
_AVAILABLE_NEXT = lazy_pattern(r"\s+available\b", re.IGNORECASE)


# What, said after a measure, brings the words back to the award: "… income under £1m can apply for
# grants of up to £10,000".
_AWARD_WORD = lazy_pattern(
    r"\b(?:grants?|awards?|funding|apply\s+for|request|bid\s+for)\b", re.IGNORECASE
)


# "Match funding of at least £10,000 is required", "a minimum own contribution of £5,000": the
# applicant's money, not the funder's, when it names this very figure ("Up to 50% match funding,
# maximum £25,000" caps the grant).
_MATCH_BEFORE = lazy_pattern(
    r"\b(?:(?:match(?:ed)?|partnership)[\s-]+fund(?:ing|s)?|co-?funding|(?:own|applicant)\s+contributions?)"
    r"(?:\s+(?:of|is|are|required|needed|must\s+be|should\s+be|at\s+least|a|minimum|min|up\s+to|"
    r"no\s+less\s+than|totalling|:))*\s*$",
    re.IGNORECASE,
)


# …or says so just after it: "less than £20,000 in unrestricted reserves", "at least £10,000 of match
# funding".
_MEASURE_AFTER = lazy_pattern(
    r"\s+(?:in|of)\s+(?:[\w-]+\s+){0,2}?(?:reserves|income|turnover|assets|savings|"
    # "£20k of revenue or £50k of capital funding": revenue funding, as beside a capital figure.
    r"revenue(?!\s+(?:or|and)\s+(?:£|gbp\b|capital\b)|\s+(?:funding|grants?|support)\b)|"
    r"(?:match(?:ed)?|partnership)[\s-]+funding)\b",
    re.IGNORECASE,
)


def not_on_offer(text: str, before: str, end: int) -> bool:
    """The words around a figure (`before` it, `text` from its `end`) make it a measure of something
    else, an applicant's match funding, or money already given."""
    if _MEASURE_AFTER.match(text, end):
        return True
    # Only the clause the figure is in: "We gave £3m last year; this year grants of up to £20,000".
    before = clause(before)
    made = _MADE_BEFORE.search(before) if _AVAILABLE_NEXT.match(text, end) else None
    if _HISTORY.search(before[: made.start()] if made else before):  # "already made … available"
        return True
    if _MATCH_BEFORE.search(before) or award_years_sum(before):
        return True
    last = None
    for last in _MEASURE.finditer(before):  # noqa: B007 (the last one is wanted)
        pass
    return last is not None and not _AWARD_WORD.search(before, last.end())


def clause(before: str) -> str:
    """The words before a figure back to the start of its clause."""
    return before[max(before.rfind(mark) for mark in ".;!?") + 1 :]
