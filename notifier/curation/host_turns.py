"""`sources try` and `sources record` take their turn at a source's hosts, as a crawl does.

One request at a time per host (DESIGN, "Polite by default") holds across processes through the
host locks beside the repository (storage/locks.py host_lock): a crawl process takes one per host
its sources may reach, for its whole crawl. The curator tools fetched without them, so a `sources
try` beside the service's crawl of another source on the same site asked it two things at once.
Now they take the same locks, for the same hosts, in the same sorted order (no deadlock with a
crawl), waiting with a line saying so, and let them go when their fetching ends.

Only beside a repository that exists: no crawl can be at work on one that is not there yet, and
a curator trying a source in a fresh checkout gets no lock folder made for a repository it never
asked for (`try` writes nothing).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path

from storage.locks import FileLock, host_lock

WAITING = "{host}: waiting for another crawl asking this host ({holder}) to finish"

# What the curator tools are given: the hosts their fetcher may reach → a block holding them.
Turns = Callable[[Iterable[str]], AbstractContextManager]


def no_turns(_hosts: Iterable[str]) -> AbstractContextManager:
    """For a caller with no repository to share hosts with (tests of extraction alone)."""
    return nullcontext()


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _telling(say: Callable[[str], None], host: str) -> Callable[[str], None]:
    return lambda holder: say(WAITING.format(host=host, holder=holder))


@contextmanager
def host_turns(db_path: Path, hosts: Iterable[str], note: str, say=_say) -> Iterator[None]:
    """Hold the lock of every host in `hosts` for the block (waiting for each in turn, said once
    a host); nothing beside a repository that does not exist."""
    held: list[FileLock] = []
    try:
        if db_path.exists():
            for host in sorted(set(hosts)):  # the crawl's order: spiders/crawl_order.py
                lock = host_lock(db_path, host, note)
                lock.acquire(on_wait=_telling(say, host))
                held.append(lock)
        yield
    finally:
        for lock in reversed(held):
            lock.release(remove=True)  # as a crawl's: no file left for a host asked once


def turns_beside(db_path: Path, note: str) -> Turns:
    """The Turns of a curator tool run beside the repository `db_path`."""
    return lambda hosts: host_turns(db_path, hosts, note)
