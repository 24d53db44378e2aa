"""Nuxt 3's payload (`<script id="__NUXT_DATA__">`, a prerendered `_payload.json`) as the data it
stands for. Nuxt writes it in devalue's flat form: one JSON array, the root at index 0, every
object's values and every array's items indices into the array, values used twice (null, "open")
written once, and typed values as `["Type", …]` (Nuxt's `["ShallowReactive", 1]` wrappers, a
`["Date", "2027-01-22T12:00:00.000Z"]`, a `["Set", …]`). Read as plain JSON, `data."funding-calls"`
is nowhere in it: the calls are indices.

Pure: the decoded value, or the data as given when it is not such a payload.
"""

from __future__ import annotations

from typing import Any

# Nuxt's revivers: each wraps one value (reactivity, refs, errors), which is what the page reads.
_WRAPPERS = frozenset(
    {"Reactive", "ShallowReactive", "Ref", "ShallowRef", "EmptyRef", "EmptyShallowRef", "Object"}
)
_ROOTS = frozenset({"Reactive", "ShallowReactive"})  # how Nuxt's payload always begins
# devalue's negative indices: undefined, a hole, NaN, Infinity, -Infinity (none has a JSON
# value here but null) and -0.
_SPECIAL = {-1: None, -2: None, -3: None, -4: None, -5: None, -6: 0}
MAX_VALUES = 1_000_000  # values as written out in full; a listing page's payload has thousands


def is_nuxt_payload(data: Any) -> bool:
    """Whether `data` is a Nuxt payload: a devalue array whose root is Nuxt's reactive wrapper
    (an ordinary JSON array of arrays would be read wrongly as one)."""
    if not isinstance(data, list) or len(data) < 2:
        return False
    root = data[0]
    return (
        isinstance(root, list)
        and len(root) == 2
        and root[0] in _ROOTS
        and isinstance(root[1], int)
        and not isinstance(root[1], bool)
        and 0 < root[1] < len(data)
    )


def unflatten(data: Any) -> Any:
    """The value a Nuxt payload stands for; anything else as it is. A payload whose indices lead
    nowhere is left as it is too (a page is never read half-decoded)."""
    if not is_nuxt_payload(data):
        return data
    done: dict[int, Any] = {}
    building: set[int] = set()
    # Values used twice are one value here; written out in full (a field's text, a JMESPath
    # projection) a payload nesting shared arrays would grow without bound ("billion laughs"),
    # so each value's size written out is counted.
    sizes: dict[int, int] = {}

    def value(index: Any) -> Any:
        if not isinstance(index, int) or isinstance(index, bool):
            raise ValueError(f"not an index: {index!r}")
        if index < 0:
            return _SPECIAL.get(index)
        if index in building:
            raise ValueError("a value inside itself")  # nothing reading it could end
        if index in done:
            return done[index]
        raw = data[index]  # an IndexError for an index past the end
        if not isinstance(raw, dict | list):
            done[index], sizes[index] = raw, 1  # a string, number, boolean or null: itself
            return raw
        building.add(index)
        if isinstance(raw, dict):
            result: Any = {key: value(at) for key, at in raw.items()}
            children = raw.values()
        elif raw and isinstance(raw[0], str):
            result, children = typed(raw), raw[1:]
        else:
            result, children = [value(at) for at in raw], raw
        building.discard(index)
        sizes[index] = 1 + sum(sizes.get(at, 1) for at in children if isinstance(at, int))
        if sizes[index] > MAX_VALUES:
            raise ValueError("too many values written out")
        done[index] = result
        return result

    def typed(raw: list) -> Any:
        kind, rest = raw[0], raw[1:]
        if kind in _WRAPPERS:
            return value(rest[0]) if rest else None
        if kind == "Date":
            return rest[0] if rest else None  # ISO 8601 text, as the date rules read it
        if kind == "Set":
            return [value(at) for at in rest]
        if kind == "Map":
            return {str(value(k)): value(v) for k, v in zip(rest[::2], rest[1::2], strict=False)}
        if kind == "null":  # an object with no prototype: key, index, key, index …
            return {str(k): value(v) for k, v in zip(rest[::2], rest[1::2], strict=False)}
        return value(rest[0]) if len(rest) == 1 else None  # another reviver's one value

    try:
        return value(0)
    except (ValueError, IndexError, RecursionError):
        return data
