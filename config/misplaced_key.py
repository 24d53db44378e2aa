"""An unknown key that is a valid key elsewhere in the same entry: say where it goes.

A curator who writes `closes: {label: …}` beside `item:` instead of under `fields:`, or a team
`keywords: [parks]` beside `events:` instead of under `match:`, spelt the key right: "check the
spelling" sent them looking for a typo that is not there, and `closing_within_days` at a
subscription's top was offered `closing_soon_days`, a different setting. The entry's model is
walked for every place the key is allowed (model fields, and the names a `fields:` mapping takes).
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Sequence
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel

from config.union_errors import is_branch

SAME_PLACE_CLOSE = 0.85  # a near spelling where it stands ("url" for "urls") is still offered


def _inner(annotation: Any) -> tuple[list[type[BaseModel]], list[str]]:
    """The models an annotation holds, and the keys a mapping of Literal keys in it takes."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation], []
    models: list[type[BaseModel]] = []
    keys: list[str] = []
    arguments = typing.get_args(annotation)
    if typing.get_origin(annotation) is dict and arguments:
        if typing.get_origin(arguments[0]) is Literal:
            keys += [str(key) for key in typing.get_args(arguments[0])]
    for argument in arguments:
        more_models, more_keys = _inner(argument)
        models += more_models
        keys += more_keys
    return models, keys


@cache
def places(model: type[BaseModel], depth: int = 3) -> dict[str, tuple[str, ...]]:
    """Each key → the paths of the mappings under `model` that take it ('' the entry itself)."""
    found: dict[str, list[str]] = {}
    for name, field in model.model_fields.items():
        key = field.alias or name
        found.setdefault(key, []).append("")
        models, literal_keys = _inner(field.annotation)
        for literal in literal_keys:
            found.setdefault(literal, []).append(key)
        for inner in models if depth else ():
            for deeper, paths in places(inner, depth - 1).items():
                for path in paths:
                    found.setdefault(deeper, []).append(f"{key}.{path}" if path else key)
    return {key: tuple(dict.fromkeys(paths)) for key, paths in found.items()}


def misplaced_key_hint(model: type[BaseModel] | None, loc: Sequence[Any], nearby: str) -> str:
    """' ('closes' belongs in 'fields' or 'detail.fields')' for an unknown key valid elsewhere in
    `model`, or ''. `nearby` is the near spelling where it stands (unknown_key_hint's), kept when
    it is very close."""
    if model is None or not loc or not isinstance(loc[-1], str):
        return ""
    key = loc[-1]
    parent = ".".join(p for p in loc[:-1] if isinstance(p, str) and not is_branch(p))
    paths = [path for path in places(model).get(key, ()) if path != parent]
    if not paths:
        return ""
    # the places inside where it was written first: `title` under `detail` goes in detail.fields
    paths.sort(key=lambda path: not path.startswith(parent))
    names = [f"'{path}'" if path else "the entry's top level" for path in paths]
    where = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
    close = nearby.split("'")[1] if nearby.count("'") >= 2 else ""
    keep = close and difflib.SequenceMatcher(None, key, close).ratio() >= SAME_PLACE_CLOSE
    return f" ({'did you mean ' + repr(close) + '?; ' if keep else ''}{key!r} belongs in {where})"
