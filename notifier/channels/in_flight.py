"""At most a few posts in flight to one host at once, across every delivery worker of the process.

A run serves a hundred Slack channels at the same time, and each channel's first alert is due at
once: a hundred connections opened together overflowed a small server's listen queue (Python's
http.server keeps five), and a connection reset after sending is never retried in the same run,
since the post may have landed. Posts are a few milliseconds each, so four at a time still carry
hundreds a second, far above one a second per channel. A place is waited for a second at most: when
the host stalls, four posts waiting out their timeouts must not make every other post wait too.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

PER_HOST = 4
WAIT_FOR_PLACE = 1.0  # seconds

_guard = threading.Lock()
_hosts: dict[str, threading.BoundedSemaphore] = {}


def host_of(url: str) -> str:
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}".lower()


@contextmanager
def in_flight(url: str, wait: float = WAIT_FOR_PLACE) -> Iterator[None]:
    """Hold one of the host's few places while the body runs (the HTTP request and its answer), or
    go ahead without one after `wait` seconds."""
    host = host_of(url)
    with _guard:
        places = _hosts.setdefault(host, threading.BoundedSemaphore(PER_HOST))
    held = places.acquire(timeout=wait)
    try:
        yield
    finally:
        if held:
            places.release()
