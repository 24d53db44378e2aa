"""End to end: `fundwatch crawl` of round 14's council list whose detail pages fail (tests/sites/
detail_404_pdf_redirect): one answers 404, one address answers 302 to a PDF. Every call is still
stored with the list's own fields, the run fails, and the crawl says which pages and why.

Apart from tests/test_unseen_sites_e2e.py, whose crawl must end with no source failed."""

from __future__ import annotations

import pytest

from tests.unseen_crawl import asked, crawl_sites
from tests.unseen_sites import expected

pytestmark = pytest.mark.slow

SITE = "detail_404_pdf_redirect"


def test_the_calls_are_stored_and_the_failed_pages_named(tmp_path):
    # Checked while the site is served (crawl_sites stops it after): what it was asked is its log.
    for sites, crawl, _, db in crawl_sites([SITE], tmp_path):
        said = crawl.stdout + crawl.stderr
        assert crawl.returncode == 1, said
        assert "detail page HTTP 404 on " in said and "/community-defibrillator-grants" in said
        assert "not a web page on " in said and "warm-homes-top-up-guidance.pdf" in said
        assert ("/community/grants-and-funding/warm-homes-top-up", 302) in asked(sites[SITE])
        rows = {r["url"]: r for r in db["opportunities"].rows}
        for want in expected(SITE)["items"]:
            # the list's address, not the PDF it leads to
            row = rows[sites[SITE].local_url(want["url"])]
            assert (row["title"], row["closes_at"]) == (want["title"], want["closes_at"])
            # Not "None or equal": that let a call whose amount was lost pass as one with none.
            amount = None if row["amount_max"] is None else float(row["amount_max"])
            assert amount == want["amount_max"], want["title"]
