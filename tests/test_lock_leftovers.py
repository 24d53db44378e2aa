"""Lock files a crawl leaves beside the repository (`<db>.locks/host-<host>.lock`, one per host it
asked, and `crawl-<source>.lock`). The kernel lets go of a lock when its process dies, but the
file stayed: one per host and source ever crawled, however long ago, kills or not. A crawl now
removes every such file no live process holds as it starts, and never one a live process holds
(a crawl asking that host now). Real processes hold the locks and are really killed; the sweep
is `fundwatch crawl`'s own."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from spiders.sources.site import LoopbackSite
from storage.locks import is_held, lock_dir
from tests.crawl_helpers import ROOT, fundwatch, write_config

pytestmark = pytest.mark.slow

HOLD = """
import sys, time
from pathlib import Path
from storage.locks import host_lock, source_lock
db, kind, name = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
lock = (host_lock if kind == "host" else source_lock)(db, name, "a test holder")
lock.acquire()
print("held", flush=True)
time.sleep(120)
"""


def holder(db_file, kind: str, name: str) -> subprocess.Popen:
    """A process holding a host's or a source's crawl lock on `db_file`."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db_file), kind, name],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout.readline().strip() == "held"
    return process


def killed(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait()


def lock_files(db_file) -> set[str]:
    """The crawls' lock files (the repository's one `migrate.lock` and `service.lock` stay)."""
    folder = lock_dir(db_file)
    return {path.name for pattern in ("crawl-*", "host-*") for path in folder.glob(pattern)}


def test_a_crawl_removes_the_lock_files_nobody_holds_and_keeps_a_live_ones(tmp_path):
    db_file = tmp_path / "fw.db"
    live = holder(db_file, "host", "busy.example")
    for kind, name in [("host", "gone.example"), ("host", "old.example"), ("source", "retired")]:
        killed(holder(db_file, kind, name))
    try:
        assert lock_files(db_file) == {
            "host-busy.example.lock",
            "host-gone.example.lock",
            "host-old.example.lock",
            "crawl-retired.lock",
        }
        with LoopbackSite() as site:
            site.add("/calls", "<ul><li><a href='/c/1'>Swept fund</a></li></ul>")
            source = {
                "id": "calls",
                "kind": "listing",
                "urls": [f"{site.url}/calls"],
                "item": "li",
                "fields": {"title": "a::text", "url": "a::attr(href)"},
            }
            config = write_config(tmp_path / "config", [source])
            done = fundwatch("crawl", config=config, db=db_file)
        assert done.returncode == 0, done.stdout + done.stderr
        # The live holder's file stays, held; the dead ones' are gone, and so are this crawl's own.
        assert lock_files(db_file) == {"host-busy.example.lock"}
        assert is_held(lock_dir(db_file) / "host-busy.example.lock")
    finally:
        killed(live)
