"""Read one field out of a page or an item node, by CSS, XPath or a row label."""

from __future__ import annotations

import re

from parsel import Selector, SelectorList

from config.models import LabelSelector

_SPACE = re.compile(r"\s+")
# Text nodes are joined with spaces; "Funders: <a>EPSRC</a>, <a>ESRC</a>" must not read "EPSRC , ESRC".
_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?)])")


def select(node: Selector, query: str) -> SelectorList:
    """`xpath:...` is XPath; anything else is CSS (with Scrapy's ::text and ::attr(...) extensions)."""
    if query.startswith("xpath:"):
        return node.xpath(query.removeprefix("xpath:").strip())
    return node.css(query)


def _text_of(selection: SelectorList) -> str | None:
    parts: list[str] = []
    for match in selection:
        root = match.root
        if isinstance(root, str):  # ::text, ::attr(), text(), @attr
            parts.append(root)
        else:
            parts.append(" ".join(match.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]").getall()))
    text = _SPACE.sub(" ", " ".join(parts)).strip()
    return _BEFORE_PUNCT.sub(r"\1", text) or None


def _label_key(text: str) -> str:
    return _SPACE.sub(" ", text).strip().rstrip(":").strip().casefold()


def by_label(node: Selector, labels: list[str]) -> str | None:
    """The value next to a label: GOV.UK summary lists (dt/dd), tables (th/td) and `<strong>Label:</strong> value`."""
    wanted = [_label_key(label) for label in labels]
    found: dict[str, str] = {}
    for key_node in node.xpath(".//dt | .//th"):
        key = _label_key(" ".join(key_node.xpath(".//text()").getall()))
        if key in wanted and key not in found:
            value = key_node.xpath("following-sibling::*[self::dd or self::td][1]")
            text = _text_of(value)
            if text:
                found[key] = text
    for strong in node.xpath(".//strong | .//b"):
        key = _label_key(" ".join(strong.xpath(".//text()").getall()))
        if key in wanted and key not in found:
            rest = strong.xpath("following-sibling::node()")
            text = _text_of(rest)
            if text:
                found[key] = text
    for key in wanted:
        if key in found:
            return found[key]
    return None


def extract(node: Selector, selector: str | LabelSelector | None) -> str | None:
    if selector is None:
        return None
    if isinstance(selector, LabelSelector):
        return by_label(node, selector.labels)
    return _text_of(select(node, selector))


def extract_first(node: Selector, query: str | None) -> str | None:
    """For links: the first match only (a next-page href, an item URL)."""
    if not query:
        return None
    value = select(node, query).get()
    return value.strip() if value else None
