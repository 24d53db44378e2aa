"""A value struck through beside its replacement is the old value: "<del>31 January 2027</del>
Extended to 28 February 2027", "Closing date: <s>31 Jan</s> 28 Feb 2027", "<s>£5,000</s> £8,000".
Read with it, a field held two dates (and parsed as neither) or the old sum first. Struck words
that hold a figure, in a line whose other words hold one too, are dropped before any field is
read, wherever it is then read from (a selector, a label's row, a section under a heading).

A struck name is not a replaced value but a closed call (spiders/struck_title.py): a struck
element holding a link, or all of its line's words, or with no figure beside it, stays.
"""

from __future__ import annotations

from lxml import etree

from config.lazy_pattern import lazy_pattern
from spiders.element_text import INLINE
from spiders.not_shown import remove_keeping_tail

_LINE_THROUGH = etree.XPath(
    "//*[@style][contains(translate(@style, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ ',"
    " 'abcdefghijklmnopqrstuvwxyz'), 'line-through')]"
)
_HAS_LINK = etree.XPath("boolean(descendant-or-self::a[@href])")
# Phrasing elements: a line is their nearest ancestor that is none of these.
_INLINE = INLINE | {"nobr", "strike"}
_FIGURE = lazy_pattern(r"\d")
_MOST_WORDS = 8  # "Friday 31 January 2027, 5pm" is a value; a struck sentence is not


def drop_struck_values(root: etree._Element, body: bytes) -> None:
    """The tree without struck values that a replacement follows or precedes (see above)."""
    struck = list(root.iter("del", "s", "strike"))
    if b"line-through" in body:
        struck += _LINE_THROUGH(root)
    for element in struck:
        if _replaced(element):
            remove_keeping_tail(element)


def _replaced(element: etree._Element) -> bool:
    struck = " ".join("".join(element.itertext()).split())
    if not _FIGURE.search(struck) or len(struck.split()) > _MOST_WORDS or _HAS_LINK(element):
        return False
    line = element.getparent()
    while line is not None and isinstance(line.tag, str) and line.tag in _INLINE:
        line = line.getparent()
    if line is None:
        return False
    words = " ".join("".join(line.itertext()).split())
    rest = words.replace(struck, " ", 1)
    return bool(_FIGURE.search(rest))
