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
"""

from __future__ import annotations

import signal

from spiders.crawl_exit import STOPPED

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
_SIGNALLED = False  # this process was told to stop (read by the store pipeline as it closes)


def stop_signalled() -> bool:
    """Whether a stop signal reached this crawl process: a run it cuts short is the operator's
    stop, not the source's failing (a Scrapyd node's `scrapy crawl` never says so)."""
    return _SIGNALLED


def mark_stopped() -> None:
    global _SIGNALLED
    _SIGNALLED = True


def _exit(signum, frame) -> None:
    if _SIGNALLED:
        # A second stop (the unit's whole group, then the launcher passing its own on) lands while
        # the first one's exit unwinds or joins threads: raised there, it printed "Exception ignored
        # … SystemExit: 3" with a traceback (1 run of the suite in 2).
        return
    mark_stopped()
    raise SystemExit(STOPPED)


def _note(signum, frame) -> None:
    mark_stopped()


def exit_when_stopped() -> None:
    for signum in STOP_SIGNALS:
        signal.signal(signum, _exit)


def note_stop() -> None:
    for signum in STOP_SIGNALS:
        signal.signal(signum, _note)
