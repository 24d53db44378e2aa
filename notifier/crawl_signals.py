"""`fundwatch crawl` stopped by a signal: the crawl process stops as a crawl does (the sources it
cut short recorded as stopped, an unfinished first round kept open), and the command still writes
its per-source summary, instead of dying at once and leaving its crawl process behind.

Without this, SIGTERM to `fundwatch crawl` (`kill`, a timeout) ended the command silently while its
crawl process, a separate process, crawled on as an orphan; Ctrl-C printed "Aborted!", and
subprocess.run killed the crawl process with SIGKILL a quarter of a second later, before Scrapy's
own graceful stop could close its runs.

While the crawl process runs, this process:
- passes SIGTERM on to it (Scrapy stops gracefully on the first signal);
- ignores SIGINT: Ctrl-C at a terminal reaches the whole foreground process group, the crawl
  process included, so passing it on again would be Scrapy's second signal, which forces an
  unclean stop.
Only in the main thread: the service crawls from its worker threads and has its own handlers,
which stop its crawls through stop_background_crawls(): without that, SIGTERM to `fundwatch run`
alone (`kill PID`) logged "stopped cleanly" and then waited for the crawl in flight to run to its
end, up to the crawl timeout of an hour, while a signal to its process group stopped it at once.
"""

from __future__ import annotations

import signal
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_RUNNING: set[subprocess.Popen] = set()
_LOCK = threading.Lock()
_STOPPING = threading.Event()


@contextmanager
def stop_signals_to(process: subprocess.Popen) -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def pass_on(signum, frame) -> None:
        if process.poll() is None:
            process.send_signal(signum)

    previous = {
        signal.SIGTERM: signal.signal(signal.SIGTERM, pass_on),
        signal.SIGINT: signal.signal(signal.SIGINT, signal.SIG_IGN),
    }
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def start_background_crawl(command: list[str], **popen: Any) -> subprocess.Popen | None:
    """A crawl process the service's stop will stop too; None once the service is stopping (a
    crawl still queued for a thread must not start then). `popen`: Popen's own arguments."""
    with _LOCK:
        if _STOPPING.is_set():
            return None
        process = subprocess.Popen(command, **popen)
        _RUNNING.add(process)
        return process


def background_crawl_ended(process: subprocess.Popen) -> None:
    with _LOCK:
        _RUNNING.discard(process)


def stop_background_crawls() -> None:
    """SIGTERM to every crawl process still running (each stops as a stopped crawl does, after the
    pages in flight), and no new one from now on."""
    with _LOCK:
        _STOPPING.set()
        running = [process for process in _RUNNING if process.poll() is None]
    for process in running:
        process.send_signal(signal.SIGTERM)
