"""Serve a bundled snapshot of a funding source on 127.0.0.1, so the demo and the tests never leave loopback.

Each folder under snapshots/ holds a routes.yaml (the real site's origin and request path → file) and the
files. Bodies are served with the real origin rewritten to the loopback one, so absolute links in the pages
lead back to this server. ETag and Last-Modified make conditional GET answer 304, as polite crawling needs.
"""

from __future__ import annotations

import hashlib
import ipaddress
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

SNAPSHOTS = Path(__file__).parent / "snapshots"


@dataclass(frozen=True)
class Route:
    file: Path
    content_type: str
    modified: datetime


@dataclass(frozen=True)
class Page:
    body: bytes
    content_type: str
    etag: str
    last_modified: str
    modified: datetime


@dataclass(frozen=True)
class LoggedRequest:
    method: str
    path: str
    status: int
    headers: dict[str, str]


def _utc(value: Any, where: str) -> datetime:
    if isinstance(value, datetime):
        parsed = value
    else:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        raise ValueError(f"{where}: time needs a zone (end it with Z)")
    # HTTP dates have whole seconds: comparing If-Modified-Since must not trip over fractions
    return parsed.astimezone(UTC).replace(microsecond=0)


def load_routes(folder: Path) -> tuple[str, dict[str, Route]]:
    """The real origin and the routes of one snapshot folder, checked so a typo fails loudly."""
    path = folder / "routes.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    origin = str(raw.get("origin", "")).rstrip("/")
    if not origin.startswith(("http://", "https://")):
        raise ValueError(f"{path}: 'origin' must be an http(s) URL")
    captured = _utc(raw.get("captured", "2026-11-25T06:00:00Z"), f"{path}: captured")
    routes: dict[str, Route] = {}
    for index, entry in enumerate(raw.get("routes") or []):
        where = f"{path}: routes[{index}]"
        request_path, name = entry.get("path"), entry.get("file")
        if not request_path or not str(request_path).startswith("/") or not name:
            raise ValueError(f"{where}: needs 'path' (starting with /) and 'file'")
        file = (folder / name).resolve()
        if not file.is_relative_to(folder.resolve()):
            raise ValueError(f"{where}: file must be inside {folder}")
        if not file.is_file():
            raise ValueError(f"{where}: file not found: {file}")
        modified = _utc(entry["modified"], where) if "modified" in entry else captured
        routes[request_path] = Route(file, entry.get("type", "application/octet-stream"), modified)
    return origin, routes


def rewrite(body: bytes, origin: str, base_url: str) -> bytes:
    """Point every absolute link at `origin` (https, http, or JSON-escaped) to `base_url` instead."""
    host = origin.split("://", 1)[1]
    for scheme in ("https", "http"):
        body = body.replace(f"{scheme}://{host}".encode(), base_url.encode())
        escaped_base = base_url.replace("/", "\\/")
        body = body.replace(f"{scheme}:\\/\\/{host}".encode(), escaped_base.encode())
    return body


def _is_ipv4_loopback(host: str) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.version == 4 and address.is_loopback


def _etag_matches(header: str, etag: str) -> bool:
    candidates = [tag.strip() for tag in header.split(",")]
    # weak comparison, as RFC 9110 asks for If-None-Match
    return "*" in candidates or etag in (tag.removeprefix("W/") for tag in candidates)


def _not_modified(headers: Any, page: Page) -> bool:
    if_none_match = headers.get("If-None-Match")
    if if_none_match is not None:  # it takes precedence over If-Modified-Since
        return _etag_matches(if_none_match, page.etag)
    since = headers.get("If-Modified-Since")
    if since:
        try:
            when = parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return page.modified <= when
    return False


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    timeout = 30  # idle keep-alive connections must not hold a thread for ever

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _answer(self, *, send_body: bool) -> None:
        page = self.server.pages.get(self.path)
        if page is None:
            status, body = 404, b"Not found\n"
            headers = {
                "Content-Type": "text/plain; charset=utf-8",
                "Content-Length": str(len(body)),
            }
        else:
            status = 304 if _not_modified(self.headers, page) else 200
            headers = {
                "ETag": page.etag,
                "Last-Modified": page.last_modified,
                "Cache-Control": "no-cache",
            }
            body = b""
            if status == 200:
                body = page.body
                headers |= {"Content-Type": page.content_type, "Content-Length": str(len(body))}
        # logged before answering, so a client that has its answer also finds its request in the log
        self.server.log(LoggedRequest(self.command, self.path, status, dict(self.headers.items())))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if send_body and body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: requests go to SnapshotServer.requests, not stderr."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int]):
        super().__init__(address, _Handler)
        self.pages: dict[str, Page] = {}
        self.requests: list[LoggedRequest] = []
        self.lock = threading.Lock()

    def log(self, entry: LoggedRequest) -> None:
        with self.lock:
            self.requests.append(entry)


class SnapshotServer:
    """One snapshot folder on 127.0.0.1; use as a context manager, or call start() and stop()."""

    def __init__(self, folder: str | Path, host: str = "127.0.0.1", port: int = 0):
        if not _is_ipv4_loopback(host):
            raise ValueError(
                f"the snapshot server only listens on IPv4 loopback (127.x.x.x), not {host!r}"
            )
        self.folder = Path(folder)
        self.origin, self._routes = load_routes(self.folder)
        self._address = (host, port)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("the snapshot server is not running")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def requests(self) -> list[LoggedRequest]:
        """What was asked so far, oldest first (a copy: safe to read while requests arrive)."""
        if self._server is None:
            return []
        with self._server.lock:
            return list(self._server.requests)

    def start(self) -> SnapshotServer:
        if self._server is not None:
            return self
        server = _Server(self._address)
        self._server = server
        base = self.base_url
        for request_path, route in self._routes.items():
            original = route.file.read_bytes()
            server.pages[request_path] = Page(
                body=rewrite(original, self.origin, base),
                content_type=route.content_type,
                # from the file, not the rewritten body, so the tag survives a restart on another port
                etag='"' + hashlib.sha256(original).hexdigest()[:32] + '"',
                last_modified=format_datetime(route.modified, usegmt=True),
                modified=route.modified,
            )
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"snapshot:{self.folder.name}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None:
            return
        server.shutdown()
        server.server_close()
        if thread is not None:
            thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> SnapshotServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextmanager
def serve_snapshots(root: str | Path = SNAPSHOTS) -> Iterator[dict[str, SnapshotServer]]:
    """One running server per snapshot folder under `root`, keyed by source id; all stopped on exit."""
    folders = sorted(p for p in Path(root).iterdir() if (p / "routes.yaml").is_file())
    with ExitStack() as stack:
        yield {folder.name: stack.enter_context(SnapshotServer(folder)) for folder in folders}


def local_url(server: SnapshotServer, real_url: str) -> str:
    """The loopback URL that serves `real_url` (which must be on the snapshot's origin)."""
    host = server.origin.split("://", 1)[1]
    for scheme in ("https", "http"):
        prefix = f"{scheme}://{host}"
        if real_url == prefix or real_url.startswith((prefix + "/", prefix + "?")):
            return server.base_url + real_url[len(prefix) :]
    raise ValueError(f"{real_url} is not on {server.origin}")


def real_url(server: SnapshotServer, loopback_url: str) -> str:
    """The inverse of local_url: the real site's URL for a loopback one (for links people will click)."""
    base = server.base_url
    if loopback_url == base or loopback_url.startswith((base + "/", base + "?")):
        return server.origin + loopback_url[len(base) :]
    raise ValueError(f"{loopback_url} is not served by {base}")
