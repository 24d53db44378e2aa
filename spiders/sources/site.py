"""A web site on 127.x for the demo and the tests: a source's snapshot folder, pages a test adds, or both.

A snapshot folder's routes.yaml maps the real site's request paths to files; bodies are served with the
real origin rewritten to the loopback one, so absolute links in the pages lead back here. A test adds
pages at run time (`{{SITE}}` in a body becomes this site's address) and can make one answer an error,
hang (and say when a hung request is being held, so a test knows its client is waiting), or
answer 429 with Retry-After first. Every page has an ETag and a Last-Modified and answers a
conditional GET with 304, as polite crawling needs. Every request is logged (`hits`), thread-safely.
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from spiders.sources.pages import Answer, Hit, Page, answer, route_page
from spiders.sources.routes import Route, load_redirects, load_routes, rewrite, routed, utc
from spiders.sources.site_server import STOP_POLL, Handler, Server, is_ipv4_loopback

# Last-Modified of a page a test adds, unless it says otherwise
ADDED_MODIFIED = datetime(2026, 11, 3, 10, 0, tzinfo=UTC)


class LoopbackSite:
    """One site on 127.x; use as a context manager, or call start() and stop().

    `folder`: a snapshot folder to serve (its routes.yaml and files); without it the site starts empty
    and serves only what add() puts there.
    """

    def __init__(
        self,
        folder: str | Path | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        routes: tuple[str, dict[str, Route]] | None = None,
    ):
        if not is_ipv4_loopback(host):
            raise ValueError(f"the loopback site only listens on 127.x.x.x, not {host!r}")
        self.folder = Path(folder) if folder is not None else None
        self.origin: str | None = None
        self._pages: dict[str, Page] = {}
        if self.folder is not None:
            self.include(self.folder, routes=routes)
        self._address = (host, port)
        self._hits: list[Hit] = []
        self._in_flight = 0
        self.most_in_flight = 0  # the most requests it was answering at one time (politeness)
        self._lock = threading.Lock()
        # The paths of the requests a hang is holding now, so a test can know, not guess, that a
        # client is waiting on one (wait_held()).
        self._held: list[str] = []
        self._held_changed = threading.Condition(self._lock)
        self._stopping = threading.Event()
        # Set by stop() and release(): a hung request waits on it, for at most its page's hang.
        self._wake = threading.Event()
        self._server: Server | None = None
        self._thread: threading.Thread | None = None

    def include(
        self, folder: str | Path, *, routes: tuple[str, dict[str, Route]] | None = None
    ) -> LoopbackSite:
        """Serve another snapshot folder of the same real site (two sources on one host, such as
        UKRI's listing and its RSS feed): one origin, one loopback address, so their links agree.
        A path both folders hold (robots.txt) is served from the first. `routes`: the folder's
        load_routes(), when the caller has read it already."""
        origin, routes_by_path = routes or load_routes(Path(folder))
        if self.origin is None:
            self.origin = origin
        elif origin != self.origin:
            raise ValueError(f"{folder} is a snapshot of {origin}, not of {self.origin}")
        for request_path, route in routes_by_path.items():
            if request_path not in self._pages:
                self._pages[request_path] = route_page(route, origin)
        for request_path, to in load_redirects(Path(folder)).items():
            if request_path not in self._pages:  # a page moved when it was recorded
                moved = Page(b"", "text/html", ADDED_MODIFIED, 302, redirect="{{SITE}}" + to)
                self._pages[request_path] = moved
        return self

    # --- where it is -------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("the loopback site is not running")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    url = base_url

    def local_url(self, real: str) -> str:
        """The loopback URL that serves `real` (which must be on the snapshot's origin)."""
        if self.origin is None:
            raise ValueError("this site serves no snapshot: it has no real origin")
        host = self.origin.split("://", 1)[1]
        for scheme in ("https", "http"):
            prefix = f"{scheme}://{host}"
            if real == prefix or real.startswith((prefix + "/", prefix + "?")):
                return self.base_url + real[len(prefix) :]
        raise ValueError(f"{real} is not on {self.origin}")

    def real_url(self, loopback: str) -> str:
        """The inverse of local_url: the real site's URL for a loopback one (for links people click)."""
        base = self.base_url
        if self.origin is not None and (
            loopback == base or loopback.startswith((base + "/", base + "?"))
        ):
            return self.origin + loopback[len(base) :]
        raise ValueError(f"{loopback} is not served by {base} for a real site")

    # --- what it serves ----------------------------------------------------------------------

    def add(
        self,
        path: str,
        body: str | bytes,
        *,
        status: int = 200,
        hang: float = 0.0,
        retry_after: Iterable[int | float | str] = (),
        content_type: str = "text/html; charset=utf-8",
        last_modified: datetime | str | None = None,
        redirect: str | None = None,
        gzipped: bool = False,
        retry_status: int = 429,
        consent: tuple[str, bytes] | None = None,
        fails: Iterable[int] = (),
        headers: Iterable[tuple[str, str]] = (),
        consent_via: str | None = None,
    ) -> None:
        """Serve `body` at `path` (query included, matched exactly), replacing what was there.

        `retry_after`: answer 429 with each of these Retry-After values (seconds or an HTTP date)
        first, one per request. A changed body at a path gets a later Last-Modified unless given.
        `redirect`: answer with this Location (`{{SITE}}` in it becomes this site), status 302 or
        the 3xx given. `gzipped`: answer it gzip-encoded whatever the request accepts, as a static
        host serving pre-compressed files does. `retry_status`: 503 for a busy server's Retry-After
        answers. `consent`, `consent_via`: a consent wall (Page). `fails`: these statuses first.
        `headers`: more response headers (a redirect's Set-Cookie)."""
        if not path.startswith("/"):
            raise ValueError(f"a path starts with /: {path!r}")
        if redirect is not None:
            status = 302 if status == 200 else status
            if not 300 <= status < 400:
                raise ValueError(f"a redirect answers 3xx, not {status}")
        content = body.encode("utf-8") if isinstance(body, str) else body
        with self._lock:
            previous = self._pages.get(path)
            if last_modified is not None:
                modified = utc(last_modified, f"{path}: last_modified")
            elif previous is not None:  # a changed body is a day newer
                changed = previous.content != content
                modified = previous.modified + timedelta(days=1 if changed else 0)
            else:
                modified = ADDED_MODIFIED
            waits = [str(wait) for wait in retry_after]
            page = Page(content, content_type, modified, status, hang, waits, redirect, gzipped)
            extra = {"retry_status": retry_status, "consent": consent, "fails": list(fails)}
            extra |= {"headers": tuple(headers), "consent_via": consent_via}
            self._pages[path] = replace(page, **extra)

    def _served(self, page: Page) -> bytes:
        base = self.base_url
        body = page.content.replace(b"{{SITE}}", base.encode())
        return rewrite(body, self.origin, base) if self.origin else body

    # --- what it was asked -------------------------------------------------------------------

    @property
    def hits(self) -> list[Hit]:
        """What was asked so far, oldest first (a copy: safe to read while requests arrive)."""
        with self._lock:
            return list(self._hits)

    @property
    def held(self) -> int:
        """Requests a hung page is holding now (logged in `hits` once answered)."""
        with self._lock:
            return len(self._held)

    def paths(self, status: int | None = None) -> list[str]:
        return [h.path for h in self.hits if status is None or h.status == status]

    def clear_log(self) -> None:
        with self._lock:
            self._hits.clear()

    def _answer(self, handler: Handler, *, send_body: bool) -> None:
        # In flight from its arrival until its answer is ready, not until sent: a client that
        # has its answer may ask again before this thread is done writing, and that is no overlap.
        with self._lock:
            self._in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self._in_flight)
        try:
            reply = self._reply(handler)
        finally:
            with self._lock:
                self._in_flight -= 1
        if reply is None:
            handler.close_connection = True  # stopping: let the hung request go unanswered
            return
        try:
            handler.send_response(reply.status)
            for name, value in reply.headers.items():
                handler.send_header(name, value)
            if reply.status != 304:
                handler.send_header("Content-Length", str(len(reply.body)))
            handler.end_headers()
            if send_body and reply.body:
                handler.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            handler.close_connection = True  # the client gave up first (a hung page)

    def _reply(self, handler: Handler):
        """The answer to one request, logged; None when the site stops while it hangs."""
        with self._lock:
            page = routed(self._pages, handler.path)
        if page is not None and page.hang and self._held_for(handler.path, page.hang):
            return None
        with self._lock:
            retry_after = page.retry_after.pop(0) if page is not None and page.retry_after else None
            fail = page.fails.pop(0) if page is not None and page.fails else None
        body = self._served(page) if page is not None else b""
        reply = answer(page, handler.headers, body, retry_after, self.base_url, handler.path, fail)
        if page is not None and page.gzip and reply.body:
            encoded = {**reply.headers, "Content-Encoding": "gzip"}
            reply = Answer(reply.status, encoded, gzip.compress(reply.body, mtime=0))
        # logged before answering, so a client that has its answer also finds its request in the log
        with self._lock:
            self._hits.append(
                Hit(handler.command, handler.path, reply.status, dict(handler.headers.items()))
            )
        return reply

    def _held_for(self, path: str, hang: float) -> bool:
        """Hold a request for its page's hang (or until release() or stop()); True if the site
        stopped meanwhile."""
        with self._held_changed:
            self._held.append(path)
            self._held_changed.notify_all()
        try:
            return self._wake.wait(hang) and self._stopping.is_set()
        finally:
            with self._lock:
                self._held.remove(path)

    def wait_held(self, path: str, timeout: float = 60) -> None:
        """Return once a request for `path` is being held by its page's hang: its client is
        certainly waiting on it now (TimeoutError if none is within `timeout` seconds)."""
        with self._held_changed:
            if not self._held_changed.wait_for(lambda: path in self._held, timeout):
                raise TimeoutError(f"no request for {path} was held within {timeout:g}s")

    # --- running -----------------------------------------------------------------------------

    def start(self) -> LoopbackSite:
        if self._server is not None:
            return self
        self._stopping.clear()
        self._wake.clear()
        self._server = Server(self._address, self)
        name = f"site:{self.folder.name}" if self.folder is not None else "site"
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": STOP_POLL},
            name=name,
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None:
            return
        self._stopping.set()  # hung requests go unanswered
        self._wake.set()
        server.shutdown()
        server.server_close()
        if thread is not None:
            thread.join(timeout=5)
        self._server = None
        self._thread = None

    def release(self) -> None:
        """Answer the hung requests now, and every later one at once: a test that has seen what
        the hang was holding the client for need not wait out the rest of it."""
        self._wake.set()

    def __enter__(self) -> LoopbackSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
