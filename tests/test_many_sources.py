"""A `fundwatch crawl` of many sources holds a lock file per source and per host for the whole
crawl, beside its crawlers' sockets: it must not fail on a low open-files soft limit (1,024 on
many systems, here 64 for 80 sources), and every source gets its row."""

from __future__ import annotations

import resource
import subprocess
import sys

import pytest

from spiders.sources.site import LoopbackSite
from tests.crawl_helpers import ROOT, fundwatch_env, write_config

pytestmark = pytest.mark.slow

SOURCES = 80


def low_soft_limit() -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (64, hard))


def test_eighty_sources_crawl_under_a_soft_limit_of_sixty_four_open_files(tmp_path):
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 4 * SOURCES:
        pytest.skip(f"this machine's hard limit ({hard}) is too low to raise to")
    with LoopbackSite() as site:
        sources = []
        for n in range(SOURCES):
            site.add(f"/s{n}", f"<ul><li><a href='/s{n}/call'>Fund {n}</a></li></ul>")
            sources.append(
                {
                    "id": f"source_{n}",
                    "kind": "listing",
                    "urls": [f"{site.url}/s{n}"],
                    "item": "li",
                    "fields": {"title": "a::text", "url": "a::attr(href)"},
                }
            )
        config = write_config(tmp_path / "config", sources)
        result = subprocess.run(
            [sys.executable, "-m", "notifier.cli", "--config", str(config)]
            + ["--db", str(tmp_path / "fw.db"), "crawl"],
            cwd=ROOT,
            env=fundwatch_env({"FUNDWATCH_CRAWL_DELAY": "0"}),
            capture_output=True,
            text=True,
            timeout=300,
            preexec_fn=low_soft_limit,
        )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert f"{SOURCES} source(s): {SOURCES} ok, 0 failed" in result.stdout
