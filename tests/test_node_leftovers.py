"""A node crawl's outcome is written through a temporary file beside its feed export
(`.items.jl.outcome.json.<pid>.tmp`, renamed over `items.jl.outcome.json`). A crawl killed
between the two, or one whose write failed (a full disk), left that file, and nothing ever
removed it: a Scrapyd items folder gathered one a kill. A node crawl now removes those whose
writer is dead as it writes its own, never a live writer's. Real processes write the leftovers and
are really killed (SIGKILL); the sweep is a real node crawl's (`SCRAPY_PROJECT=node scrapy crawl`)."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from spiders.sources import SOURCES_DIR
from spiders.sources.site import LoopbackSite
from tests.crawl_helpers import ROOT
from tests.test_ingest_outcome import node_crawl
from tests.test_scrapyd_ingest import SOURCE, bundled_source

pytestmark = pytest.mark.slow

WRITE = """
import os, sys, time
from pathlib import Path
folder, name = Path(sys.argv[1]), sys.argv[2]
(folder / f".{name}.outcome.json.{os.getpid()}.tmp").write_text('{"fundwatch_outc')
print(os.getpid(), flush=True)
time.sleep(120)
"""


def writer(folder, name: str) -> tuple[subprocess.Popen, str]:
    """A process that began an outcome for `name` in `folder` and is still at it: (it, its file)."""
    process = subprocess.Popen(
        [sys.executable, "-c", WRITE, str(folder), name],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    pid = process.stdout.readline().strip()
    return process, f".{name}.outcome.json.{pid}.tmp"


def killed(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait()


def test_a_node_crawl_removes_the_outcomes_dead_writers_left_and_keeps_a_live_ones(tmp_path):
    folder = tmp_path / "node"
    folder.mkdir()
    dead = []
    for name in ("items.jl", "job-earlier.jl"):
        process, left = writer(folder, name)
        killed(process)
        dead.append(left)
    live, kept = writer(folder, "job-running.jl")
    try:
        assert {p.name for p in folder.glob(".*.tmp")} == {*dead, kept}
        with LoopbackSite(SOURCES_DIR / SOURCE) as site:
            items, said = node_crawl(folder, bundled_source(SOURCE, site))
        assert said["complete"], said
        assert {p.name for p in folder.glob(".*.tmp")} == {kept}
    finally:
        killed(live)
