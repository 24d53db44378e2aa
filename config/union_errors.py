"""pydantic reports a value that fits no branch of a union once per branch ("Input should be a
valid string", "label: Field required", "Input should be a valid list"). A curator needs one line:
the key they misspelt, or what the field takes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from config.plain_words import given
from config.suggest import QUOTED

_SIMPLE = {
    "str": "text",
    "constrained-str": "text",
    "bool": "true or false",
    "int": "a whole number",
    "constrained-int": "a whole number",
    "float": "a number",
    "constrained-float": "a number",
    "LabelSelector": "{label: …}",
    "PageParam": "{name: …}",
}


def is_branch(part: Any) -> bool:
    """A union branch or key marker in an error's location, not a field a curator wrote: field
    names are snake_case, pydantic's markers are type names ('str', 'list[…]', 'LabelSelector')."""
    return isinstance(part, str) and (
        part in _SIMPLE or part == "[key]" or "[" in part or part[:1].isupper()
    )


def _describe(branch: str) -> str:
    if branch in _SIMPLE:
        return _SIMPLE[branch]
    if branch.startswith("list["):
        allowed = QUOTED.findall(branch)
        return f"a list of {', '.join(allowed)}" if allowed else "a list"
    if branch.startswith("dict["):
        return "a mapping"
    return branch


def collapse(errors: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The errors, with those for one union field merged: its unknown keys alone when there are any
    (they carry the suggestion), else one 'expected A or B' for the field."""
    groups: dict[tuple, list[tuple[str, dict[str, Any]]]] = {}
    out: list[dict[str, Any] | tuple] = []
    for error in errors:
        loc = tuple(error["loc"])
        at = next((i for i, part in enumerate(loc) if is_branch(part) and part != "[key]"), None)
        if at is None:
            out.append(error)
            continue
        key = loc[:at]
        if key not in groups:
            groups[key] = []
            out.append(key)  # keeps the field's place among the others
        groups[key].append((loc[at], error))
    merged: list[dict[str, Any]] = []
    for item in out:
        if isinstance(item, dict):
            merged.append(item)
            continue
        found = groups[item]
        if len({branch for branch, _ in found}) < 2:
            merged.extend(error for _, error in found)
            continue
        unknown = [error for _, error in found if error["type"] == "extra_forbidden"]
        if unknown:
            merged.extend(unknown)
            continue
        # A value of one branch's shape with a wrong part (`council_eligible: [yes, maybe]`: a
        # list, its second item wrong) is that part's error, not "expected true or false or a
        # list of …", which named neither the item nor what was wrong with it.
        inside = [error for _, error in found if len(error["loc"]) > len(item) + 1]
        if inside:
            merged.extend(inside)
            continue
        wanted = list(dict.fromkeys(_describe(branch) for branch, _ in found))
        # What was written, as the other fields' errors say it ('maybe' alone read as if the
        # field were missing); never a secret-looking value (given()).
        got = given(found[0][1].get("input"))
        merged.append(
            {
                "loc": item,
                "type": "union_mismatch",
                "msg": f"expected {' or '.join(wanted)}, got {got}",
            }
        )
    return merged
