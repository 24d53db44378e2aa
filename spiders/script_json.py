"""The JSON a page's script assigns, when the script is not JSON itself.

Server-rendered React, Vue and Angular apps hand the browser their store as a statement,
`window.__INITIAL_STATE__ = {…};` (also `window.__PRELOADED_STATE__`, `var __APOLLO_STATE__ =
…`), in a script with no id: the value is JSON, the statement around it is not, and json.loads
refused the whole ("Expecting value: line 1 column 1"). Only a literal JSON reads here, and only
the first assignment; a JavaScript literal (bare keys, Nuxt 2's function call) is read from where
the value starts (assigned_from) by spiders/js_literal.py.

Pure: (data, None), or (None, why) with the JSON error when there is no such assignment.
"""

from __future__ import annotations

import json
from typing import Any

from config.lazy_pattern import lazy_pattern

# `window.X =`, `window["X"] =`, `var|let|const X =`, `self.X =`, after any leading comment or
# semicolon; the value is what follows the first such `=` (not `==`, `=>`).
_ASSIGNMENT = lazy_pattern(
    r"""^\s*(?:;\s*)?(?:(?:var|let|const)\s+)?[\w$]+(?:\s*\.\s*[\w$]+|\s*\[\s*(?:"[^"]*"|'[^']*')\s*\])*\s*=(?![=>])\s*"""
)
_DECODER = json.JSONDecoder()


def assigned_from(text: str) -> int | None:
    """Where the value `text` assigns starts (after `window.__NUXT__=`), or None: no assignment."""
    match = _ASSIGNMENT.match(text)
    return match.end() if match else None


def assigned_json(text: str) -> tuple[Any, str | None]:
    """The JSON value `text` assigns (`window.__INITIAL_STATE__ = {…};`)."""
    match = _ASSIGNMENT.match(text)
    if match is None:
        return None, "no JSON, and no `name = {…}` assignment of it"
    try:
        value, end = _DECODER.raw_decode(text, match.end())
    # JSONDecodeError is a ValueError; nesting deeper than the recursion limit a RecursionError.
    except (ValueError, RecursionError) as exc:
        return None, f"the value assigned is not JSON: {exc}"
    rest = text[end:].lstrip()
    # The statement ends at a semicolon or a line break; `{…} + 2` or `{…}.map(…)` is no literal.
    ended = not rest or rest[0] in ";," or "\n" in text[end : len(text) - len(rest)]
    if not ended:
        return None, f"the value assigned is not JSON: it goes on after the JSON ({rest[:20]!r})"
    return value, None
