"""`X-Content-Type-Options: nosniff` on every answer the server gives.

Datasette answers its `.csv` links as `text/plain`, and every list, feed and calendar carries scraped
text, markup included (`<script>` in a title is kept as text). A browser that sniffs a `text/plain`
answer for HTML would run that markup; `nosniff` tells it to take the stated type at its word.
"""

from __future__ import annotations

from collections.abc import Callable

NOSNIFF = (b"x-content-type-options", b"nosniff")


def nosniff(app: Callable) -> Callable:
    """ASGI middleware: the header added to each response that does not already carry it."""

    async def answer(scope, receive, send):
        if scope.get("type") != "http":
            await app(scope, receive, send)
            return

        async def sending(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                if all(k.lower() != NOSNIFF[0] for k, _ in headers):
                    message = {**message, "headers": [*headers, NOSNIFF]}
            await send(message)

        await app(scope, receive, sending)

    return answer
