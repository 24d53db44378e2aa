"""Pure (lxml): the elements an item's title selector reads its words from, and an element's
words; for the readers that look at the title's element itself, not only its text (a struck name:
struck_title.py, a status badge inside it: title_badges.py)."""

from __future__ import annotations

from lxml import etree

from config.lazy_pattern import lazy_pattern
from spiders.extract import select

# What a selector reads of its element: "h3 a::text" is the <a>, "xpath://h3/a/text()" its <a>.
_READ_SUFFIX = lazy_pattern(r"(?:::text|::attr\([^)]*\)|/text\(\)|/@[\w:-]+)$")


def title_elements(node, title_selector: str) -> list[etree._Element]:
    """The elements `title_selector` reads within the item `node` (the item itself for a bare
    "::text")."""
    scope = _READ_SUFFIX.sub("", title_selector.strip()).strip()
    found = [match.root for match in select(node, scope)] if scope else [node.root]
    return [element for element in found if isinstance(element, etree._Element)]


def inline_words(element: etree._Element) -> str:
    """The element's words, its inline children's among them, spaces collapsed."""
    return " ".join("".join(element.itertext()).split())
