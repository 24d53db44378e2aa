"""Where a page's number, offset or cursor goes in the next request's address: a query parameter
(`?page=2`, `?cursor=…`), or, for a GraphQL API asked by GET, a variable in the JSON of its
`variables` parameter (`page_param: {name: variables.after, …}`), since that is where a GraphQL
server reads `after`: a query parameter of that name would be ignored and page 1 answered again."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import add_or_replace_parameter

from config.page_variables import VARIABLES


def with_page_value(url: str, name: str, value: Any) -> str:
    """`url` asking for the page `value` names (a number, an offset or a cursor token)."""
    key = _variable(url, name)
    if key is None:
        return add_or_replace_parameter(url, name, str(value))
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    asked = []
    for pair_name, text in pairs:
        if pair_name == VARIABLES:
            variables = json.loads(text)
            variables[key] = value
            text = json.dumps(variables, separators=(",", ":"), ensure_ascii=False)
        asked.append((pair_name, text))
    return urlunsplit(parts._replace(query=urlencode(asked)))


def _variable(url: str, name: str) -> str | None:
    """The GraphQL variable `name` sets ("variables.after" → "after"), when the URL carries its
    variables as a JSON object; None for an ordinary query parameter."""
    prefix, dot, key = name.partition(".")
    if prefix != VARIABLES or not dot or not key:
        return None
    for pair_name, text in parse_qsl(urlsplit(url).query, keep_blank_values=True):
        if pair_name == VARIABLES:
            try:
                return key if isinstance(json.loads(text), dict) else None
            except ValueError:
                return None
    return None
