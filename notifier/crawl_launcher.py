"""Start a crawl process and report per source: what `fundwatch crawl` and the scheduler call.

Every source named gets a run row whatever happens to the crawl process: one it never started is
recorded as failed, and one it left `running` (killed, cut off, or its last write failed) is closed
as failed with the reason.

On an empty repository the crawl opens the first round (storage/first_round.py); a crawl that owes
the round nothing more, or ran to its end having named every source it owed, closes it. Which
sources those are is `enabled`: the config's, which the launcher's callers have read.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from subprocess import PIPE, STDOUT
from typing import Any

from config.clock import now
from notifier.crawl_deadline import TurnPipe, wait_own_time
from notifier.crawl_relay import relay
from notifier.crawl_signals import (
    background_crawl_ended,
    start_background_crawl,
    stop_signals_to,
)
from spiders.crawl_exit import (
    REFUSED,
    STOPPED,
    STOPPED_BEFORE_TURN,
    STOPPED_RUN,
    UNRECORDED,
    UNRECORDED_BEFORE_TURN,
    UNRECORDED_RUN,
)
from spiders.early_stop import stop_signalled
from storage.db import open_db
from storage.first_round import end_first_round, open_first_round
from storage.runs import abandon_running, batch_runs, record_failed_run

# A crawl process's output read as text, a line at a time; a byte that is no UTF-8 never stops it.
TEXT = {"text": True, "encoding": "utf-8", "errors": "replace", "bufsize": 1}


@dataclass
class CrawlReport:
    batch: str
    runs: list[dict[str, Any]]
    returncode: int

    @property
    def failed(self) -> list[dict[str, Any]]:
        return [r for r in self.runs if r["outcome"] != "ok"]


def cut_short_reasons(returncode: int | None, timeout: float | None) -> tuple[str, str]:
    """Why a crawl process's unfinished runs failed: (for a source it was crawling, for a source
    still waiting its turn), each read on its own in `sources status` and the crawl summary."""
    if returncode is None:
        why = f"the crawl timed out after {timeout:g}s"
        return why.removeprefix("the "), f"not started: {why} before this source's turn"
    # Killed by the stop signal itself (in the instant after it started, before Python ran a
    # line of it): it was stopped all the same.
    if returncode in (STOPPED, -signal.SIGTERM, -signal.SIGINT):
        return STOPPED_RUN, STOPPED_BEFORE_TURN
    if returncode in (UNRECORDED, REFUSED):
        return UNRECORDED_RUN, UNRECORDED_BEFORE_TURN
    if returncode:
        why = f"the crawl process exited with code {returncode}"
        return why.removeprefix("the "), f"not started: {why} before this source's turn"
    return (
        "the crawl process ended without finishing this run",
        "not started: the crawl process ended before this source's turn",
    )


def run_crawl(
    source_ids: list[str],
    *,
    enabled: Collection[str],
    config_dir: Path,
    db_path: Path,
    timeout: float | None = None,
    foreground: bool = False,
    said: Callable[[str], None] | None = None,
    config_shown: Path | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> CrawlReport:
    """Crawl these sources in a child process; every source gets a run row, even if the child dies.
    `enabled`: every source the repository tracks, which its first round owes a crawl.
    `foreground`: `fundwatch crawl`'s own crawl, which a signal to it stops (crawl_signals.py).
    `said`: given each line the crawl process writes, with its level first (the service logs them:
    notifier/crawl_relay.py); without it, they go to this process's stderr.
    `config_shown`: the folder its problems name, when `config_dir` is a copy of it.
    `timeout`: seconds of `clock` the crawl may take from its turn (its locks taken), not counting
    its wait for a crawl ahead of it (notifier/crawl_deadline.py); then it is killed."""
    batch = uuid.uuid4().hex[:12]
    # An unusable repository fails here, in one line, before any crawling.
    db = open_db(db_path)
    open_first_round(db, batch, now())
    db.close()
    command = [
        sys.executable,
        "-m",
        "spiders.crawl_process",
        "--config",
        str(config_dir),
        "--db",
        str(db_path),
        "--batch",
        batch,
        # A person at `fundwatch crawl` hears that it waits for another crawl; the service's log
        # does not, a line each time two of its sources on one host take turns.
        *([] if foreground else ["--quiet-waits"]),
        *([] if said is None else ["--levelled"]),
        *([] if config_shown is None else ["--config-shown", str(config_shown)]),
        *source_ids,
    ]
    returncode: int | None
    if foreground and timeout is None:
        returncode = _foreground(command)
    else:
        returncode = _background(command, timeout, said, clock)
    reason, not_started = cut_short_reasons(returncode, timeout)
    db = open_db(db_path)
    abandoned = abandon_running(db, batch, now(), reason)
    seen = {r["source_id"] for r in batch_runs(db, batch)}
    unstarted = [source_id for source_id in source_ids if source_id not in seen]
    for source_id in unstarted:  # the child died before this source even started
        record_failed_run(db, source_id, batch, now(), not_started)
    # Cut short (killed, timed out, stopped), the crawl leaves an unfinished first round open.
    ran_to_end = returncode == 0 and not abandoned and not unstarted
    end_first_round(db, enabled=enabled, crawled=source_ids, ran_to_end=ran_to_end, now=now())
    report = CrawlReport(batch, batch_runs(db, batch), -1 if returncode is None else returncode)
    db.close()
    return report


def _foreground(command: list[str]) -> int:
    """`fundwatch crawl`'s crawl process: its return code, STOPPED if the command was stopped before
    it could start it (notifier/stopping.py noted the signal: it had killed the command, -15,
    leaving its sources without a run and the summary unsaid)."""
    if stop_signalled():
        return STOPPED
    process = subprocess.Popen(command)
    with stop_signals_to(process):
        if stop_signalled():  # came while it started, before its signals were passed on
            process.send_signal(signal.SIGTERM)
        return process.wait()


def _background(
    command: list[str],
    timeout: float | None,
    said: Callable[[str], None] | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> int | None:
    """The service's crawl: its return code, None if it timed out (and was killed), STOPPED if the
    service was stopping before it could start. `said`, `clock`: see run_crawl."""
    turn = TurnPipe() if timeout is not None else None
    popen: dict[str, Any] = {}
    if turn is not None:
        # After `python -m spiders.crawl_process`, before the source ids
        command = [*command[:3], "--turn-fd", str(turn.child_fd), *command[3:]]
        popen["pass_fds"] = (turn.child_fd,)
    if said is not None:
        popen |= {"stdout": PIPE, "stderr": STDOUT, **TEXT}
    try:
        process = start_background_crawl(command, **popen)
    except BaseException:  # no process (no such interpreter, no memory): no pipe left open
        if turn is not None:
            turn.close()
        raise
    finally:
        if turn is not None:
            turn.started()  # its copy is the crawl process's now (or nobody's)
    if process is None:
        if turn is not None:
            turn.close()
        return STOPPED
    reader = None if said is None else relay(process.stdout, said)
    try:
        if turn is None:
            return process.wait()
        return wait_own_time(process, turn, timeout, clock=clock)
    finally:
        background_crawl_ended(process)
        if turn is not None:
            turn.close()
        if reader is not None:
            reader.join()  # its last lines logged before the crawl's own line
