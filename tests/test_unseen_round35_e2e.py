"""End to end: `fundwatch crawl` of round 35's generated HTML sites (tests/sites/README.md, "Round
35"), served on loopback, all six in one crawl: a Next › pager whose every link carries a new
session token, a directory whose extra last page repeats the one before, a Solr search by
?start=&rows=, detail pages that fail once in twenty (500/502/503/504), newest-first news that
shifted as it was read, and a "Show more" link that asks the page longer.

Each is crawled at a smaller size than its folder's (its generate.py writes the same site cut
short into a temporary folder, served in the folder's place), so the crawl takes seconds; the
folders' full sizes (300 to 1,183 calls each) are read offline by tests/test_unseen_sites.py.
Checked: every call stored once with the values expected.yaml gives, no page asked twice but the
flaky ones' retries, one request at a time, the run ok, the summary's counts."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from tests.unseen_crawl import asked, check_stored, crawl_sites
from tests.unseen_sites import SITES_DIR

pytestmark = pytest.mark.slow

# Each site and how many calls its copy is generated with
SIZES = {
    "next_token_pager_big": 40,
    "page_two_last_repeats_big": 72,
    "start_rows_facets_big": 100,
    "detail_flaky_5pc_big": 40,
    "newest_shift_dupes_big": 58,
    "show_more_cumulative_big": 90,
}
CRAWLED = list(SIZES)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    sites = tmp_path_factory.mktemp("round35-sites")
    for site_id, size in SIZES.items():
        folder = SITES_DIR / site_id
        copy = sites / site_id
        script = [sys.executable, str(folder / "generate.py"), str(size), str(copy)]
        subprocess.run(script, check=True)
        shutil.copy(folder / "source.yaml", copy / "source.yaml")
    # Served, entered and expected from the copies
    yield from crawl_sites(CRAWLED, tmp_path_factory.mktemp("round35"), sites_dir=sites)


def test_one_ok_crawl_asks_each_page_once_one_at_a_time(crawled):
    sites, crawl, _, db = crawled
    said = crawl.stdout + crawl.stderr
    assert crawl.returncode == 0, said
    for site_id, site in sites.items():
        pages = [path for path, status in asked(site) if status == 200]
        assert len(pages) == len(set(pages)), (site_id, pages)
        assert site.most_in_flight == 1, site_id
        stored = db.execute("select count(*) from listings where source_id = ?", [site_id])
        assert stored.fetchone()[0] == SIZES[site_id], site_id
    # The flaky details: each failed once (2 of 40), was asked again and read.
    flaky = [(p, s) for p, s in asked(sites["detail_flaky_5pc_big"]) if s != 200]
    assert sorted(s for _, s in flaky) == [500, 502], flaky
    # The shifted news: 4 pages, 58 calls, 58 call pages (none asked for its second sighting).
    news = [p for p, _ in asked(sites["newest_shift_dupes_big"]) if p != "/robots.txt"]
    assert len(news) == 4 + 58, news
    # The directory's extra page 7 (page 6 again, no "Next") is read and ends it: no note.
    assert "/community-grants?page=7" in [p for p, _ in asked(sites["page_two_last_repeats_big"])]
    assert "note:" not in said, said
    # The summary: each source ok with its calls, all new, and nothing else.
    for site_id, size in SIZES.items():
        assert re.search(rf"^{site_id} +ok +{size} +{size} +0 +0 +0$", said, re.M), said
    assert "6 source(s): 6 ok, 0 failed" in said
    assert db["opportunities"].count == sum(SIZES.values())


@pytest.mark.parametrize("site_id", CRAWLED)
def test_each_call_is_stored_as_expected(crawled, site_id):
    check_stored(crawled, site_id)  # against the copy's expected.yaml
