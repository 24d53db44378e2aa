"""What can be wrong with a repository file, said in one line: light to import, so the command
line can report it without loading the repository code."""

from __future__ import annotations

import os
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
    if "readonly" in lowered or "read-only" in lowered or "unable to open" in lowered:
        target = Path(path)
        return access_text(
            path,
            text,
            exists=target.exists(),
            file_writable=os.access(target, os.W_OK),
            folder_writable=os.access(target.parent, os.W_OK | os.X_OK),
        )
    if "disk is full" in lowered or "disk i/o error" in lowered:
        return f"cannot write to the repository {path} ({text}): free some space and try again"
    if "locked" in lowered or "busy" in lowered:
        return (
            f"the repository {path} stayed locked by another fundwatch process for "
            f"{BUSY_TIMEOUT_S:g}s ({text}); try again"
        )
    return f"the repository {path} could not be used: {text}"


def access_text(
    path: Path | str, text: str, *, exists: bool, file_writable: bool, folder_writable: bool
) -> str:
    """SQLite's 'readonly' or 'unable to open' for a repository, as the cause one can act on.

    SQLite writes a WAL repository's -wal and -shm files beside it, and fundwatch its lock files
    in `<repository>.locks/`: a folder this user may not write refuses a writable file with the
    same words as a read-only file, and a new file with 'unable to open'. Both sent people to the
    file, which was fine; the folder is named instead."""
    folder = Path(path).parent
    if exists and not file_writable:
        return (
            f"the repository {path} is read-only ({text}): this command needs to write to it: "
            "let the user fundwatch runs as write to it, or point --db at a writable copy"
        )
    if not folder_writable:
        return (
            f"the repository's folder {folder} is not writable here ({text}): SQLite writes "
            f"its -wal and -shm files beside {Path(path).name}, and fundwatch its lock files in "
            f"{Path(path).name}.locks/ there: let the user fundwatch runs as write to {folder}"
        )
    if "unable to open" in text.lower():
        return f"cannot open the repository {path} ({text}): check the path and its permissions"
    return f"the repository {path} is read-only ({text}): this command needs to write to it"


def lock_denied_text(
    path: Path | str, folder: Path | str, why: str, *, user: str, owner: str
) -> str:
    """A lock file in `folder` (`<repository>.locks/`) that `user` cannot create or open, the
    folder in its way belonging to `owner`. A command once run as root leaves the folder to root,
    and every command of the service's own user then stopped there with a traceback."""
    return (
        f"cannot write the lock file {path} as {user} ({why}): fundwatch keeps its lock files in "
        f"{folder}/ beside the repository, and {owner} owns it (a command run once as another "
        f"user, such as root, leaves it so): run every fundwatch command as one user, and give "
        f"the folder back to it (chown -R {user}: {folder})"
    )


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
