"""Pure: Google's typed JSON values as the values they stand for. Cloud Firestore's REST API (and
Datastore's) gives every field as an object naming its type: {"stringValue": "…"},
{"integerValue": "250"} (int64 as text), {"booleanValue": true}, {"timestampValue": "…Z"},
{"nullValue": null}, {"arrayValue": {"values": […]}}, {"mapValue": {"fields": {…}}}. A field
pointed at such an object (`fields.title`, as the README's "a field pointed at an object" invites)
read as nothing: no title, so no call."""

from __future__ import annotations

from typing import Any

_SCALARS = frozenset(
    {
        "stringValue",
        "booleanValue",
        "doubleValue",
        "timestampValue",
        "referenceValue",
        "bytesValue",
        "geoPointValue",
    }
)
_TYPES = _SCALARS | {"integerValue", "nullValue", "arrayValue", "mapValue"}


def plain_value(raw: Any) -> Any:
    """The value a typed value stands for (lists and objects of them too); anything else as is."""
    if isinstance(raw, list):
        return [plain_value(value) for value in raw]
    if not isinstance(raw, dict) or len(raw) != 1 or next(iter(raw)) not in _TYPES:
        return raw
    kind, value = next(iter(raw.items()))
    if kind == "nullValue":
        return None
    if kind == "integerValue":
        try:
            return int(value)
        except (TypeError, ValueError):
            return value
    if kind == "arrayValue":
        return [plain_value(v) for v in (value or {}).get("values") or []]
    if kind == "mapValue":
        return {k: plain_value(v) for k, v in ((value or {}).get("fields") or {}).items()}
    return value
