"""Talking to the loopback site from tests: plain urllib, never through a proxy."""

from __future__ import annotations

import urllib.error
import urllib.request

# No proxy: a proxy from the environment must never see these requests.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def fetch(url: str, headers: dict[str, str] | None = None, method: str = "GET"):
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with OPENER.open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read()
