"""Pure: whether a `page_param` named as a query parameter is really a GraphQL variable. A GraphQL
API asked by GET reads `after` from the JSON of its `variables` parameter; `&after=…` beside it is
ignored and page 1 is answered again, for ever. Such an entry is refused when it is loaded (so
`fundwatch sources check` names it), not when its crawl starts."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlsplit

VARIABLES = "variables"


def misplaced_variable(url: str, name: str, params: dict[str, str] | None = None) -> str | None:
    """Why paging by `name` would ask page 1 for ever: it is a variable of the GraphQL `variables`
    the URL (with the entry's `params`) carries, not a query parameter of its own."""
    pairs = {**dict(parse_qsl(urlsplit(url).query, keep_blank_values=True)), **(params or {})}
    if name in pairs or VARIABLES not in pairs:
        return None
    try:
        variables = json.loads(pairs[VARIABLES])
    except ValueError:
        return None
    if not isinstance(variables, dict) or name not in variables:
        return None
    return (
        f"{name!r} is a variable in the URL's GraphQL variables, which a query parameter of that "
        f"name does not set: name it {VARIABLES}.{name}"
    )
