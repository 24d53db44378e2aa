"""`sources try` exits 1 when a crawl of the same pages would fail its run (README: sources try),
and a crawl fails on any call it drops for a missing title or address (tests/sites/README.md,
Round 39, iuk_business_connect_drift: a theme renamed the card title's class on page 2). It
exited 0 while some items on the page were still read, each unread one marked "a crawl would not
store it", and a script running it before a crawl heard nothing."""

from __future__ import annotations

from tests.crawl_helpers import fundwatch, write_config
from tests.unseen_sites import SITES_DIR, entry

SITE = SITES_DIR / "iuk_business_connect_drift"


def test_try_fails_when_a_crawl_would_drop_some_items(tmp_path):
    source = entry("iuk_business_connect_drift")
    config = write_config(tmp_path / "config", [source])
    # Page 1's old cards and page 2's new ones on one saved page: three read, three not.
    page = tmp_path / "both.html"
    old, new = (SITE / f"opportunities-{n}.html" for n in (1, 2))
    cards = (
        new.read_text("utf-8").split('<div class="opportunity-list">')[1].split("</div>\n  <nav")[0]
    )
    page.write_text(
        old.read_text("utf-8").replace("\n  </div>\n  <nav", cards + "\n  </div>\n  <nav", 1)
    )
    tried = fundwatch(
        "sources", "try", source["id"], "--file", str(page), config=config, db=tmp_path / "db"
    )
    assert "a crawl would not store it: missing title, url" in tried.stdout, tried.stdout
    assert "Innovate UK Smart Grants" in tried.stdout
    assert tried.returncode == 1, tried.stdout + tried.stderr
