"""Where `fundwatch export --output FILE` writes: a regular file replaced whole, or a device or pipe
written straight into; and one line saying why when it cannot be written.

A regular file is written beside itself and renamed over: a calendar or site serving it never sees
half of it (an export killed before its rename leaves its unfinished file, which the next export to
that file removes: notifier/unfinished_files.py). A rename would not write *into* anything else:
over `/dev/stdout` or a FIFO it would swap the device node for a plain file (as root, /dev/full or
a terminal's /dev/pts/N), so those are written into as `>` would.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from config.private_files import shell_mode
from notifier.export.spool import may_stall, read_first
from notifier.unfinished_files import start_unfinished


class OutputError(Exception):
    """The export could not be written: one line for the person, nothing half-written left."""


def is_repository(target: Path, db_path: Path) -> bool:
    """Whether `target` is the repository file or one of SQLite's files beside it: replacing it
    whole with an export would lose the repository."""
    for name in (db_path, *(Path(f"{db_path}{s}") for s in ("-wal", "-shm", "-journal"))):
        if target.absolute() == name.absolute():
            return True
        try:
            if target.exists() and name.exists() and os.path.samefile(target, name):
                return True  # another path to it: a symlink, a hard link, ../data/…
        except OSError:
            continue
    return False


def write_output(target: Path, pieces: Iterable[bytes]) -> int:
    """Write the export, in pieces as it is built, to `target`; returns the bytes written."""
    try:
        existing = target.stat()
    except (FileNotFoundError, NotADirectoryError):  # said below, naming the folder
        existing = None
    except OSError as error:
        raise OutputError(_why(target, error)) from None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        if stat.S_ISDIR(existing.st_mode):
            raise OutputError(f"cannot write {target}: it is a folder; name a file in it")
        return _write_into(target, pieces)
    return _replace(target, pieces, existing)


def _write_into(target: Path, pieces: Iterable[bytes]) -> int:
    written = 0
    try:
        with open(target, "wb") as out:
            if may_stall(out):
                pieces = read_first(pieces)  # a FIFO's reader must not hold the read snapshot open
            for piece in pieces:
                written += out.write(piece)
    except OSError as error:
        raise OutputError(_why(target, error)) from None
    return written


def _replace(target: Path, pieces: Iterable[bytes], existing: os.stat_result | None) -> int:
    folder = target.absolute().parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise OutputError(f"cannot write {target}: {folder} {what}")
    try:
        handle, temporary = start_unfinished(folder, target.name)
    except OSError as error:
        raise OutputError(_why(target, error)) from None
    written = 0
    try:
        with os.fdopen(handle, "wb") as out:
            for piece in pieces:
                written += out.write(piece)
        # mkstemp makes the file 0600: a published calendar would turn unreadable to the web
        # server. Keep the replaced file's mode, or give a new one what `>` would (0666 - umask).
        os.chmod(temporary, stat.S_IMODE(existing.st_mode) if existing else shell_mode())
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise OutputError(_why(target, error)) from None
        raise
    return written


def _why(target: Path, error: OSError) -> str:
    reason = error.strerror or str(error)
    return f"cannot write {target}: {reason[:1].lower()}{reason[1:]}"
