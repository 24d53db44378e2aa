"""A footnote's marker is no part of the value it is set against: a MediaWiki-style page writes
"31 January 2027<sup class="reference">[1]</sup>" and "£5,000<sup>[2]</sup>", and read with the
marker the date did not parse at all ("31 January 2027 [1]") and the sum could run into it
("£5,0002" where the marker has no brackets). Dropped from the tree before a field is read: a
marker element (MediaWiki's `reference` class, a `<sup>` that is only "[1]", "[a]", "[note 2]"
or only a link to a note on the page), and a bracketed marker written as text straight after a
word ("2027[1]"). A `<sup>` that is part of the words ("31<sup>st</sup>", "m<sup>2</sup>") stays.
"""

from __future__ import annotations

import re

from lxml import etree

from config.lazy_pattern import lazy_pattern
from spiders.not_shown import remove_keeping_tail

_MARK = r"\[\s*(?:\d{1,3}|[a-z]|note\s*\d{1,3}|n\s*\d{1,3})\s*\]"
_MARK_ONLY = lazy_pattern(rf"^\s*(?:{_MARK}|\*|†|‡)\s*$", re.IGNORECASE)
_REFERENCE_SPAN = etree.XPath("//span[contains(@class, 'reference')]")
_NOTE_LINK = etree.XPath("boolean(.//a[starts-with(@href, '#')])")
# A marker typed after a date or a sum, with no element of its own: "31 January 2027[1]", "… 2027 [a]".
# After a figure only: a script's "items[0]" is not one, and a page's bytes are searched for it first.
_GLUED_TEXT = lazy_pattern(rf"(?<=\d) ?{_MARK}", re.IGNORECASE)
# Led by its bracket, case spelt out: a regex led by \d or matching case-blind scanned a page's
# bytes ten times slower.
_BYTES_MARK = lazy_pattern(rb"\[\s*(?:\d{1,3}|[a-zA-Z]|[Nn]ote\s*\d{1,3}|[Nn]\s*\d{1,3})\s*\]")
_SKIPPED = frozenset({"script", "style"})


def drop_footnote_marks(root: etree._Element, body: bytes) -> None:
    """The tree without footnote markers (see above). `body` is the page's bytes, searched first
    so a page without any pays one search."""
    found = list(root.iter("sup"))
    if b"reference" in body:
        found += [e for e in _REFERENCE_SPAN(root) if "reference" in (e.get("class") or "").split()]
    for element in found:
        if _is_marker(element):
            remove_keeping_tail(element)
    if any(_after_figure(body, found.start()) for found in _BYTES_MARK.finditer(body)):
        for element in root.iter():
            code = not isinstance(element.tag, str) or element.tag in _SKIPPED
            if not code and element.text and "[" in element.text:
                element.text = _GLUED_TEXT.sub("", element.text)
            if element.tail and "[" in element.tail:
                element.tail = _GLUED_TEXT.sub("", element.tail)


def _after_figure(body: bytes, at: int) -> bool:
    """Whether the bytes before `at` end in a figure, or a figure and one space ("2027 [1]")."""
    before = body[max(0, at - 2) : at]
    return before[-1:].isdigit() or (before[-1:] == b" " and before[:1].isdigit())


def _is_marker(element: etree._Element) -> bool:
    words = "".join(element.itertext())
    if element.tag != "sup":  # a span of the `reference` class: a marker when it reads as one
        return bool(_MARK_ONLY.match(words))
    if _MARK_ONLY.match(words):
        return True
    # "<sup><a href="#fn1">1</a></sup>": a note's number, its only words a link within the page.
    return len(words.strip()) <= 4 and bool(_NOTE_LINK(element))
