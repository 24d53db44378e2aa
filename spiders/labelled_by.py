"""An `aria-labelledby` read as a field: the words of the elements it names (pure, lxml).

Bootstrap's tabs put every panel in the HTML, each `role="tabpanel"` naming its tab by id
(`aria-labelledby="future-tab"`); a funder that splits its calls into "Open", "Closed" and
"Future rounds" tabs says a call's status only there. A field reading that attribute
(`status: "xpath:ancestor::div[@role='tabpanel'][1]/@aria-labelledby"`) got the id, "future-tab",
which names no status; what the attribute means, to a screen reader as to a person, is the named
element's words, "Future rounds". Space-separated ids are each read, in order, as ARIA reads them.
An id that names nothing on the page is kept as written.
"""

from __future__ import annotations

from lxml import etree

from config.lazy_pattern import lazy_pattern
from spiders.element_text import element_text

# The selector ends by reading the attribute: XPath's `/@aria-labelledby`, CSS's `::attr(…)`.
_READS_IT = lazy_pattern(r"(?:@|::attr\(\s*)aria-labelledby\s*\)?\s*$")


# Compiled once: asked for every id of every item read this way.
_BY_ID = etree.XPath("//*[@id=$id]")


def reads_labelledby(selector: str) -> bool:
    return _READS_IT.search(selector.strip()) is not None


def named_words(node: etree._Element, ids: list[str]) -> str:
    """The words of the elements `ids` name in `node`'s document, each id in order."""
    root = node.getroottree().getroot()
    words = []
    for ident in (part for value in ids for part in value.split()):
        found = _BY_ID(root, id=ident)
        text = element_text(found[0]) if found else ""
        words.append(text or ident)
    return " ".join(words)
