"""`sources try` waits out a 429 (or 503) with Retry-After and asks again, as a crawl does. A Jadu
council directory whose page 2 is rate-limited stored all 3 calls in a crawl, while `sources try`
said "problem: HTTP 429 on …?page=2" and showed 2."""

from __future__ import annotations

import time

from tests.crawl_helpers import fundwatch, write_config
from tests.unseen_sites import loopback_entry, serve

SITE = "jadu_directory_429"


def test_try_asks_again_after_the_wait_the_site_asked_for(tmp_path):
    site = serve(SITE)
    try:
        config = write_config(tmp_path / "config", [loopback_entry(SITE, site)])
        started = time.monotonic()
        result = fundwatch("sources", "try", SITE, config=config, db=tmp_path / "never.db")
        took = time.monotonic() - started
        asked = [(h.path, h.status) for h in site.hits]
    finally:
        site.stop()
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[0] == f"{SITE}: 3 item(s) from 2 page(s)"
    assert "HTTP 429" not in result.stdout
    page_2 = "/directory/17/funding_directory?page=2"
    assert asked.count((page_2, 429)) == 1 and asked.count((page_2, 200)) == 1
    assert took >= 1.0  # the Retry-After of 1 s was kept
