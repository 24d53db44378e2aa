"""A loopback web server for hostile answers the snapshot site cannot give (any headers, such as
Content-Encoding on a bomb), which logs every request it gets: a test can prove none came.

    with HostileSite() as site:
        site.add("/feed.rss", body, {"Content-Type": "application/rss+xml", "Content-Encoding": "gzip"})
        site.url, site.hits
"""

from __future__ import annotations

import gzip
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.reliability.serving import Serving


def billion_laughs(levels: int = 10) -> str:
    """The classic entity bomb's DTD: &lol9; would expand to 10^9 "lol"s (3 GB)."""
    entities = ['<!ENTITY lol "lol">']
    for level in range(1, levels):
        previous = "&lol;" if level == 1 else f"&lol{level - 1};"
        entities.append(f'<!ENTITY lol{level} "{previous * 10}">')
    return "".join(entities)


def gzip_bomb(gigabytes: int = 4) -> bytes:
    """A gzip body of a few MB that expands to `gigabytes` of zeros: 64 MiB members, repeated
    (a gzip stream may hold many members; every reader joins them)."""
    member = gzip.compress(b"\0" * (64 << 20), compresslevel=9)
    return member * (gigabytes * 16)


class HostileSite(Serving):
    def __init__(self) -> None:
        self._pages: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self._hits: list[str] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def hits(self) -> list[str]:
        with self._lock:
            return list(self._hits)

    def add(self, path: str, body: str | bytes, headers: dict[str, str], status: int = 200) -> None:
        content = body.encode("utf-8") if isinstance(body, str) else body
        with self._lock:
            self._pages[path] = (status, headers, content.replace(b"{{SITE}}", self.url.encode()))

    def page(self, path: str) -> tuple[int, dict[str, str], bytes]:
        with self._lock:
            self._hits.append(path)
            return self._pages.get(path, (404, {"Content-Type": "text/plain"}, b"not found\n"))


def _handler(site: HostileSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            status, headers, body = site.page(self.path)
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the crawler stopped reading: its size limit

    return Handler
