"""The answers of a hand-built site's extras.yaml (tests/sites/README.md) that need more than one
line of tests/unseen_sites.py or unseen_serving.py: an error page's body kept in a file, and a consent interstitial."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from spiders.sources.routes import load_routes
from spiders.sources.site import LoopbackSite


def error_body(folder: Path, extra: dict[str, Any]) -> bytes:
    """An error page's body: its `body`, or the folder's `file` (a whole page template, as a
    maintenance 503 sends it)."""
    if "file" in extra:
        return (folder / extra["file"]).read_bytes()
    return extra.get("body", "").encode("utf-8")


def consent_interstitial(site: LoopbackSite, folder: Path, extra: dict[str, Any]) -> None:
    """{path, consent_via, cookie}: the page, asked without the cookie, answers 302 to
    `consent_via`?returnUrl=<path>, which sets the cookie and answers 302 back to the page."""
    path, via, cookie = extra["path"], extra["consent_via"], extra["cookie"]
    route = load_routes(folder)[1][path]
    body = route.file.read_bytes()
    site.add(path, body, consent=(cookie, b""), consent_via=via, content_type=route.content_type)
    back = [("Set-Cookie", f"{cookie}; Path=/")]
    site.add(
        f"{via}?returnUrl={quote(path, safe='')}", "", redirect="{{SITE}}" + path, headers=back
    )
