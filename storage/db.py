"""Open the repository: WAL, a busy timeout for the second writer, migrations applied."""

from __future__ import annotations

import os
from pathlib import Path

import sqlite_utils

from storage.migrations import migrations

DEFAULT_DB = Path("data/fundwatch.db")


def db_path(path: str | Path | None = None) -> Path:
    return Path(path or os.environ.get("FUNDWATCH_DB") or DEFAULT_DB)


def open_db(path: str | Path | None = None) -> sqlite_utils.Database:
    """The repository at `path` (or FUNDWATCH_DB, or data/fundwatch.db), created if missing."""
    target = db_path(path)
    if str(target) != ":memory:":
        target.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(str(target))
    # The crawl subprocess and the notifier write to the same file: wait rather than fail.
    db.execute("PRAGMA busy_timeout = 30000")
    if str(target) != ":memory:":
        db.enable_wal()
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")
    migrations.apply(db)
    return db
