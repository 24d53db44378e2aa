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
