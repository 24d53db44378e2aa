"""Pure: a pound figure's range, when the words after it give its other end: "£10,000 - £50,000",
"£1-2 million", "between £1k and £5k", Welsh "o £500 i £5,000". One award's range, from the lower
end to the higher (money.py reads what its words make it).
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern
from spiders.normalise.calendar_words import MONTH
from spiders.normalise.money_number import MULTIPLIER, NUMBER, pounds_of

# The second end of a range may drop the £: "£10,000 - 50,000", "£1-2 million". A year ("2026/27")
# or a day of the month ("- 12 March") is not a range end. Used with .match(text, pos): no "^".
# "£10,000 up to £50,000", "between £10k and up to £50k": "up to" joins two pound figures too, as
# Welsh "i" (to) and "a" (and, after "rhwng", between) do: "o £500 i £5,000", "rhwng £1k a £5k".
_RANGE_TAIL = lazy_pattern(
    rf"\s*(?P<join>-|–|—|to\b|(?:and\s+)?up\s+to\b|and\b|&|[ia]\b)\s*(?P<sign>£|gbp\s?)?\s*"
    rf"(?P<num>{NUMBER})"
    rf"(?P<mult>{MULTIPLIER})?(?![\d/]|[.,]\d|\s*{MONTH})",
    re.IGNORECASE,
)
_BETWEEN = lazy_pattern(r"between\s*$", re.IGNORECASE)
_RHWNG = lazy_pattern(r"\brhwng\s*$", re.IGNORECASE)  # Welsh "between"


def range_after(
    text: str, end: int, figure: tuple[str, str | None, float], before: str
) -> tuple[float, float, int] | None:
    """The range's lower and higher end and where it ends, when a range's second end follows the
    figure (as written: its number and multiplier, and its pounds) that ends at `end`; `before` is
    the words before the figure ("between"). None when no range's end follows."""
    number, multiplier, first = figure
    tail = _RANGE_TAIL.match(text, end)
    if tail is None or not _joins(tail, before):
        return None
    second, head = pounds_of(tail["num"], tail["mult"]), first
    if tail["mult"] and not multiplier and _shares_unit(number, tail):
        head = pounds_of(number, tail["mult"])  # "£1-2 million": both ends in millions
    # A bare number smaller than the first is not its range end: "£5,000 - 250 places".
    if second is None or head is None or not (tail["sign"] or second >= head):
        return None
    return min(head, second), max(head, second), tail.end()


def _shares_unit(number: str, tail: re.Match) -> bool:
    """Whether a range's first end, written without a unit, takes the second's: always when the
    second drops the £ ("£1-2 million"); with a £ only when the first, as written, is the smaller
    ("£10-£20k" is £10k to £20k, the unit written once; "£500-£2k" is £500 to £2,000)."""
    if not tail["sign"]:
        return True
    first, second = (pounds_of(figure, None) for figure in (number, tail["num"]))
    return first is not None and second is not None and first < second


def _joins(tail: re.Match, before: str) -> bool:
    """Whether a range's tail joins the figure before it: "and" (or "&") only after "between", and "up to"
    only a second pound figure ("£2,000 up to 2027" is no range)."""
    join = tail["join"].lower()
    if join == "a":
        return bool(tail["sign"]) and _RHWNG.search(before) is not None
    if "up" in join or join == "i":
        # "£10,000 and up to £50,000" is a range as "between £10k and up to £50k" is.
        return bool(tail["sign"])
    return not join.startswith(("and", "&")) or _BETWEEN.search(before) is not None
