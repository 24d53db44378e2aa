"""Whether the process a file names by its pid still runs: half-written files carry their
writer's pid (`….<pid>.tmp`), and only a dead writer's may be removed."""

from __future__ import annotations

import os


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
