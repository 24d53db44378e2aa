"""Whether the process a file names by its pid still runs: half-written files carry their
writer's pid (`….<pid>.tmp`), and only a dead writer's may be removed."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

PARTIAL = ".tmp"  # `<name>.<pid>.tmp`: a file being written by process <pid>


def pid_alive(pid: int) -> bool:
    """True while a process of that pid exists (a reused pid is taken for the writer, so its file
    waits for a later sweep: never removed under a live writer)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's live process
    return True


def remove_dead_writers(partials: Iterable[Path]) -> int:
    """Remove each half-written `<name>.<pid>.tmp` of `partials` whose writer is dead, or is this
    process (a sweep runs before it writes any of its own); how many. The HTTP cache's pages
    (spiders/cache_storage.py) and a node's outcomes (spiders/scrapyd/outcome_writer.py)."""
    removed = 0
    for partial in partials:
        pid = partial.name.removesuffix(PARTIAL).rsplit(".", 1)[-1]
        if pid.isdigit() and (int(pid) == os.getpid() or not pid_alive(int(pid))):
            partial.unlink(missing_ok=True)
            removed += 1
    return removed
