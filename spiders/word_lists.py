"""Pure: Word's lists as "Save as Web Page" writes them. Word writes no `<ul>`: each item is a
paragraph of its own (`<p class=MsoListParagraphCxSpFirst>`, `…CxSpMiddle`, `…CxSpLast`, or
`MsoListBullet`/`MsoListNumber`), its bullet or number drawn as text in a span Word marks
`style='mso-list:Ignore'` ("·" in the Symbol font, "1."), inside `<![if !supportLists]>`, which
browsers show. Under a "Who can apply:" paragraph the list is the value: all its items, without
their markers (a label took the first item only, "· registered charities")."""

from __future__ import annotations

import re

from lxml import etree

from config.lazy_pattern import lazy_pattern

_WORD_LIST = lazy_pattern(r"(?:^|\s)MsoList\w*", re.IGNORECASE)
_MARKER = lazy_pattern(r"mso-list\s*:\s*ignore", re.IGNORECASE)


def is_word_list_item(element: etree._Element) -> bool:
    return (
        isinstance(element.tag, str)
        and element.tag == "p"
        and bool(_WORD_LIST.search(element.get("class", "")))
    )


def _words(element: etree._Element, parts: list[str]) -> None:
    """The element's text, a marker span's own words left out (its tail kept)."""
    if _MARKER.search(element.get("style", "")):
        return
    parts.append(element.text or "")
    for child in element:
        if isinstance(child.tag, str):
            _words(child, parts)
        parts.append(child.tail or "")


def item_text(paragraph: etree._Element) -> str:
    """A Word list paragraph's words without its bullet or number."""
    parts: list[str] = []
    _words(paragraph, parts)
    return " ".join(" ".join(parts).split())


def word_list(first: etree._Element) -> list[str]:
    """The items of the Word list starting at `first`: it and the list paragraphs right after it."""
    items: list[str] = []
    element: etree._Element | None = first
    while element is not None:
        if isinstance(element.tag, str):
            if not is_word_list_item(element):
                break
            if text := item_text(element):
                items.append(text)
        element = element.getnext()
    return items
