"""`fundwatch sources record`: a source's live pages saved as its snapshot folder, with a draft of the
items it must produce from them.

The folder (spiders/sources/<id>/ unless told otherwise) gets every page the spider read, its
robots.txt, a routes.yaml mapping each request path to its file (origin, captured, content type,
Last-Modified), and expected.yaml drafted from what the spider extracted, normalised: a curator
reviews every value against the pages before committing it. An existing folder is never replaced
without --force.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

from config.clock import zulu
from config.header_env import SourceSecrets, redact
from config.models import Settings, Source, TagRule
from notifier.curation.expected_draft import expected_yaml
from notifier.curation.fetch import PoliteFetcher
from notifier.curation.harvest import Harvest, Harvester, Page, start_requests
from notifier.curation.host_turns import Turns, no_turns
from notifier.curation.try_source import Tried, tried_from

EXTENSIONS = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/json": ".json",
    "application/atom+xml": ".atom",
    "application/rss+xml": ".rss",
    "application/rdf+xml": ".rdf",
    "application/xml": ".xml",
    "text/xml": ".xml",
    "text/plain": ".txt",
    "text/csv": ".csv",
}


class RecordError(Exception):
    """Nothing was written: the reason is for the curator."""


@dataclass
class Recording:
    folder: Path
    tried: Tried
    files: list[str] = field(default_factory=list)
    not_saved: list[str] = field(default_factory=list)


def _request_path(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _content_type(page: Page) -> str:
    raw = page.response.headers.get(b"Content-Type") or b"application/octet-stream"
    return raw.decode("latin-1")


def _extension(content_type: str) -> str:
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind.endswith("+json"):
        return ".json"
    return EXTENSIONS.get(kind, ".bin")


def _slug(url: str) -> str:
    segments = [s for s in urlsplit(url).path.split("/") if s]
    slug = re.sub(r"[^a-z0-9]+", "-", (segments[-1] if segments else "").lower()).strip("-")
    return slug[:60] or "page"


def _modified(page: Page) -> str:
    """The page's Last-Modified as routes.yaml writes it; '' (the captured time applies) if none."""
    header = page.response.headers.get(b"Last-Modified")
    try:
        when = parsedate_to_datetime(header.decode("latin-1")) if header else None
    except (TypeError, ValueError):
        return ""
    return zulu(when if when.tzinfo else when.replace(tzinfo=UTC)) if when else ""


def _route_line(path: str, file: str, content_type: str, modified: str) -> str:
    parts = [f"path: {json.dumps(path)}", f"file: {file}", f"type: {json.dumps(content_type)}"]
    if modified:
        parts.append(f"modified: {json.dumps(modified)}")
    return "  - {" + ", ".join(parts) + "}"


class Recorder:
    def __init__(self, source: Source, captured: datetime):
        self.source = source
        self.secrets = SourceSecrets(source).values
        self.captured = captured
        parts = urlsplit(source.urls[0])
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.routes: list[str] = []
        self.files: list[str] = []
        self.not_saved: list[str] = []
        self._paths: set[str] = set()
        self.redirects: dict[str, str] = {}  # asked path → the path that answered
        self._names: set[str] = set()
        self._listing_pages = 0

    def _name(self, page: Page, extension: str) -> str:
        if page.callback == "parse":
            self._listing_pages += 1
            stem = f"page-{self._listing_pages}"
        else:
            stem = f"detail-{_slug(page.url)}"
        name, count = f"{stem}{extension}", 1
        while name in self._names:
            count += 1
            name = f"{stem}-{count}{extension}"
        self._names.add(name)
        return name

    def _on_origin(self, url: str) -> bool:
        return url == self.origin or url.startswith(self.origin + "/")

    def add(self, folder: Path, page: Page) -> None:
        # A page stands for the address it answered from: a moved page saved under the address
        # asked made the replay read it there, its relative links resolved against the wrong
        # folder and its draft's detail pages missing. The move is kept as a redirect.
        answered = page.response.url or page.url
        if not self._on_origin(answered):
            self.not_saved.append(f"{answered}: not on {self.origin}, the snapshot's origin")
            return
        path = _request_path(answered)
        asked = _request_path(page.url)
        if asked != path and self._on_origin(page.url) and asked not in self.redirects:
            self.redirects[asked] = path
        if path in self._paths:
            return
        self._paths.add(path)
        content_type = _content_type(page)
        name = self._name(page, _extension(content_type))
        (folder / name).write_bytes(self._without_secrets(page.response.body))
        self.files.append(name)
        self.routes.append(_route_line(path, name, content_type, _modified(page)))

    def _without_secrets(self, body: bytes) -> bytes:
        """A page as saved into the (committed) snapshot folder: a secret it quotes is [secret]."""
        if not self.secrets:
            return body
        return redact(body.decode("latin-1"), self.secrets).encode("latin-1")

    def add_robots(self, folder: Path, robots: dict[str, tuple[bytes, str]]) -> None:
        if self.origin in robots and "/robots.txt" not in self._paths:
            body, content_type = robots[self.origin]
            (folder / "robots.txt").write_bytes(body)
            self.files.append("robots.txt")
            self.routes.append(_route_line("/robots.txt", "robots.txt", content_type, ""))

    def routes_yaml(self) -> str:
        return "\n".join(
            [
                f"# Recorded by `fundwatch sources record {self.source.id}` (see ../README.md). "
                "Paths are matched exactly, query included.",
                f"origin: {self.origin}",
                f'captured: "{zulu(self.captured)}"   # Last-Modified of a file whose route has none',
                "routes:",
                *self.routes,
                *(["redirects:"] if self.redirects else []),
                *(
                    f"  - {{path: {json.dumps(asked)}, to: {json.dumps(to)}}}"
                    for asked, to in self.redirects.items()
                ),
                "",
            ]
        )


