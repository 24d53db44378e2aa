"""Pure: a bare number under a money label is pounds. A CMS that prints a number field as it is
stored (WordPress ACF's number fields through the_field(), "Maximum grant 5000") gives the sum
with no £; read by label, the field is "Maximum grant: 5000", which named no money at all, where
the same number alone ("5000") was already read as an award. Only a whole value under a label
that names money; not under a label of a date, year, count, share or reference ("Funding year:
2027", "Grants awarded: 412", "Match funding (%): 50"), nor a number under 100 ("Grants
available: 12" counts them)."""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern

_MONEY_LABEL = lazy_pattern(
    r"\b(?:grants?|awards?|funding|fund|amounts?|budget|pot|minimum|maximum|min|max|value|"
    r"total|size)\b",
    re.IGNORECASE,
)
_NOT_MONEY_LABEL = lazy_pattern(
    r"\b(?:years?|dates?|deadline|number|no|count|ref|reference|id|code|percent(?:age)?|"
    r"rate|match|duration|months?|weeks?|days?|projects?|made|awarded|given|applications?|"
    r"applicants?|places|participants|recipients|groups)\b|%|#",
    re.IGNORECASE,
)
# "<label>: <number>" as a whole part of the field: from its start or a part's end (";", "|",
# a sentence's full stop) to the next, the number a whole value with no £, unit or word after it.
_PART = lazy_pattern(
    r"(?P<label>(?:^|(?<=[;|])|(?<=\.\s))\s*[^:;|.\d£]{2,60}:\s*)"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d{2})?|\d+(?:\.\d{2})?)(?=\s*(?:[;|]|\.\s|\.?$))"
)


def pounds_under_labels(text: str) -> str:
    """The text with "£" before each bare number a money label heads."""

    def pounds(part: re.Match[str]) -> str:
        label = part["label"]
        # A count is small ("Grants available: 12"); no funder offers a sum under £100 bare.
        large = float(part["num"].replace(",", "")) >= 100
        if large and _MONEY_LABEL.search(label) and not _NOT_MONEY_LABEL.search(label):
            return f"{label}£{part['num']}"
        return part[0]

    return _PART.sub(pounds, text)
