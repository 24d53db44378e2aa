"""What can be wrong with a repository file, said in one line: light to import, so the command
line can report it without loading the repository code."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BUSY_TIMEOUT_S = 30.0  # the crawl process and the notifier write to one file: wait, don't fail


class RepositoryError(Exception):
    """A repository that cannot be used, phrased for a person in one line."""


def takes_no_writes(error: BaseException) -> bool:
    """The file cannot take another write (a full disk, an I/O error, read-only), whatever is
    written next: trying the next call too only says it again."""
    lowered = str(error).lower()
    return isinstance(error, sqlite3.Error) and any(
        word in lowered for word in ("disk is full", "disk i/o error", "readonly", "read-only")
    )


def describe(error: sqlite3.Error, path: Path | str) -> str:
    """One line for what SQLite said about the file at `path`: what is wrong and what to do."""
    text = str(error)
    lowered = text.lower()
    if "file is not a database" in lowered or "file is encrypted" in lowered:
        return f"{path} is not a fundwatch repository (not an SQLite database): check --db or FUNDWATCH_DB"
    if "malformed" in lowered or "corrupt" in lowered:
        return (
            f"the repository {path} is damaged ({text}): restore it from a backup "
            "(README, Operations); the damaged file is left as it is"
        )
    if "readonly" in lowered or "read-only" in lowered:
        return f"the repository {path} is read-only ({text}): this command needs to write to it"
    if "disk is full" in lowered or "disk i/o error" in lowered:
        return f"cannot write to the repository {path} ({text}): free some space and try again"
    if "unable to open" in lowered:
        return f"cannot open the repository {path} ({text}): check the path and its permissions"
    if "locked" in lowered or "busy" in lowered:
        return (
            f"the repository {path} stayed locked by another fundwatch process for "
            f"{BUSY_TIMEOUT_S:g}s ({text}); try again"
        )
    return f"the repository {path} could not be used: {text}"


@contextmanager
def repository_errors(path: Path | str) -> Iterator[None]:
    """Whatever SQLite says about the file at `path` within, as a RepositoryError in one line."""
    try:
        yield
    except sqlite3.Error as error:
        raise RepositoryError(describe(error, path)) from None


def is_file_fault(error: Exception) -> bool:
    """The repository file failed (full, read-only, locked, damaged), not the statement: no other
    unit of work can do better with it. A constraint or a misuse of SQL is one statement's bug."""
    return isinstance(error, sqlite3.OperationalError) or type(error) is sqlite3.DatabaseError
