"""A title struck through is a closed call: funders that keep old calls on the listing often
strike their names out (`<del>`, `<s>`, `<strike>`) rather than write "Closed" beside them, so
that line is the only status the page gives. Read only when the item has a struck element at
all (one cheap XPath test), so a listing with none pays almost nothing."""

from __future__ import annotations

from lxml import etree

from spiders.title_elements import inline_words, title_elements

STRUCK_STATUS = "Closed"
_STRUCK_TAGS = "self::del or self::s or self::strike"
_ANY_STRUCK = etree.XPath(f"boolean(descendant-or-self::*[{_STRUCK_TAGS}])")
_STRUCK_AROUND = etree.XPath(f"boolean(ancestor-or-self::*[{_STRUCK_TAGS}])")
_STRUCK_INSIDE = etree.XPath(f"descendant::*[{_STRUCK_TAGS}]")


def struck_title(node, title_selector) -> bool:
    """Whether the item's title is struck through: its element inside a <del>/<s>/<strike>,
    or all its words inside one (`<h3><del><a>…</a></del></h3>`)."""
    root = node.root
    if not isinstance(title_selector, str) or not isinstance(root, etree._Element):
        return False
    if not _ANY_STRUCK(root):
        return False  # the common case, one XPath test: nothing struck in the item
    for element in title_elements(node, title_selector):
        if _STRUCK_AROUND(element):
            return True
        said = inline_words(element)
        struck = " ".join(inline_words(inner) for inner in _STRUCK_INSIDE(element))
        if said and struck == said:
            return True
    return False
