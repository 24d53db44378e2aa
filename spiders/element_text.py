"""Pure (lxml): an element's words as a reader sees them, and how long a label may be; one place for
the label readers (loose_labels.py, icon_labels.py, labelled_by.py).
"""

from __future__ import annotations

from lxml import etree

LABEL_CHARS = 60  # "Closing date:", "Who can apply": a label is short
LABEL_WORDS = 6


def label_sized(text: str) -> bool:
    """Whether `text` (its spaces collapsed) is as short as a label is, and not empty."""
    return 0 < len(text) <= LABEL_CHARS and len(text.split()) <= LABEL_WORDS


def one_line(text: str) -> str:
    r"""Spaces collapsed, ends trimmed. split() breaks at exactly the characters `\s` matches
    (str.isspace, tested), at a quarter of a regex substitution's cost: this runs for every label
    and value of every item (benchmarks/parse_listing.py)."""
    return " ".join(text.split())


def element_text(element: etree._Element) -> str:
    """The element's words, spaced: text_content() would read "<dt>Status</dt><dd>Open</dd>" as
    "StatusOpen". Nothing for a comment or processing instruction."""
    if not isinstance(element.tag, str):
        return ""
    return " ".join(" ".join(element.itertext()).split())  # one_line, inline: a hot path


_HIDDEN_PART = etree.XPath(".//*[@aria-hidden='true']")


def label_words(element: etree._Element) -> str:
    """A label element's words less those hidden from screen readers: an accordion question's
    "+" or "expand_more" icon (`<span aria-hidden="true">+</span>`) is drawn beside the label,
    not said, and "When is the deadline? +" was no label a curator could write. All its words
    when that leaves none (the words themselves hidden, an aria-label naming them)."""
    if not _HIDDEN_PART(element):
        return element_text(element)
    parts: list[str] = []
    _shown(element, parts)
    return one_line(" ".join(parts)) or element_text(element)


def _shown(element: etree._Element, parts: list[str]) -> None:
    parts.append(element.text or "")
    for child in element:
        if isinstance(child.tag, str) and child.get("aria-hidden") != "true":
            _shown(child, parts)
        parts.append(child.tail or "")