def _check_writable(into: Path) -> None:
    """`into`, or the nearest folder above it that exists, is a folder this process may write."""
    existing = into
    while not existing.exists() and existing.parent != existing:
        existing = existing.parent
    if not existing.is_dir():
        raise RecordError(f"cannot write {into}: {existing} is not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise RecordError(f"cannot write {into}: {existing} is not writable")


def record(
    source: Source,
    tags: dict[str, TagRule],
    settings: Settings,
    captured: datetime,
    into: Path,
    *,
    force: bool = False,
    turns: Turns = no_turns,
) -> Recording:
    """Fetch the source's pages now and write its snapshot folder under `into`. `turns`: holds
    the source's hosts while they are asked (notifier/curation/host_turns.py)."""
    folder = into / source.id
    _restore_replaced(folder)
    if folder.exists() and not force:
        raise RecordError(f"{folder} already exists: use --force to replace it")
    _check_writable(into)  # before fetching: a curator should not wait for pages it cannot keep
    fetcher = PoliteFetcher(settings, source)
    harvester = Harvester(source, settings, fetcher)
    with turns(fetcher.hosts):  # after the checks above: no wait for a recording refused
        harvest: Harvest = harvester.run(start_requests(harvester.spider))
    if not harvest.pages:
        problems = "; ".join(harvest.problems) or "no page could be read"
        raise RecordError(f"nothing recorded for {source.id}: {problems}")
    tried = tried_from(harvest, tags, captured)
    scratch = into / f".{source.id}.recording"
    recorder = Recorder(source, captured)
    try:
        into.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(scratch, ignore_errors=True)
        scratch.mkdir()
        # A page asked twice (a consent wall's, asked again with its cookie) is saved as last
        # read: saved as first answered, the snapshot replayed the wall in the listing's place.
        last = {page.url: at for at, page in enumerate(harvest.pages)}
        for page in [page for at, page in enumerate(harvest.pages) if last[page.url] == at]:
            recorder.add(scratch, page)
        recorder.add_robots(scratch, fetcher.robots_files)
        listing = [f for f in recorder.files if f.startswith("page-")]
        (scratch / "routes.yaml").write_text(recorder.routes_yaml(), encoding="utf-8")
        (scratch / "expected.yaml").write_text(expected_yaml(tried, captured, listing), "utf-8")
        _replace(folder, scratch)
    except OSError as error:  # a full disk, a folder it may not write: no half-written snapshot
        shutil.rmtree(scratch, ignore_errors=True)
        raise RecordError(f"cannot write {folder}: {error.strerror or error}") from None
    files = [*recorder.files, "routes.yaml", "expected.yaml"]
    return Recording(folder, tried, files, recorder.not_saved)


def _replaced(folder: Path) -> Path:
    return folder.with_name(f".{folder.name}.replaced")


def _replace(folder: Path, scratch: Path) -> None:
    """The new snapshot in the old one's place, by renames: the old is set aside, not deleted,
    until the new stands, so a kill between the two (or a failing rename) never leaves the source
    with neither; the next `sources record` puts a set-aside one back (_restore_replaced)."""
    old = _replaced(folder)
    if folder.exists():
        shutil.rmtree(old, ignore_errors=True)
        folder.rename(old)
    try:
        scratch.rename(folder)
    except OSError:
        if old.exists() and not folder.exists():
            old.rename(folder)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _restore_replaced(folder: Path) -> None:
    """A snapshot set aside by a recording stopped before its new one stood: back in place."""
    old = _replaced(folder)
    if old.is_dir() and not folder.exists():
        old.rename(folder)
    elif old.is_dir():
        shutil.rmtree(old, ignore_errors=True)
