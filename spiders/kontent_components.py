"""Pure: a Kontent.ai rich-text element with its components put in place. A component (a callout,
a "who can apply" box) is part of the rich text, but the Delivery API gives only an empty
`<object type="application/kenticocloud" data-rel="component" data-codename="…">` where it goes,
its content in the answer's `modular_content`: read as it came, a call's eligibility lost the
component's words ("Individuals and businesses cannot apply."). A linked item (`data-rel="link"`,
another content item shown as a card) is not part of the text and stays out."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from config.lazy_pattern import lazy_pattern

_OBJECT = lazy_pattern(r"<object\b([^>]*)>\s*</object>", re.IGNORECASE)
_ATTRIBUTE = lazy_pattern(r'([\w-]+)\s*=\s*"([^"]*)"')


def with_components(element: dict, find: Callable[[str], Any]) -> dict:
    """The element with each component's `<object>` replaced by the component's words (`find`
    gives the item of a codename, or None when the answer does not hold it)."""

    def put(found: re.Match[str]) -> str:
        attributes = dict(_ATTRIBUTE.findall(found[1]))
        if attributes.get("type") != "application/kenticocloud":
            return found[0]
        if attributes.get("data-rel") != "component":
            return found[0]
        item = find(attributes.get("data-codename", ""))
        words = _words(item) if isinstance(item, dict) else None
        return f"<div>{words}</div>" if words else found[0]

    return {**element, "value": _OBJECT.sub(put, element["value"])}


def _words(item: dict) -> str | None:
    """A component's elements as HTML: its rich text as it is, its plain text as paragraphs."""
    elements = item.get("elements")
    parts = []
    for inner in elements.values() if isinstance(elements, dict) else []:
        value = inner.get("value") if isinstance(inner, dict) else None
        if isinstance(value, str) and value.strip():
            rich = inner.get("type") == "rich_text"
            parts.append(value if rich else f"<p>{html.escape(value)}</p>")
    return "".join(parts) or None
