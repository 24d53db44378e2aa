"""Pure: Google's typed JSON values as the values they stand for. Cloud Firestore's REST API (and
Datastore's) gives every field as an object naming its type: {"stringValue": "…"},
{"integerValue": "250"} (int64 as text), {"booleanValue": true}, {"timestampValue": "…Z"},
{"nullValue": null}, {"arrayValue": {"values": […]}}, {"mapValue": {"fields": {…}}}. A field
pointed at such an object (`fields.title`, as the README's "a field pointed at an object" invites)
read as nothing: no title, so no call.
MongoDB's Extended JSON (Wix Data's records in a page's warmup script, Atlas and Realm APIs) wraps
the values JSON has no type for the same way: {"$date": "…Z"} (or, canonical, {"$date":
{"$numberLong": "<epoch ms>"}}), {"$numberInt": "5"}, {"$numberDecimal": "2500.00"}, {"$oid": "…"}.
Read as an object, a closing date was no date: every Wix deadline was lost without a word."""

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
# Extended JSON's wrappers: numbers as text, a date as ISO text or epoch milliseconds (which the
# api's dates read as epoch time, UTC), an id as its hex.
_EXTENDED = frozenset(
    {"$date", "$numberInt", "$numberLong", "$numberDouble", "$numberDecimal", "$oid"}
)


def plain_value(raw: Any) -> Any:
    """The value a typed value stands for (lists and objects of them too); anything else as is."""
    if isinstance(raw, list):
        return [plain_value(value) for value in raw]
    if isinstance(raw, dict) and len(raw) == 1 and next(iter(raw)) in _EXTENDED:
        return _extended(*next(iter(raw.items())))
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


def _extended(kind: str, value: Any) -> Any:
    if kind == "$date":
        value = plain_value(value)  # canonical form: {"$numberLong": "1801242000000"}
        return value if isinstance(value, str | int | float) else None
    if kind == "$oid" or not isinstance(value, str):
        return value
    try:
        number = float(value)
    except ValueError:
        return value
    return int(number) if kind in ("$numberInt", "$numberLong") and number.is_integer() else number
