"""Open the repository: one SQLite file, WAL, a busy timeout, migrations applied once and under a lock.

Two ways in. `open_db(path)` is for commands that write: it creates the file if needed and brings
the schema up to date. `open_db(path, readonly=True)` is for commands that only read (search,
status, export): it never creates a file or a folder, never migrates a repository it cannot write,
and still reads one on a read-only mount. Whatever is wrong with the file comes back as one
`RepositoryError` line that names the path and says what to do.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

import sqlite_utils

from storage.errors import BUSY_TIMEOUT_S, RepositoryError, repository_errors
from storage.locks import FileLock, lock_path
from storage.migrations import migrations
from storage.paths import db_path

MEMORY = ":memory:"
WAL_CHECKPOINT_FRAMES = 20000  # pages of WAL between automatic checkpoints (see _settings)
# Bytes a WAL is cut back to once it starts over: above WAL_CHECKPOINT_FRAMES frames of 4 KB pages
# (each frame a page and its 24-byte header, ~82 MB), the most an unhindered writer leaves.
WAL_SIZE_LIMIT = 96 * 1024 * 1024


def _connect(target: str, *, uri: bool = False) -> sqlite_utils.Database:
    # isolation_level=None: no implicit transactions. Every write unit opens its own with
    # BEGIN IMMEDIATE (storage/transactions.py), so nothing commits half a unit behind our back.
    conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_S, isolation_level=None, uri=uri)
    db = sqlite_utils.Database(conn)
    # Fails here, on open, for a file that is not a database at all.
    db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    # Up to 64 MB of page cache (SQLite's default is 2 MB), taken only as pages are read: with the
    # default, storing a page of calls into a repository of 10,000 ran at half the speed, every
    # index insert re-reading pages it had just dropped (benchmarks/store_scale.py).
    db.execute("PRAGMA cache_size = -65536")
    return db


def open_db(path: str | Path | None = None, *, readonly: bool = False) -> sqlite_utils.Database:
    """The repository at `path` (or FUNDWATCH_DB, or data/fundwatch.db). See the module docstring."""
    target = db_path(path)
    with repository_errors(target):
        if str(target) == MEMORY:
            db = _connect(MEMORY)
            migrations.apply(db)
            return db
        return _open_readonly(target) if readonly else _open_writable(target)


def _open_writable(target: Path) -> sqlite_utils.Database:
    if target.is_dir():
        raise RepositoryError(f"{target} is a folder, not a repository file: check --db")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise RepositoryError(
            f"cannot create the folder for the repository {target}: {error.strerror}"
        ) from None
    db = _connect(str(target))
    _refuse_foreign(db, target)
    _settings(db)
    # A repository we cannot write fails here, in one line, not halfway through a unit of work.
    db.execute("BEGIN IMMEDIATE")
    db.execute("ROLLBACK")
    if _needs_setup(db):
        # Two processes starting on a new file would both migrate: one does, the other waits.
        with FileLock(lock_path(target, "migrate")).held():
            if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                db.execute("PRAGMA journal_mode = WAL")
            migrations.apply(db)
    return db


def reopen(path: str | Path) -> sqlite_utils.Database:
    """Another connection to a repository this process has opened with open_db() (a delivery
    worker's: an SQLite connection belongs to one thread). The same settings, none of open_db's
    checks: a hundred workers each taking the write lock to prove the file writable queued behind
    one another and the run's own writes (benchmarks/slack_fanout.py)."""
    with repository_errors(Path(path)):
        db = _connect(str(path))
        _settings(db)
    return db


def _settings(db: sqlite_utils.Database) -> None:
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")
    # A checkpoint (and its fsync) every ~80 MB of WAL rather than every 4 MB: a first crawl of a big
    # source spent more time in checkpoints than in storing. A checkpoint writes each page once
    # however often it changed: at 100,000 stored, 10,000 WAL frames hold 6,800 distinct pages and
    # 20,000 hold 10,300, so the longer interval writes a quarter fewer (benchmarks/store_scale.py).
    db.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_FRAMES}")
    # A reader holding one snapshot for long (an analyst's open transaction in sqlite3) keeps every
    # checkpoint from reaching the WAL's end, so the WAL grows past its usual size while crawls
    # commit; once the reader lets go, SQLite starts the WAL over but keeps the file at its peak
    # size for as long as any connection is open (`serve`'s are, for weeks). This cuts it back
    # when it starts over, only above what a WAL of ordinary use reaches, which it never churns.
    db.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT}")


def _needs_setup(db: sqlite_utils.Database) -> bool:
    mode = db.execute("PRAGMA journal_mode").fetchone()[0].lower()
    return mode != "wal" or bool(migrations.pending(db))


def _refuse_foreign(db: sqlite_utils.Database, target: Path) -> None:
    """Another program's SQLite file is never turned into a repository."""
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if tables and migrations.migrations_table not in tables:
        raise RepositoryError(
            f"{target} is an SQLite database but not a fundwatch repository: check --db"
        )


def require_existing(path: str | Path | None = None) -> None:
    """RepositoryError unless the repository at `path` is there: for commands that use one but
    are not meant to make one (`notify`, `digest`, and every command that only reads). Given a
    mistyped --db, `notify` and `digest` made an empty repository there and said all was well."""
    target = db_path(path)
    if str(target) != MEMORY and not target.exists():
        raise RepositoryError(
            f"no repository at {target}: check --db or FUNDWATCH_DB, or run `fundwatch crawl` "
            "to create one"
        )


def _open_readonly(target: Path) -> sqlite_utils.Database:
    require_existing(target)
    if target.is_dir():
        raise RepositoryError(f"{target} is a folder, not a repository file: check --db")
    db = _readable(target)
    _refuse_foreign(db, target)
    if not migrations.pending(db):
        return db
    db.close()
    if os.access(target, os.W_OK) and os.access(target.parent, os.W_OK):
        _open_writable(target).close()  # an older repository we may write: bring it up to date
        return _readable(target)
    raise RepositoryError(
        f"the repository {target} was made by an older fundwatch and is read-only here: run a "
        "command that writes (`fundwatch notify`) once where it is writable"
    )


def _readable(target: Path) -> sqlite_utils.Database:
    try:
        return _connect(_uri(target, "ro"), uri=True)
    except sqlite3.OperationalError as error:
        if "readonly" not in str(error).lower() and "unable to open" not in str(error).lower():
            raise
    # A WAL repository on a read-only mount: SQLite cannot create its -shm file there. Nobody can
    # be writing to it either, so it may be read as immutable.
    return _connect(_uri(target, "ro&immutable=1"), uri=True)


def _uri(target: Path, mode: str) -> str:
    return f"file:{quote(str(target.resolve()))}?mode={mode}"


def repository_file(db: sqlite_utils.Database) -> Path | None:
    """The file behind an open repository (None in memory)."""
    for _, name, filename in db.execute("PRAGMA database_list").fetchall():
        if name == "main" and filename:
            return Path(filename)
    return None
