"""A value's words as a reader parts them: each line its own part.

lxml's text_content() runs an element's text together, so a `<dd>` holding a list read
"District councilsInternal drainage boards" and a bilingual cell "26 Chwefror 202726 February
2027" (neither a list nor a date any more). Here a block child (a list's items, paragraphs) or a
`<br>` ends a line, and lines are joined with "; ", as loose labels part a block's children;
inline children still run on ("£<span>5,000</span>" stays "£5,000"). An element with no block
child and no `<br>` (most values) is read by text_content() itself: this runs for every row of
every item.
"""

from __future__ import annotations

from lxml import etree

from spiders.loose_labels import tidy

# A <template>'s content is read, as a line of its own: the page shows it on demand ("Show more"),
# and the tree's other readers (text_content(), a selector's text) read it. Skipped here alone, a
# value read its template's words when it had no other line and lost them when it had.
_BLOCKS = frozenset(
    "address article blockquote br dd div dl dt h1 h2 h3 h4 h5 h6 li ol p section table td "
    "template th tr ul".split()
)
_SKIPPED = frozenset({"script", "style"})
# A declarative shadow root (`<template shadowrootmode="open">`, Chrome's first `shadowroot`) is no
# line of its own: the browser shows its content in its host's place, where the host stands in
# the line, as server-rendered web components (Salesforce LWR's `lightning-formatted-number`)
# write every value: "£5,000.00 – £25,000.00" was read "£5,000.00; –; £25,000.00", one figure.
_SHADOW_ROOT = ("shadowrootmode", "shadowroot")


def _is_block(element: etree._Element) -> bool:
    if element.tag != "template":
        return element.tag in _BLOCKS
    return not any(element.get(name) is not None for name in _SHADOW_ROOT)


_ENDS_SENTENCE = (".", ";", ":", "!", "?", ",")


def parted_text(element: etree._Element, joiner: str = "; ") -> str:
    """The element's lines joined by `joiner` (after a line that ends a sentence or clause, by a
    space only)."""
    if not has_lines(element):
        return tidy(element.text_content())
    text = ""
    for line in lines_of(element):
        if text:
            text += " " if text.endswith(_ENDS_SENTENCE) else joiner
        text += line
    return text


def lines_of(element: etree._Element) -> list[str]:
    """The element's lines, tidied, none empty."""
    if not has_lines(element):
        text = tidy(element.text_content())
        return [text] if text else []
    lines: list[str] = []
    current: list[str] = [element.text or ""]
    _walk(element, lines, current)
    lines.append(tidy("".join(current)))
    return [line for line in lines if line]


def has_lines(element: etree._Element) -> bool:
    """Whether a block or a <br> parts the element's words. A loop over its (few) descendants:
    iterdescendants() given the tag names builds a matcher on every call, 3x the cost."""
    if not len(element):  # no child element at all: most labels and values
        return False
    for child in element.iterdescendants():
        if child.tag in _BLOCKS and _is_block(child):
            return True
    return False


def _walk(element: etree._Element, lines: list[str], current: list[str]) -> None:
    """The element's words into `current`, each block or <br> closing the line into `lines`."""
    for child in element:
        if not isinstance(child.tag, str) or child.tag in _SKIPPED:
            current.append(child.tail or "")  # a comment's or script's text is no line's
            continue
        if _is_block(child):
            lines.append(tidy("".join(current)))
            current.clear()
            current.append(child.text or "")
            _walk(child, lines, current)
            lines.append(tidy("".join(current)))
            current.clear()
        else:
            current.append(child.text or "")
            _walk(child, lines, current)
        current.append(child.tail or "")
