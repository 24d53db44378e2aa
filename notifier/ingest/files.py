"""Which files `fundwatch ingest` reads, in which order, and which are ready to read.

A folder means every feed export under it (Scrapyd's items_dir holds one folder per project and
spider). Files are read oldest first, by modification time, whatever order they were named in: a
newer crawl's view of a call must land after an older one's, or the older would look like a change.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

SUFFIXES = (".jl", ".jsonl")


def feed_files(paths: list[Path]) -> list[Path]:
    """The files named, and the feed exports under the folders named; oldest first, no repeats.
    A path that does not exist raises FileNotFoundError."""
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found.update(p for p in path.rglob("*") if p.is_file() and p.suffix in SUFFIXES)
        elif path.exists():
            found.add(path)
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
    return sorted(found, key=lambda p: (p.stat().st_mtime, str(p)))


def folders_without_feeds(paths: list[Path], files: list[Path]) -> list[Path]:
    """The folders named that hold none of the feed exports `feed_files` found: said, since an
    empty or mistyped folder would otherwise pass for "nothing new"."""
    return [
        path
        for path in paths
        if path.is_dir() and not any(f.suffix in SUFFIXES and f.is_relative_to(path) for f in files)
    ]


def not_ready(data: bytes) -> str | None:
    """Why a file is not to be read yet, or None. Scrapy ends every line it writes with a newline:
    a file that does not end with one is still being written (a job still running)."""
    if not data.strip():
        return "empty: nothing to ingest (a job that has not written an item yet, or found none)"
    # Only a feed export is waited for: every line Scrapy writes is a JSON object. Anything else
    # (an SQLite file, a page) would be "still being written" for ever; read, its lines say why.
    if not data.endswith(b"\n") and data.lstrip().startswith(b"{"):
        return "still being written (its last line is unfinished): left for the next ingest"
    return None


def file_batch(data: bytes, outcome: bytes = b"") -> str:
    """The run batch that names this file's contents (and its crawl's outcome, when one is beside
    it): the same file ingested twice has one; once its outcome arrives, it is judged again."""
    return "ingest-" + hashlib.sha256(data + outcome).hexdigest()[:16]
