"""Pure: a project's total costs stated beside the share of them a grant pays, or beside the
award's own figure ("Total project costs up to £1m; grants of up to £400,000").

"Total eligible project costs between £1m and £3m; we will fund up to 50%": the range is how big a
project must be, and the award is a share of it, so half the range at most. Read as the award it
overstated what a council could get twice over (£1m to £3m). With no share stated ("Your project's
total eligible costs must be between £25,000 and £2 million") Innovate UK states its award that way
and the range stays the award's (tests/cases/money.yaml); a cap in pounds beside the share ("up to
50%, max £20,000", "50% of project costs up to £25,000") is the award's, as it always was. Only a
range or a bare figure is set aside: a cap on the project's costs ("Your total project costs can be
up to £500,000 and you could get up to 70% of these costs funded") stays pinned as the award's cap
(tests/cases/prose_in_text.yaml), a reading left as it was.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern

# The project's costs named just before the figure ("total eligible project costs between",
# "Your project's total costs must be") or just after it ("£1m–£3m total project cost").
_COSTS_BEFORE = lazy_pattern(
    r"\b(?:project(?:['’]s)?\s+(?:total\s+)?(?:eligible\s+)?costs?|project\s+size|total\s+(?:eligible\s+)?"
    r"(?:project\s+)?costs?)(?:\s+[\w-]+){0,4}?\s*:?\s*$",
    re.IGNORECASE,
)
_COSTS_AFTER = lazy_pattern(
    r"\s*(?:in\s+)?(?:total\s+)?(?:eligible\s+)?project\s+(?:costs?|size|value)\b", re.IGNORECASE
)
# The share a grant pays: "we will fund up to 50%", "grant up to 70% of eligible costs",
# "intervention rate of 60%", "50 per cent".
_SHARE = lazy_pattern(r"\b\d{1,3}(?:\.\d+)?\s*(?:%|per\s*cent\b)", re.IGNORECASE)
# The award's own figure stated too: "grants of up to £400,000", "Maximum grant: £50,000".
_AWARD_FIGURE = lazy_pattern(
    r"\b(?:grants?|awards?)\s+(?:of\s+)?(?:up\s+to\s+|between\s+|from\s+)?£|"
    r"\bmax(?:imum)?\s+(?:grant|award)\s*(?:is\s+|of\s+|:\s*)?(?:up\s+to\s+)?£",
    re.IGNORECASE,
)


def project_size(text: str, before: str, end: int, kind: str) -> bool:
    """The figure (of `kind`, ending at `end`) is a project's total costs and the text gives the
    share paid (a range or bare figure) or the award's own figure (any kind: "Total project costs up
    to £1m; grants of up to £400,000" caps the grant at £400,000, not £1m)."""
    if not (_COSTS_BEFORE.search(before) or _COSTS_AFTER.match(text, end)):
        return False
    if kind in ("range", "single") and _SHARE.search(text):
        return True
    return _AWARD_FIGURE.search(text) is not None
