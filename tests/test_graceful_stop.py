"""A stop signal that comes as a spider closes on its own (its last page answered a moment before)
still stops the crawl: the next source waiting its turn on the host does not start, and the process
knows it was stopped, so its exit status says so (spiders/crawl_exit.py STOPPED).

Repro: under a full test run, `fundwatch crawl` stopped by Ctrl-C while `slow`'s page answered
started `after_slow` and exited 0; its summary read "the crawl process ended before this source's
turn" instead of "the crawl was stopped". tests/graceful_toy.py makes that moment certain: the
signal is sent from inside the first spider's close.
"""

from __future__ import annotations

import subprocess
import sys

from tests.crawl_helpers import ROOT


def test_a_stop_as_a_spider_closes_on_its_own_starts_no_other_source():
    done = subprocess.run(
        [sys.executable, "-m", "tests.graceful_toy"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "opened: first; signalled: True", done.stdout


def test_a_stop_before_the_reactor_runs_stops_the_crawl_as_it_starts():
    # Repro: noted before Scrapy's handler was installed, the stop was never acted on, and a
    # spider waiting on a page crawled on (here: for ever; the timeout ends the test).
    done = subprocess.run(
        [sys.executable, "-m", "tests.graceful_toy", "early"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "opened: first; signalled: True", done.stdout
