"""End to end: `fundwatch crawl` of round 14's council list whose detail pages fail (tests/sites/
detail_404_pdf_redirect): one answers 404, one address answers 302 to a PDF. Every call is still
stored with the list's own fields, the run fails, and the crawl says which pages and why.

Apart from tests/test_unseen_sites_e2e.py, whose crawl must end with no source failed."""

from __future__ import annotations

import pytest
import sqlite_utils

from tests.crawl_helpers import fundwatch, write_config
from tests.unseen_sites import expected, loopback_entry, serve

pytestmark = pytest.mark.slow

SITE = "detail_404_pdf_redirect"


def test_the_calls_are_stored_and_the_failed_pages_named(tmp_path):
    site = serve(SITE)
    try:
        config = write_config(tmp_path / "config", [loopback_entry(SITE, site)])
        crawl = fundwatch("crawl", config=config, db=tmp_path / "fundwatch.db")
        hits = [(hit.path, hit.status) for hit in site.hits]
        local = {item["url"]: site.local_url(item["url"]) for item in expected(SITE)["items"]}
    finally:
        site.stop()
    assert crawl.returncode == 1, crawl.stdout + crawl.stderr
    said = crawl.stdout + crawl.stderr
    assert "detail page HTTP 404 on " in said and "/community-defibrillator-grants" in said
    assert "not a web page on " in said and "warm-homes-top-up-guidance.pdf" in said
    assert ("/community/grants-and-funding/warm-homes-top-up", 302) in hits
    rows = {
        r["url"]: r for r in sqlite_utils.Database(tmp_path / "fundwatch.db")["opportunities"].rows
    }
    for want in expected(SITE)["items"]:
        row = rows[local[want["url"]]]  # the list's address, not the PDF it leads to
        assert (row["title"], row["closes_at"]) == (want["title"], want["closes_at"])
        assert row["amount_max"] is None or float(row["amount_max"]) == want["amount_max"]
