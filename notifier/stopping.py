"""A stop signal (SIGTERM, Ctrl-C) is a clean stop in every command that writes or sends, heard from
the command line's first line of Python (notifier/cli.py), before click and the rest are imported.

Without it `notify`, `digest` and `ingest` died at once (exit -15): a SIGTERM mid-post left the
claimed row `sending`, recovered later and posted again, as a SIGKILL does; `crawl` died the same
way outside its crawl process's run (while starting it, or recording its runs), and `run` had the
tens of milliseconds of the command line's imports unguarded.

- `run`: a stop before its scheduler runs ends it (noted here, raised as notifier/service_starting.py
  is installed);
- `notify`, `digest`, `ingest`, `crawl`: the stop is only noted (spiders/early_stop.py, the one record
  of a process's stop) and said in one line at once; each command finishes its step in flight (a
  post, an email, a file, a crawl process), starts nothing new and exits STOPPED. A second signal
  is let be.
Light on purpose (the standard library only, and spiders/early_stop.py).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from spiders.crawl_exit import STOPPED
from spiders.early_stop import note_stop, stop_heard, stop_signalled

__all__ = ["STOPPED", "hear_stops", "hear_stops_from_the_start", "stop_signalled", "stopped_line"]

# What each command finishes before it stops, as its line says it.
FINISHING = {
    "notify": "finishing the messages in flight",
    "digest": "finishing the digest in flight",
    "ingest": "finishing the file in flight",
    "crawl": "recording what was crawled",
}

# The group's options that take a value (notifier/cli.py): skipped to find the command's name.
_VALUED = ("--config", "--db")


def command_named(argv: Sequence[str]) -> str | None:
    """The command a `fundwatch` argument list names ('run' in `--db x.db run -v`), or None."""
    args = iter(argv)
    for arg in args:
        if arg in _VALUED:
            next(args, None)
        elif not arg.startswith(_VALUED):
            return None if arg.startswith("-") else arg
    return None


# What the command line runs as: the installed script, or `python -m notifier.cli` (the tests').
_PROGRAMS = ("fundwatch", "cli.py")


def hear_stops_from_the_start(argv: Sequence[str]) -> None:
    """Install the named command's stop handling, if it has one, before anything else runs. Only
    as the command line (argv[0]): a process importing notifier.cli (pytest) keeps its handlers."""
    if not argv or os.path.basename(argv[0]) not in _PROGRAMS:
        return
    command = command_named(argv[1:])
    if command == "run":
        note_stop()
    elif command in FINISHING:
        hear_stops(command)


def hear_stops(command: str) -> None:
    """A stop is noted and said at once; the command acts on it at its next step."""

    def tell(signal_name: str) -> None:
        line = f"fundwatch {command}: received {signal_name}: {FINISHING[command]}, then stopping\n"
        # Straight to the file descriptor: the handler may run while the main thread is inside a
        # write to sys.stderr, and a second write there raises "reentrant call".
        try:
            os.write(sys.stderr.fileno(), line.encode())
        except (OSError, ValueError):
            pass  # no stderr to tell (closed, or not a file): the stop still happens

    note_stop(tell)


def stopped_line(command: str, left: str) -> str:
    """The one line a stopped command ends with: what it stopped on, and what it left undone."""
    return f"fundwatch {command}: stopped by {stop_heard()}: {left}"
