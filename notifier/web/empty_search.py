"""A search for nothing but quote marks (a visitor's stray `"`, or `""`) is no search: Datasette
escapes a query by quoting its words, which leaves such a one an empty FTS5 MATCH, answered with
a 400 page headed "Invalid SQL" (fts5: syntax error). Dropped before Datasette reads it, the
visitor gets the list unsearched, as for an empty box."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode


def _looks_for_nothing(key: str, value: str) -> bool:
    searched = key == "_search" or key.startswith("_search_")
    return searched and not value.replace('"', "").strip()


def drop_empty_search(app: Callable) -> Callable:
    """ASGI middleware: `_search` (or `_search_<column>`) values of only quotes and spaces go."""

    async def answer(scope, receive, send):
        query = scope.get("query_string") or b""
        if scope.get("type") == "http" and b"_search" in query:
            pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True)
            kept = [(k, v) for k, v in pairs if not _looks_for_nothing(k, v)]
            if len(kept) != len(pairs):
                scope = {**scope, "query_string": urlencode(kept).encode("ascii")}
        await app(scope, receive, send)

    return answer
