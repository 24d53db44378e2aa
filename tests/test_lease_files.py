"""Delivery leases left behind by killed runs (`<db>.locks/senders/<token>.lock`). A run that
ends removes its own; one killed (SIGKILL, an OOM kill, a power cut) could not, and nothing else
did, so a service killed now and then gathered one file a kill, for ever. The next delivery run
now removes every lease no live process holds, and never one that a live run holds (its claims
hang off it: owner_alive). Real processes hold the leases and are really killed."""

from __future__ import annotations

import signal
import subprocess
import sys

from storage.locks import OwnerLease, is_held, lock_dir
from tests.crawl_helpers import ROOT, fundwatch, write_config
from tests.notify_helpers import repository

TAKE_LEASE = """
import sys, time
from pathlib import Path
from storage.locks import OwnerLease
with OwnerLease(Path(sys.argv[1])) as lease:
    print(lease.token, flush=True)
    time.sleep(120)
"""


def lease_holder(db_file) -> tuple[subprocess.Popen, str]:
    """A process holding a delivery lease on `db_file`, and the lease's token."""
    holder = subprocess.Popen(
        [sys.executable, "-c", TAKE_LEASE, str(db_file)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    return holder, holder.stdout.readline().strip()


def killed(holder: subprocess.Popen) -> None:
    holder.send_signal(signal.SIGKILL)
    holder.wait()


def killed_together(db_file, count: int) -> list[str]:
    """The tokens of `count` runs killed while each held its lease (all at once: each run clears
    the leases of runs already dead as it starts)."""
    holders = [lease_holder(db_file) for _ in range(count)]
    for holder, _ in holders:
        killed(holder)
    return [token for _, token in holders]


def leases(db_file) -> set[str]:
    return {path.stem for path in (lock_dir(db_file) / "senders").glob("*.lock")}


def test_a_delivery_run_removes_the_leases_of_killed_runs_and_keeps_live_ones(tmp_path):
    repository(tmp_path).close()
    db_file = tmp_path / "fundwatch.db"
    live, live_token = lease_holder(db_file)
    dead = killed_together(db_file, 3)
    try:
        assert leases(db_file) == {*dead, live_token}  # the killed runs' files stay behind

        with OwnerLease(db_file) as lease:
            assert leases(db_file) == {live_token, lease.token}
        assert leases(db_file) == {live_token}
        assert is_held(lock_dir(db_file) / "senders" / f"{live_token}.lock")
    finally:
        killed(live)
    assert not is_held(lock_dir(db_file) / "senders" / f"{live_token}.lock")


def test_fundwatch_notify_clears_them_too(tmp_path):
    repository(tmp_path).close()
    db_file = tmp_path / "fundwatch.db"
    killed_together(db_file, 2)
    assert len(leases(db_file)) == 2
    config = write_config(tmp_path / "config", [], [])
    done = fundwatch("notify", config=config, db=db_file, timeout=60)
    assert done.returncode == 0, done.stderr
    assert leases(db_file) == set()
