"""The service's crawl timeout counts the crawl's own time, from its turn (its locks taken), not
its wait behind another crawl of the same host (notifier/crawl_deadline.py).

Real parts: the service's crawl job, its crawl process on a loopback site whose page is held, and
a real host lock held by the test as the slow neighbour. The hour is played on an injected clock.
"""

from __future__ import annotations

import threading
import time

import pytest

from notifier.service import Service
from storage.locks import crawl_running, host_lock
from tests.crawl_helpers import write_config
from tests.life_site import Call, listing, source

CALL = Call("retrofit", "Warm Homes Retrofit Fund", "26 January 2027")
HOUR = 3600.0
BOUND = 60  # seconds: a bound on a hang, never a measurement


class StepClock:
    """A clock that moves only when the test moves it, and says who has read it since."""

    def __init__(self) -> None:
        self.value = 0.0
        self.reads: list[float] = []
        self._changed = threading.Condition()

    def __call__(self) -> float:
        with self._changed:
            self.reads.append(self.value)
            self._changed.notify_all()
            return self.value

    def advance(self, seconds: float) -> None:
        with self._changed:
            self.value += seconds

    def read_twice_at(self, value: float) -> None:
        """Return once the clock was read twice at `value`: the service's wait has looked at it,
        and gone round again (had it killed the crawl, it would not have read it again)."""
        with self._changed:
            ok = self._changed.wait_for(lambda: self.reads.count(value) >= 2, BOUND)
            assert ok, f"the clock was not read twice at {value}: {self.reads[-5:]}"


@pytest.fixture
def service(tmp_path, site, monkeypatch):
    for name, value in {
        "FUNDWATCH_ALLOW_LOOPBACK": "1",
        "FUNDWATCH_CRAWL_DELAY": "0.05",
        "FUNDWATCH_NOW": "2026-11-25T09:00:00+00:00",
    }.items():
        monkeypatch.setenv(name, value)
    site.add("/funding/", listing([CALL]), hang=BOUND)  # held until the test lets it go
    # The download timeout past the hold: the held page is not given up on (the tests' 3 s)
    config = write_config(tmp_path / "config", [source(site)], [], crawl={"timeout": 2 * BOUND})
    clock = StepClock()
    jobs = Service(config_dir=config, db_path=tmp_path / "fw.db", env={}, crawl_clock=clock)
    return jobs, clock


def crawl_in_background(jobs: Service) -> tuple[threading.Thread, dict]:
    said: dict = {}
    job = threading.Thread(target=lambda: said.update(text=str(jobs.crawl("example_listing"))))
    job.start()
    return job, said


def until(condition, what: str) -> None:
    deadline = time.monotonic() + BOUND  # a bound on a hang, not a measurement
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.02)


def test_a_crawl_that_waited_50_minutes_for_its_host_gets_its_own_hour(service, site, tmp_path):
    # Before (its hour counted from the process's start): killed at 60 minutes, 10 into its own
    # work: "crawl example_listing: failed … crawl timed out after 3600s".
    jobs, clock = service
    db = tmp_path / "fw.db"
    neighbour = host_lock(db, "127.0.0.1", "crawl batch neighbour")
    assert neighbour.try_acquire()  # a slow neighbour on the same site, crawling
    job, said = crawl_in_background(jobs)
    try:
        until(lambda: crawl_running(db, "example_listing"), "the crawl did not start waiting")
        clock.advance(50 * 60)  # waiting its turn all that while
        neighbour.release()
        site.wait_held("/funding/")  # its turn: crawling its page
        clock.advance(10 * 60)
        clock.read_twice_at(60 * 60)  # an hour since it started: looked at, and let be
    finally:
        neighbour.release()
        site.release()
        job.join(BOUND)
    assert "crawl example_listing: ok, 1 items, 1 new" in said["text"], said


def test_a_crawl_over_its_own_hour_is_still_stopped(service, site):
    jobs, clock = service
    job, said = crawl_in_background(jobs)
    try:
        site.wait_held("/funding/")
        clock.advance(HOUR + 1)
        job.join(BOUND)
    finally:
        site.release()
        job.join(BOUND)
    assert "example_listing: failed" in said["text"], said
    assert "crawl timed out after 3600s" in said["text"], said


def test_the_turn_is_heard_on_a_descriptor_numbered_past_1024():
    # A long-lived service may hold many descriptors: select() refuses one numbered 1,024 or more
    # ("filedescriptor out of range in select()"), which would have failed the crawl job.
    import os
    import resource

    from notifier.crawl_deadline import TurnPipe

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 1100:
        pytest.skip(f"this machine allows {hard} open files")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 1100), hard))
    spare = [os.dup(0) for _ in range(1030)]
    turn = TurnPipe()
    try:
        assert turn.read_fd >= 1024
        os.write(turn.child_fd, b"\n")
        turn.started()
        assert turn.turn_came(BOUND) is True
        assert turn.turn_came(BOUND) is None  # then its end, closed
    finally:
        turn.close()
        for fd in spare:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


@pytest.mark.parametrize("start", ["refused", "stopping"])
def test_a_crawl_process_that_never_started_leaves_no_pipe_open(monkeypatch, start):
    # A crawl the service could not start (Popen failing), or would not (it was stopping), must
    # not leave the turn pipe's descriptors behind, one a crawl job for as long as it runs.
    import os

    from notifier import crawl_launcher
    from spiders.crawl_exit import STOPPED

    def starting(command, **popen):
        if start == "refused":
            raise OSError("no such interpreter")
        return None  # what start_background_crawl answers once the service is stopping

    monkeypatch.setattr(crawl_launcher, "start_background_crawl", starting)
    before = sorted(os.listdir("/proc/self/fd"))
    if start == "refused":
        with pytest.raises(OSError):
            crawl_launcher._background(["python", "-m", "spiders.crawl_process"], HOUR)
    else:
        assert (
            crawl_launcher._background(["python", "-m", "spiders.crawl_process"], HOUR) == STOPPED
        )
    assert sorted(os.listdir("/proc/self/fd")) == before
