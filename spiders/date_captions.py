"""Pure (lxml): a date written above what it is the date of, as a timeline or "Key dates" widget
writes it (EngagementHQ's `<li class="key-date"><div>Jan 29 2027</div><div>Applications
close</div></li>`, an events card's date box beside its name): the caption labels the date.
`{label: "Applications close"}` found nothing there (a label comes before its value everywhere
else), so every fund of such a site had no dates and read its status from nothing but its tag.

Only an element of exactly two children and no words of its own between them, the first nothing
but a date and the second a short caption with no figure: a table row "15 January 2027 | Round 1"
is read as before by its columns, and this is asked after every other shape (loose_labels.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from config.lazy_pattern import lazy_pattern
from spiders.element_text import element_text, label_sized
from spiders.normalise.calendar_words import MONTH_NAME

_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_DATE_ALONE = lazy_pattern(
    rf"^{_WEEKDAY}(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_NAME},?\s+\d{{4}}|"
    rf"{MONTH_NAME}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})$",
    re.IGNORECASE,
)
_PAIRS = etree.XPath("descendant-or-self::*[count(*) = 2]")
_FIGURE = lazy_pattern(r"\d")


def date_captions(root: etree._Element) -> Iterator[tuple[str, str]]:
    """(caption, date) for each date with its caption after it."""
    for pair in _PAIRS(root):
        if (pair.text or "").strip():
            continue
        first, second = (child for child in pair if isinstance(child.tag, str))  # no comments
        if (first.tail or "").strip() or (second.tail or "").strip():
            continue
        date, caption = element_text(first), element_text(second)
        if _DATE_ALONE.match(date) and label_sized(caption) and not _FIGURE.search(caption):
            yield caption, date
