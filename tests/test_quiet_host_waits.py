"""The service's crawl processes do not log a line each time two of its sources on one host take
turns (`--quiet-waits`, passed by notifier/crawl_launcher.py to background crawls); a person at
`fundwatch crawl` still hears it waits. Before: such lines, without a time, were 25 of the 315
lines a 48-source service on one host logged in a few minutes."""

from __future__ import annotations

import threading
import time

from spiders.crawl_process import lock_hosts
from storage.locks import host_lock

HOST = "127.0.0.1"


def test_a_quiet_crawl_waits_for_its_host_without_a_word_a_loud_one_says_so(tmp_path, capfd):
    db = tmp_path / "fw.db"
    held = host_lock(db, HOST, "another crawl")
    assert held.try_acquire()
    got: dict[str, list] = {}

    def take(name: str, quiet: bool) -> None:
        got[name] = lock_hosts(db, [HOST], f"batch-{name}", quiet)

    quiet = threading.Thread(target=take, args=("quiet", True))
    loud = threading.Thread(target=take, args=("loud", False))
    quiet.start()
    loud.start()
    said = ""
    deadline = time.monotonic() + 30  # a bound on a hang, not a measurement
    while "waiting for another crawl" not in said and time.monotonic() < deadline:
        time.sleep(0.01)
        said += capfd.readouterr().err
    held.release()  # each waits its turn: the quiet one for this lock, or for the loud one's
    while quiet.is_alive() or loud.is_alive():
        for name in ("quiet", "loud"):
            for lock in got.pop(name, []):
                lock.release()  # the turn over, as a crawl process ending
        time.sleep(0.01)
    for lock in got.pop("quiet", []) + got.pop("loud", []):
        lock.release()
    said += capfd.readouterr().err
    lines = [line for line in said.splitlines() if "waiting for another crawl" in line]
    assert len(lines) == 1, said  # the loud one's; the quiet one waited too, and said nothing
