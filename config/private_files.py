"""Files fundwatch makes are its user's alone: the repository (and SQLite's -wal and -shm beside
it), digests written as .eml files, lock files, the HTTP cache, and the folders it makes for them.
Several hold subscribers' email addresses or Slack channel ids, and the usual umask (022) left
them readable by every account on the machine.

One umask for the whole process, set as a command starts, rather than a mode at each place that
makes a file: every such place (SQLite, Scrapy's cache, a new module next year) is covered, and a
file or folder that already exists keeps the mode it has, so an operator's choice is never undone.
SQLite gives its -wal and -shm files the mode of the repository file itself, so a repository an
operator made group-readable (chmod 640) keeps its -wal and -shm group-readable too.

FUNDWATCH_UMASK sets another umask (027: the group may read), for an operator who wants one.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Mapping

from config.errors import ConfigError

ENV = "FUNDWATCH_UMASK"
OWNER_ONLY = 0o077  # no bit for the group or others: files 0600, folders 0700

# The umask found as the first command in this process started, once per command running: the
# tests run commands inside their own process, some at once. Kept for the one output that is not
# private, open data written by `export --output`, and put back as the last command ends.
_found: list[int] = []
_LOCK = threading.Lock()


def wanted_umask(environ: Mapping[str, str], found: int) -> int:
    """FUNDWATCH_UMASK if set, else the umask found with every group and other bit added (never
    looser than the operator's own)."""
    text = (environ.get(ENV) or "").strip()
    if not text:
        return found | OWNER_ONLY
    if not re.fullmatch(r"0?[0-7]{3}", text):
        raise ConfigError(
            [
                f"environment: {ENV} must be an octal umask such as 077 (owner only) or 027 (the "
                f"group may read), got {text!r} (unset it for owner-only files)"
            ]
        )
    return int(text, 8)


def check_umask_setting(environ: Mapping[str, str] = os.environ) -> None:
    """ConfigError for a FUNDWATCH_UMASK fundwatch cannot use; changes nothing."""
    wanted_umask(environ, 0)


def make_files_private(environ: Mapping[str, str] = os.environ) -> Callable[[], None]:
    """Set the process's umask for the files it makes from now on; returns what puts back the
    umask found (a command run inside the tests' process must not leave it changed)."""
    with _LOCK:
        found = os.umask(OWNER_ONLY)  # reading it means setting it: set again straight below
        outer = _found[0] if _found else found  # not a umask an earlier command set
        try:
            os.umask(wanted_umask(environ, outer))
        except ConfigError:
            os.umask(found)
            raise
        _found.append(outer)

    def put_back() -> None:
        with _LOCK:
            if _found:
                _found.pop()
            if not _found:
                os.umask(outer)

    return put_back


def _current() -> int:
    umask = os.umask(OWNER_ONLY)  # the only way to read it; set straight back
    os.umask(umask)
    return umask


def new_file_mode() -> int:
    """The mode open() gives a new file under the process's umask (0600, or 0640 with
    FUNDWATCH_UMASK=027): for a file made by mkstemp, which is always 0600."""
    return 0o666 & ~_current()


def shell_mode() -> int:
    """The mode the shell's `>` would give a new file: 0666 less the umask the command found,
    not fundwatch's own (an export is open data, published by a web server running as another
    user: README, "Where `export --output FILE` goes")."""
    return 0o666 & ~(_found[-1] if _found else _current())
