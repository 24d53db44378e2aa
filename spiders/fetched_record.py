"""Pure: a fetched response a framework inlines in its page, read as the answer it holds.

SvelteKit writes each fetch its load function made on the server into the page, so the browser
need not ask again: `<script type="application/json" data-sveltekit-fetched data-url="/api/…">`
holding the response as a record, `{"status": 200, "statusText": "", "headers": {…}, "body":
"{\\"grants\\": […]}"}`: the answer itself is a string in `body`, JSON inside JSON. A curator
writing `item: "body.grants[*]"` (as the page source shows it) found nothing, and no JMESPath
reaches into a string (tests/sites/sveltekit_fetched_body). Such a record's `body` is read as
the JSON it is, so `body.grants[*]` reads the grants.
"""

from __future__ import annotations

import json
from typing import Any


def with_body_read(value: Any) -> Any:
    """`value` (a script's JSON, or a list of several scripts') with each fetched-response
    record's JSON `body` decoded; anything else as it is."""
    if isinstance(value, list):
        return [with_body_read(item) for item in value]
    if not _is_record(value):
        return value
    try:
        body = json.loads(value["body"])
    # A body that only looks like JSON stays the text it is.
    except (ValueError, RecursionError):
        return value
    return {**value, "body": body}


def _is_record(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("status"), int)
        and isinstance(value.get("body"), str)
        and value["body"].lstrip()[:1] in ("{", "[")
        and not value.get("b64")  # a binary body, base64-encoded: no JSON
    )
