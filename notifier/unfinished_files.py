"""Files written beside their target and renamed over it, so readers never see half of one; and
what is left of those whose writer was killed (SIGKILL, a power cut) before the rename.

Each writer holds an flock on its unfinished file for as long as it writes: the kernel lets go of
it when the process dies, however it dies. The next writer to the same target removes the
unfinished files nobody holds, so a cron job killed night after night does not fill the folder a
web server publishes with half-written copies of a 200 MB export. One still held is another live
writer's, and is left alone.
"""

from __future__ import annotations

import fcntl
import os
import re
import tempfile
from pathlib import Path


def _pattern(name: str | None, suffix: str) -> re.Pattern[str]:
    # tempfile.mkstemp's names: the prefix, then 8 of [a-z0-9_]
    named = re.escape(name) if name is not None else ".+" + re.escape(suffix)
    return re.compile(rf"\.{named}\.[a-z0-9_]{{8}}")


def start_unfinished(folder: Path, name: str, *, sweep: bool = True) -> tuple[int, Path]:
    """A new unfinished file for `folder/name`, open and locked by this process: (fd, path).
    Those left by dead writers to the same name are removed first (`sweep`: False for a writer
    that swept the folder for every name once already, as each listing reads the whole folder)."""
    if sweep:
        remove_abandoned(folder, name)
    while True:
        handle, path = tempfile.mkstemp(prefix=f".{name}.", dir=folder)
        fcntl.flock(handle, fcntl.LOCK_EX)
        # Between mkstemp and the lock another writer may have taken it for abandoned and removed
        # it: only a path still naming our file is ours to write.
        if _same_file(path, handle):
            return handle, Path(path)
        os.close(handle)


def remove_abandoned(folder: Path, name: str | None, *, suffix: str = "") -> list[Path]:
    """Remove the unfinished files for `folder/name` (name None: for any name ending `suffix`) that
    no live process holds; returns them."""
    pattern = _pattern(name, suffix)
    removed = []
    try:
        candidates = [p for p in folder.iterdir() if pattern.fullmatch(p.name)]
    except OSError:
        return removed
    for path in candidates:
        try:
            handle = os.open(path, os.O_RDONLY)
        except OSError:
            continue  # gone already, or not ours to read
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(handle)
            continue  # a live writer's
        try:
            if _same_file(path, handle):
                path.unlink()
                removed.append(path)
        except OSError:
            pass
        finally:
            os.close(handle)
    return removed


def _same_file(path: str | Path, handle: int) -> bool:
    try:
        named, held = os.stat(path), os.fstat(handle)
    except OSError:
        return False
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)
