"""At most a few posts in flight to one host at once, across every delivery worker of the process.

A run serves a hundred Slack channels at the same time, and each channel's first alert is due at
once: a hundred connections opened together overflowed a small server's listen queue (Python's
http.server keeps five), and a connection reset after sending is never retried in the same run,
since the post may have landed. Posts are a few milliseconds each, so four at a time still carry
hundreds a second, far above one a second per channel.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

PER_HOST = 4

_guard = threading.Lock()
_hosts: dict[str, threading.BoundedSemaphore] = {}


def host_of(url: str) -> str:
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}".lower()


@contextmanager
def in_flight(url: str) -> Iterator[None]:
    """Hold one of the host's few places while the body runs (the HTTP request and its answer)."""
    host = host_of(url)
    with _guard:
        places = _hosts.setdefault(host, threading.BoundedSemaphore(PER_HOST))
    with places:
        yield
