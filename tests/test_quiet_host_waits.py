"""The service's crawl processes do not log a line each time two of its sources on one host take
turns (`--quiet-waits`, passed by notifier/crawl_launcher.py to background crawls); a person at
`fundwatch crawl` still hears it waits. Before: such lines, without a time, were 25 of the 315
lines a 48-source service on one host logged in a few minutes."""

from __future__ import annotations

import threading
import time

from spiders.crawl_process import lock_hosts
from storage.locks import FileLock, host_lock

HOST = "127.0.0.1"


def test_a_quiet_crawl_waits_for_its_host_without_a_word_a_loud_one_says_so(
    tmp_path, capfd, monkeypatch
):
    db = tmp_path / "fw.db"
    held = host_lock(db, HOST, "another crawl")
    assert held.try_acquire()
    got: dict[str, list] = {}
    refused: set[str] = set()  # the threads seen finding the lock held: each then waits
    try_acquire = FileLock.try_acquire

    def trying(lock: FileLock) -> bool:
        taken = try_acquire(lock)
        if not taken:
            refused.add(threading.current_thread().name)
        return taken

    monkeypatch.setattr(FileLock, "try_acquire", trying)

    def take(name: str, quiet: bool) -> None:
        got[name] = lock_hosts(db, [HOST], f"batch-{name}", quiet)

    quiet = threading.Thread(target=take, args=("quiet", True), name="quiet")
    loud = threading.Thread(target=take, args=("loud", False), name="loud")
    quiet.start()
    loud.start()
    # Both seen waiting on the held lock before it is let go (waiting for the loud one's line
    # alone, the quiet one could start after the release and never wait: the test then passed
    # whether or not it was quiet).
    deadline = time.monotonic() + 30  # a bound on a hang, not a measurement
    while refused != {"quiet", "loud"}:
        assert time.monotonic() < deadline, refused
        time.sleep(0.01)
    held.release()  # each waits its turn: the quiet one for this lock, or for the loud one's
    while quiet.is_alive() or loud.is_alive():
        for name in ("quiet", "loud"):
            for lock in got.pop(name, []):
                lock.release()  # the turn over, as a crawl process ending
        time.sleep(0.01)
    for lock in got.pop("quiet", []) + got.pop("loud", []):
        lock.release()
    said = capfd.readouterr().err
    lines = [line for line in said.splitlines() if "waiting for another crawl" in line]
    assert len(lines) == 1, said  # the loud one's; the quiet one waited too, and said nothing
