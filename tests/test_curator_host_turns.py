"""`sources try` and `sources record` take their turn at a host a crawl is asking, as a second
crawl does: one request at a time per host, across processes (notifier/curation/host_turns.py).

Before: they fetched at once, beside the crawl: the loopback site answered two requests at a
time (most_in_flight 2), and nothing was said. Real `fundwatch` processes on one loopback site.
"""

from __future__ import annotations

import queue
import subprocess
import threading

import pytest

from tests.crawl_helpers import start_fundwatch, write_config
from tests.life_site import Call, listing, source

HELD = Call("retrofit", "Warm Homes Retrofit Fund", "26 January 2027")
TRIED = Call("parks", "Parks for People", "12 February 2027")
BOUND = 60  # seconds: a bound on a hang, never a measurement


def lines_of(process: subprocess.Popen) -> queue.Queue:
    """Its stderr, a line at a time, then None at its end."""
    said: queue.Queue = queue.Queue()

    def read() -> None:
        for line in process.stderr:
            said.put(line.rstrip("\n"))
        said.put(None)

    threading.Thread(target=read, daemon=True).start()
    return said


def first_line_with(said: queue.Queue, words: str, seen: list[str]) -> str:
    while (line := said.get(timeout=BOUND)) is not None:
        seen.append(line)
        if words in line:
            return line
    raise AssertionError(f"ended without saying {words!r}: {seen}")


@pytest.mark.parametrize("tool", [["try", "parks_listing"], ["record", "parks_listing"]])
def test_a_curator_tool_waits_for_the_crawl_asking_its_host(tmp_path, site, tool):
    site.add("/funding/", listing([HELD]), hang=BOUND)  # held until released below
    site.add("/parks/", listing([TRIED]))
    sources = [source(site), source(site, "parks_listing", "/parks/")]
    # The download timeout past the hold: no retry of the held page beside it (the tests' 3 s)
    config = write_config(tmp_path / "config", sources, crawl={"timeout": 2 * BOUND})
    db = tmp_path / "fw.db"
    crawl = start_fundwatch("crawl", "example_listing", config=config, db=db)
    site.wait_held("/funding/")  # the crawl is asking the host now, holding its turn
    args = ["sources", *tool] + (
        ["--into", str(tmp_path / "snapshots")] if "record" in tool else []
    )
    curator = start_fundwatch(*args, config=config, db=db)
    seen: list[str] = []
    try:
        waiting = first_line_with(lines_of(curator), "waiting for another crawl", seen)
        assert waiting.startswith("127.0.0.1: waiting for another crawl asking this host (pid ")
        assert "/parks/" not in site.paths()  # it asked nothing while it waited
        site.release()
        crawled, _ = crawl.communicate(timeout=BOUND)
        assert crawl.returncode == 0, crawled
        out, _ = curator.communicate(timeout=BOUND)
    finally:
        site.release()
        for process in (crawl, curator):
            if process.poll() is None:
                process.kill()
                process.communicate()
    assert curator.returncode == 0, out + "\n".join(seen)
    assert "/parks/" in site.paths()
    assert site.most_in_flight == 1  # one request at a time at the host, all along
    assert not any((tmp_path / "fw.db.locks").glob("host-*.lock"))  # each let its turn go
