"""A council's row in a table whose columns say the role: "Type of organisation | Lead applicant |
Partner" over "Local authority | No | Yes" lets the council in as a partner only. clauses.py reads a
row's first answer ("Local authority | No"); the columns' headings, on the table's first line, say
what a later "Yes" is for.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern
from spiders.eligibility.mentions import council_mentions
from spiders.eligibility.partner_cues import PARTNER_WORD

_CELLS = lazy_pattern(r"\s*\|\s*")
_YES = lazy_pattern(r"(?:yes|eligible|\u2713|\u2714)$", re.IGNORECASE)
_NO = lazy_pattern(r"(?:no|not\s+eligible|ineligible|\u2717|\u2718)$", re.IGNORECASE)


def header_of(plain: str) -> str | None:
    """The table's first line: the text's first line with cells, as a section's heading ("Who can
    take part") may stand above the table's row of headings."""
    return next((line for line in plain.split("\n") if "|" in line), None)


def row_role(row: str, header: str | None) -> str | None:
    """ "partner" or "yes" for a council's row answered under the headings, or None."""
    if header is None or "|" not in row or row == header:
        return None
    cells, headings = _CELLS.split(row.strip()), _CELLS.split(header.strip())
    if len(cells) != len(headings) or len(cells) < 3:
        return None  # a two-column row has one answer: clauses.py reads it
    first = council_mentions(cells[0])
    if not first or first[0][0] != 0:
        return None
    roles = [
        "partner" if PARTNER_WORD.search(heading) else "yes"
        for cell, heading in zip(cells[1:], headings[1:], strict=True)
        if _YES.match(cell)
    ]
    if "yes" in roles:
        return "yes"
    answered = all(_YES.match(cell) or _NO.match(cell) for cell in cells[1:])
    return "partner" if roles and answered else None
