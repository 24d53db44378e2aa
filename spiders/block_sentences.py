"""Pure: an element's words as a selector naming it reads them, a list that ends without a full
stop and is followed by a block of words ending its sentence there (the rule and its blocks:
spiders/normalise/text.py, which reads an HTML fragment alike). "<ul>…<li>a town or parish
council</li></ul><p>Individuals and businesses cannot apply.</p>" read as one sentence that denied
the council it listed; now "… a town or parish council. Individuals and businesses cannot apply."
An element with no list inside (most values) is read as before, its text nodes joined."""

from __future__ import annotations

from lxml import etree

from spiders.element_text import runs_across, spaced_text
from spiders.normalise.text import LIST_BLOCKS, NEXT_BLOCKS, SENTENCE_ENDS

_SKIPPED = frozenset({"script", "style"})
_LISTS = etree.XPath(".//ul | .//ol | .//dl")
_TEXT_NODES = etree.XPath(
    ".//text()[not(ancestor::script) and not(ancestor::style)]", smart_strings=False
)


def sentence_words(element: etree._Element) -> str:
    """The element's text nodes joined by spaces, a full stop where a block's sentence ends."""
    if not len(element) or not any(_stops_after(found, element) for found in _LISTS(element)):
        pieces = _TEXT_NODES(element)
        if not runs_across(pieces):
            return " ".join(pieces)  # most values: their text nodes, joined in C
        return spaced_text(element, skip=_SKIPPED)  # "<b>Fund</b>ing" one word
    parts: list[str] = []
    _walk(element, parts)
    return " ".join(parts)


def _stops_after(found: etree._Element, root: etree._Element) -> bool:
    """Whether the list `found` ends a sentence inside `root` (the few lists are asked, so that an
    element with none that does is read at C's pace, not walked)."""
    block = found
    while block is not root and block is not None:
        if block.tail and block.tail.strip():
            return False
        following = _next_element(block)
        if following is not None:
            return following.tag in NEXT_BLOCKS
        block = block.getparent()  # the list closes its wrapper too: "<div><ul>…</ul></div><p>"
    return False


def _next_element(block: etree._Element) -> etree._Element | None:
    """The next element beside `block`, past comments with no words after them; None if none, or
    if words come first."""
    following = block.getnext()
    while following is not None and not isinstance(following.tag, str):
        if following.tail and following.tail.strip():
            return None
        following = following.getnext()
    return following


def _walk(element: etree._Element, parts: list[str]) -> None:
    if element.text:
        parts.append(element.text)
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _SKIPPED:
            _walk(child, parts)
            if _ends_a_sentence(child):
                _full_stop(parts)
        if child.tail:
            parts.append(child.tail)


def _ends_a_sentence(block: etree._Element) -> bool:
    """Whether the block ends with a list (itself one, or a block whose last words are one) and a
    block of words follows it."""
    if not _ends_with_list(block) or (block.tail or "").strip():
        return False
    following = _next_element(block)
    return following is not None and following.tag in NEXT_BLOCKS


def _ends_with_list(block: etree._Element) -> bool:
    """A list, or a block whose last child is one with no words after it ("<div><ul>…</ul></div>")."""
    while isinstance(block.tag, str):
        if block.tag in LIST_BLOCKS:
            return True
        children = [child for child in block if isinstance(child.tag, str)]
        if not children or (children[-1].tail or "").strip():
            return False
        block = children[-1]
    return False


def _full_stop(parts: list[str]) -> None:
    """A full stop after the last words, unless they end a sentence or clause already."""
    for at in range(len(parts) - 1, -1, -1):
        words = parts[at].rstrip()
        if words:
            if not words.endswith(SENTENCE_ENDS):
                parts[at] = words + "."
            return
