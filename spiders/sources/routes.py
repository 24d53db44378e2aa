"""A snapshot folder's routes.yaml (the real site's origin and request path → file), and origin rewriting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from config.yaml_file import parse_yaml

CAPTURED = (
    "2026-11-25T06:00:00Z"  # when the bundled snapshots were "taken": Last-Modified by default
)


@dataclass(frozen=True)
class Route:
    file: Path
    content_type: str
    modified: datetime
    # Response headers the page is answered with (an API's `Link: <…>; rel="next"`), the real
    # origin in them rewritten as the body's is.
    headers: tuple[tuple[str, str], ...] = ()


def utc(value: Any, where: str) -> datetime:
    """A zoned time as UTC in whole seconds (HTTP dates have no fractions to trip a comparison)."""
    if isinstance(value, datetime):
        parsed = value
    else:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        raise ValueError(f"{where}: time needs a zone (end it with Z)")
    return parsed.astimezone(UTC).replace(microsecond=0)


def load_routes(folder: Path) -> tuple[str, dict[str, Route]]:
    """The real origin and the routes of one snapshot folder, checked so a typo fails loudly."""
    path = folder / "routes.yaml"
    raw = parse_yaml(path.read_text(encoding="utf-8")) or {}
    origin = str(raw.get("origin", "")).rstrip("/")
    if not origin.startswith(("http://", "https://")):
        raise ValueError(f"{path}: 'origin' must be an http(s) URL")
    captured = utc(raw.get("captured", CAPTURED), f"{path}: captured")
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
        modified = utc(entry["modified"], where) if "modified" in entry else captured
        kind = entry.get("type", "application/octet-stream")
        headers = tuple((str(k), str(v)) for k, v in (entry.get("headers") or {}).items())
        routes[request_path] = Route(file, kind, modified, headers)
    return origin, routes


def load_redirects(folder: Path) -> dict[str, str]:
    """A snapshot folder's redirects: request path → the path it answered from (`redirects:` in
    routes.yaml, written by `fundwatch sources record` when a page it asked for was moved)."""
    path = folder / "routes.yaml"
    raw = parse_yaml(path.read_text(encoding="utf-8")) or {}
    redirects: dict[str, str] = {}
    for index, entry in enumerate(raw.get("redirects") or []):
        start, to = entry.get("path"), entry.get("to")
        if not str(start or "").startswith("/") or not str(to or "").startswith("/"):
            raise ValueError(
                f"{path}: redirects[{index}]: needs 'path' and 'to' (each starting with /)"
            )
        redirects[str(start)] = str(to)
    return redirects


def rewrite(body: bytes, origin: str, base_url: str) -> bytes:
    """Point every absolute link at `origin` (https, http, protocol-relative, JSON-escaped, or
    percent-encoded in a query: a search's click tracking, /s/redirect?url=https%3A%2F%2F…) to
    `base_url` instead."""
    host = origin.split("://", 1)[1]
    escaped_base = base_url.replace("/", "\\/")
    encoded_base = quote(base_url, safe="")
    for scheme in ("https", "http"):
        body = body.replace(f"{scheme}://{host}".encode(), base_url.encode())
        body = body.replace(f"{scheme}:\\/\\/{host}".encode(), escaped_base.encode())
        for colon_slashes in ("%3A%2F%2F", "%3a%2f%2f"):
            body = body.replace(f"{scheme}{colon_slashes}{host}".encode(), encoded_base.encode())
    # A protocol-relative link ("//www.example.gov.uk/x"), left once the schemes' are replaced.
    for quote_mark in ('"', "'"):
        body = body.replace(
            f"{quote_mark}//{host}".encode(),
            f"{quote_mark}//{base_url.split('://', 1)[1]}".encode(),
        )
    return body


def rewrite_text(value: str, origin: str) -> str:
    """A header's value with the real origin's links as `{{SITE}}`, for the site to fill in."""
    host = origin.split("://", 1)[1]
    return value.replace(f"https://{host}", "{{SITE}}").replace(f"http://{host}", "{{SITE}}")


def same_path(written: str, asked: str) -> bool:
    """Whether a route written `written` serves a request for `asked`: a route may be written as
    a browser shows it ("/grants/café fund") or as a client sends it ("/grants/caf%C3%A9%20fund"),
    and a request may come either way too."""
    return written == asked or unquote(written) == unquote(asked)


def routed(table: dict[str, Any], path: str) -> Any:
    """What `table` (request path → page) holds for `path`, written either way (same_path)."""
    if path in table:
        return table[path]
    return next((value for key, value in table.items() if same_path(key, path)), None)
