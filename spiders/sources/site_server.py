"""The HTTP server under a LoopbackSite (spiders/sources/site.py): quiet, keep-alive, one thread a
connection; what it answers is the site's."""

from __future__ import annotations

import ipaddress
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spiders.sources.site import LoopbackSite

# How often a serving thread looks whether it was told to stop: stop() waits up to this long.
# At 0.05 s every stopped site, and every test that starts one, lost 50 ms; a wake-up every
# 10 ms costs an idle server next to nothing.
STOP_POLL = 0.01


def is_ipv4_loopback(host: str) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.version == 4 and address.is_loopback


class Handler(BaseHTTPRequestHandler):
    server: Server
    protocol_version = "HTTP/1.1"
    timeout = 30  # idle keep-alive connections must not hold a thread for ever
    # Headers and body go out in separate writes: with Nagle on, the body waits for the client's
    # delayed ACK of the headers, ~40 ms per request on a kept-alive connection (benchmarks/crawl_scale.py).
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        self.server.site._answer(self, send_body=True)

    def do_HEAD(self) -> None:
        self.server.site._answer(self, send_body=False)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: requests go to LoopbackSite.hits, not stderr."""


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64  # the default 5 drops connections a busy crawl opens at once

    def __init__(self, address: tuple[str, int], site: LoopbackSite):
        super().__init__(address, Handler)
        self.site = site

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up (a TLS hello to this plain HTTP site, a timeout) is not news."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)
