"""A small funding site on loopback for end-to-end crawls: pages tests can change, log and break.

Each page answers with an ETag and Last-Modified and honours conditional requests, like a
well-behaved CMS; routes can be switched to 500, to hang, or to 429 with Retry-After.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Page:
    body: str
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    hang: float = 0.0  # seconds to wait before answering (a hung server)
    retry_after: list[int] = field(
        default_factory=list
    )  # answer 429 with these waits first, one per request
    last_modified: str = "Tue, 03 Nov 2026 10:00:00 GMT"

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body.encode()).hexdigest()[:16] + '"'


@dataclass
class Hit:
    path: str
    status: int
    headers: dict[str, str]
    at: float


class Site:
    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                site._answer(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def add(self, path: str, body: str, **options: Any) -> Page:
        page = Page(body.replace("{{SITE}}", self.url), **options)
        self.pages[path] = page
        return page

    def paths(self, status: int | None = None) -> list[str]:
        with self._lock:
            return [h.path for h in self.hits if status is None or h.status == status]

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        page = self.pages.get(handler.path)
        headers = {k: v for k, v in handler.headers.items()}
        status, body, extra = 404, b"not found", {"Content-Type": "text/plain"}
        if page is not None:
            if page.hang:
                time.sleep(page.hang)
            if page.retry_after:
                status, body, extra = (
                    429,
                    b"slow down",
                    {"Retry-After": str(page.retry_after.pop(0))},
                )
            elif page.status != 200:
                status, body, extra = page.status, b"server error", {"Content-Type": "text/plain"}
            elif headers.get("If-None-Match") == page.etag:
                status, body, extra = 304, b"", {"ETag": page.etag}
            else:
                status, body = 200, page.body.encode()
                extra = {
                    "Content-Type": page.content_type,
                    "ETag": page.etag,
                    "Last-Modified": page.last_modified,
                }
        with self._lock:
            self.hits.append(Hit(handler.path, status, headers, time.monotonic()))
        try:
            handler.send_response(status)
            for key, value in extra.items():
                handler.send_header(key, value)
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the crawler gave up on a hung page first

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()
