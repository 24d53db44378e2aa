"""An Astro island's props (`<astro-island props="…">`) as the data they stand for. Astro renders a
component for the browser's hydration with its props HTML-escaped in an attribute, each value
written as `[type, value]` (its `serialize.ts`): 0 a plain value (an object's own values written
the same way again), 1 an array of such pairs, 3 a Date's ISO string, 4 a Map and 5 a Set as
arrays, 7 a URL's string. Read as plain JSON, `grants[*].title` is `[0, "…"]`, never the title.

Pure: the decoded props, or None when the element is no island.
"""

from __future__ import annotations

import json
from typing import Any

from lxml import etree

_PLAIN, _ARRAY, _MAP, _SET = 0, 1, 4, 5
_INFINITIES = {11: None}  # Infinity and -Infinity have no JSON value


def island_props(element: Any) -> str | None:
    """The props attribute of an `<astro-island>`, or None for any other element."""
    if not isinstance(element, etree._Element) or element.tag != "astro-island":
        return None
    return element.get("props", "{}")


def revived(text: str) -> Any:
    """The props JSON, each `[type, value]` pair as its value (raises ValueError if not JSON)."""
    return _object(json.loads(text))


def _object(props: Any) -> Any:
    if not isinstance(props, dict):
        return props
    return {key: _value(pair) for key, pair in props.items()}


def _value(pair: Any) -> Any:
    if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], int)):
        return pair  # not Astro's form: as written
    kind, value = pair
    if kind == _PLAIN:
        return _object(value)
    if kind in (_ARRAY, _SET) and isinstance(value, list):
        return [_value(item) for item in value]
    if kind == _MAP and isinstance(value, list):
        entries = [_value(entry) for entry in value]
        return {str(k): v for k, v in (e for e in entries if isinstance(e, list) and len(e) == 2)}
    return _INFINITIES.get(kind, value)
