"""One unit of work, one transaction: BEGIN IMMEDIATE … COMMIT, or nothing at all.

IMMEDIATE takes the write lock before the first read, so what a unit reads (is this listing known?
is this the same call as one stored from another source? is this event routed yet?) cannot change
under it before it writes; a deferred transaction that reads and then writes can also fail with
SQLITE_BUSY when another process commits in between, which busy_timeout does not cover.
Inside an open unit, a nested one is a savepoint and the outer commit decides.
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

from sqlite_utils import Database


class TransactionEnded(RuntimeError):
    """Something committed or rolled back in the middle of a unit: a bug, never data to keep."""


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    conn = db.conn
    if conn.in_transaction:
        name = f"unit_{secrets.token_hex(8)}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield db
        except BaseException:
            if conn.in_transaction:
                conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        conn.execute(f"RELEASE SAVEPOINT {name}")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
        if not conn.in_transaction:
            raise TransactionEnded("the transaction was committed before the unit finished")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


Reader = Database | sqlite3.Connection  # a command's repository, or Datasette's own connection


@contextmanager
def read_snapshot(db: Reader) -> Iterator[None]:
    """Reads that see one state of the repository: an export read in many queries while a crawl
    commits beside it must not pair a call with listings stored after it was read."""
    conn = connection(db)
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")


def connection(reader: Reader) -> sqlite3.Connection:
    """The sqlite3 connection under a repository handle: callers outside storage/ pass what they
    hold and never reach into `.conn` themselves."""
    return reader.conn if isinstance(reader, Database) else reader


def rows(cursor: Any) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def iter_rows(cursor: Any, batch: int = 500) -> Iterator[dict[str, Any]]:
    """rows(), read a batch at a time: for results too big to hold at once."""
    names = [d[0] for d in cursor.description]
    while values := cursor.fetchmany(batch):
        for row_values in values:
            yield dict(zip(names, row_values, strict=True))


def row(cursor: Any) -> dict[str, Any] | None:
    values = cursor.fetchone()
    if values is None:
        return None
    return dict(zip([d[0] for d in cursor.description], values, strict=True))


CHUNK = 400  # ids per IN (…) lookup: well under SQLite's variable limit


def chunks(values: Sequence[Any]) -> Iterator[list[Any]]:
    """`values` in lists of at most CHUNK, for `IN (…)` lookups."""
    for start in range(0, len(values), CHUNK):
        yield list(values[start : start + CHUNK])


def rows_by_id(
    db: Database, table: str, columns: str, ids: Sequence[Any], *, key: str = "id"
) -> list[dict[str, Any]]:
    """The rows of `table` whose `key` is in `ids` (our own table and column names), a chunk a
    query."""
    found: list[dict[str, Any]] = []
    for chunk in chunks(ids):
        found += rows(
            db.conn.execute(f"SELECT {columns} FROM {table} WHERE {key} IN ({marks(chunk)})", chunk)
        )
    return found


DATE_COLUMNS = ("closes_at", "opens_at")  # the dates of an opportunity a scan or a calendar reads


def date_column(column: str) -> str:
    """`column`, checked to be one of an opportunity's dates (it goes into SQL by name)."""
    if column not in DATE_COLUMNS:
        raise ValueError(f"not a date column of opportunities: {column!r}")
    return column


def marks(values: Sequence[Any]) -> str:
    return ",".join("?" for _ in values)


def insert(db: Database, table: str, values: Mapping[str, Any], *, or_ignore: bool = False) -> Any:
    """INSERT one row of our own column names (never user input) and return the cursor."""
    names = list(values)
    verb = "INSERT OR IGNORE" if or_ignore else "INSERT"
    return db.conn.execute(
        f"{verb} INTO {table} ({', '.join(names)}) VALUES ({marks(names)})",
        [values[n] for n in names],
    )


def insert_many(db: Database, table: str, batch: Sequence[Mapping[str, Any]]) -> None:
    """INSERT rows that share our own column names (the first row's) with one executemany."""
    if not batch:
        return
    names = list(batch[0])
    pick = itemgetter(*names) if len(names) > 1 else lambda row: (row[names[0]],)
    db.conn.executemany(
        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks(names)})", map(pick, batch)
    )


def update(db: Database, table: str, key: str, key_value: Any, values: Mapping[str, Any]) -> int:
    """UPDATE one row by its key with our own column names; returns how many rows changed."""
    names = list(values)
    assignments = ", ".join(f"{n} = ?" for n in names)
    return db.conn.execute(
        f"UPDATE {table} SET {assignments} WHERE {key} = ?",
        [*(values[n] for n in names), key_value],
    ).rowcount
