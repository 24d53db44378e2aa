"""The service's crawl timeout counts the crawl's own time, not its wait for its turn.

A crawl process first takes its sources' locks and its hosts' locks (one crawl of a source, and one
crawl asking a host, at a time: storage/locks.py), waiting for whichever crawl holds one; then it
crawls. The timeout (an hour) counted from the process's start, so a crawl that had waited 50
minutes behind a slow neighbour on the same site was killed 10 minutes into its own work, its run
failed "timed out", though it had broken no limit of its own. The wait is bounded already: by the
crawl it waits for, which has its own timeout.

The crawl process says when its turn begins (its locks all taken) by writing a line on a pipe
(`--turn-fd`, spiders/crawl_process.py); the deadline is set then, by `clock` (injected by tests).
"""

from __future__ import annotations

import os
import select
import subprocess
import time
from collections.abc import Callable

POLL_S = 1.0  # how often a wait looks at the clock: a kill comes at most this late


class TurnPipe:
    """The pipe a crawl process writes its turn on: `child_fd` is passed to it (pass_fds), and
    closed here once it has started."""

    def __init__(self) -> None:
        self.read_fd, self.child_fd = os.pipe()
        # poll, not select: no limit on the descriptor's number (select's ends at 1,024)
        self._poll = select.poll()
        self._poll.register(self.read_fd, select.POLLIN)

    def started(self) -> None:
        """The crawl process has its copy: ours is closed, so its exit ends the pipe."""
        os.close(self.child_fd)

    def turn_came(self, wait: float) -> bool | None:
        """True once the crawl process has written its turn; None when its end of the pipe is
        closed without it (it ended, or failed before its turn); False: not yet, after `wait`."""
        if not self._poll.poll(max(wait, 0.0) * 1000):
            return False
        return bool(os.read(self.read_fd, 1)) or None

    def close(self) -> None:
        os.close(self.read_fd)


def wait_own_time(
    process: subprocess.Popen,
    turn: TurnPipe,
    timeout: float,
    *,
    clock: Callable[[], float] = time.monotonic,
    poll: float = POLL_S,
) -> int | None:
    """Wait for `process`; its return code, or None once it has crawled for `timeout` seconds of
    `clock` from its turn (it is then killed). Before its turn it waits as long as it must."""
    deadline: float | None = None
    while True:
        if deadline is None:
            if turn.turn_came(poll) is False:
                if process.poll() is not None:
                    return process.returncode  # ended before its turn (a config error)
                continue
            # Its turn, or its end of the pipe closed without one (it ended, or will not say):
            # the clock runs from now.
            deadline = clock() + timeout
            continue
        remaining = deadline - clock()
        if remaining <= 0:
            process.kill()
            process.wait()
            return None
        try:
            return process.wait(timeout=min(poll, remaining))
        except subprocess.TimeoutExpired:
            continue
