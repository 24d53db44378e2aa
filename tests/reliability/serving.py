"""A socketserver run on a background thread for the length of a `with` block: the base of the
fault tests' own servers (an SMTP server that hangs up, a site that serves bombs)."""

from __future__ import annotations

import socketserver
import threading
from typing import Self

from spiders.sources.site import STOP_POLL


class Serving:
    """Subclasses set `self._server` (a threading socketserver bound to loopback) in __init__."""

    _server: socketserver.BaseServer
    _thread: threading.Thread | None = None

    def __enter__(self) -> Self:
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": STOP_POLL}, daemon=True
        )
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread:
            self._thread.join(timeout=5)
