"""Every line `fundwatch run` writes carries the service's timestamp and level, its crawl
processes' lines and its start-up warnings too.

Before: a crawl process's problem lines (`example_listing: HTTP 404 on …`) went straight to the
service's stderr, without a time or a level, amid the service's own timestamped lines; so did the
warnings it gives as it starts. A real `fundwatch run` on a loopback site, stopped by SIGTERM.
"""

from __future__ import annotations

import re
import signal
import subprocess

from tests.crawl_helpers import ROOT, fundwatch_command, fundwatch_env, write_config
from tests.life_site import source

STAMPED = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (DEBUG|INFO|WARNING|ERROR|CRITICAL) ")


def test_every_line_the_service_writes_is_stamped(tmp_path, site):
    config = write_config(tmp_path / "config", [source(site, path="/gone/")], [])
    env = fundwatch_env({"SMTP_PORT": "2525"})  # without SMTP_HOST: a warning as it starts
    env.pop("SMTP_HOST", None)
    env.pop("FUNDWATCH_NOW")  # the scheduler runs on the real clock: a frozen now misses every job
    service = subprocess.Popen(
        fundwatch_command("run", config=config, db=tmp_path / "fw.db"),
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    try:
        assert service.stdout is not None
        for line in service.stdout:  # read until the crawl's line: the log is the clock
            lines.append(line.rstrip("\n"))
            if "crawl example_listing: failed" in line:
                break
        service.send_signal(signal.SIGTERM)
        rest, _ = service.communicate(timeout=120)
    finally:
        if service.poll() is None:
            service.kill()
            service.wait()
    lines += rest.splitlines()
    said = "\n".join(lines)
    assert "HTTP 404 on" in said, said  # the crawl process's own problem line
    assert "SMTP_PORT" in said, said  # the start-up warning
    unstamped = [line for line in lines if not STAMPED.match(line)]
    assert unstamped == [], said
    problem = next(line for line in lines if "example_listing: HTTP 404 on" in line)
    assert " WARNING example_listing: HTTP 404 on" in problem, problem
