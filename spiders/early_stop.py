"""The crawl process's stop signals before Scrapy's own handlers are installed, which is only once
its reactor runs: after Python has started, imported Scrapy, read the config and waited for the
sources' and hosts' locks (as long as another crawl of them takes). Until then SIGTERM killed the
process outright (its runs read "the crawl process exited with code -15") and Ctrl-C printed a
KeyboardInterrupt traceback.

Two stages (spiders/crawl_process.py):
- `exit_when_stopped`, from the process's first line: nothing is written yet, so a stop exits at
  once with STOPPED, even from a lock wait;
- `note_stop`, once crawlers are being made: the stop is only noted, and the graceful stop begins as
  the reactor starts (spiders/graceful_stop.py), so every run opened by then closes as stopped.
Light on purpose (the standard library only): it is installed before anything else is imported.

The one record of a process's stop, for every fundwatch process: `first_stop` notes a signal and
says whether it is the first (the one that acts; a later one is let be), and `note_stop(tell)` is
how the command line (`notify`, `digest`, `ingest`, `crawl`, and `run` as it starts:
notifier/stopping.py) hears a stop and finishes its step in flight before it ends.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable

from spiders.crawl_exit import STOPPED

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
_SIGNALLED = False  # this process was told to stop (read by the store pipeline as it closes)
_HEARD = "a stop signal"  # the first one's name, once one came


def stop_signalled() -> bool:
    """Whether a stop signal reached this crawl process: a run it cuts short is the operator's
    stop, not the source's failing (a Scrapyd node's `scrapy crawl` never says so)."""
    return _SIGNALLED


def stop_heard() -> str:
    """The first stop signal's name ('SIGTERM'), for the line a stopped command prints."""
    return _HEARD


def mark_stopped() -> None:
    global _SIGNALLED
    _SIGNALLED = True


# How often a wait looks for a stop: a signal handler only sets a flag (an Event set from a handler
# can deadlock on its own lock), so the wait polls it.
_WAKE_EVERY = 0.1


def sleep_unless_stopped(seconds: float) -> None:
    """time.sleep(seconds), cut short by a stop: a delivery waiting out Slack's Retry-After or a
    channel's pacing (up to half a minute) held the process that long after SIGTERM, then posted."""
    end = time.monotonic() + seconds
    while not _SIGNALLED and (left := end - time.monotonic()) > 0:
        time.sleep(min(left, _WAKE_EVERY))


def first_stop(signum: int) -> bool:
    """Note a stop signal; whether it is the first. A second stop (the unit's whole group, then the
    launcher passing its own on) lands while the first one's exit unwinds or joins threads: acted
    on there, it printed "Exception ignored … SystemExit: 3" with a traceback (1 run of the suite
    in 2), so only the first acts."""
    global _HEARD
    if _SIGNALLED:
        return False
    mark_stopped()
    _HEARD = signal.Signals(signum).name
    return True


def _exit(signum, frame) -> None:
    if first_stop(signum):
        raise SystemExit(STOPPED)


def exit_when_stopped() -> None:
    for signum in STOP_SIGNALS:
        signal.signal(signum, _exit)


def note_stop(tell: Callable[[str], None] | None = None) -> None:
    """From now on a stop signal is only noted, for the process to act on at its next step
    (stop_signalled()); `tell` hears the first one's name, once."""

    def noted(signum, frame) -> None:
        if first_stop(signum) and tell is not None:
            tell(_HEARD)

    for signum in STOP_SIGNALS:
        signal.signal(signum, noted)
