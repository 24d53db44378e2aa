"""End to end: `fundwatch crawl` of round 40's generated sites at scale (tests/sites/README.md,
"Round 40"), served on loopback, all six in one crawl: a sitemap index of five sitemaps, an api
paged by the `next` address in its body whose records were edited while it was read, every call in
one Atom document, a listing whose call pages link to each other ("Related funds"), a 60-page table
paged by an elided pager of numbers, and a year archive. Then the Atom document at its full 3,000
entries (5 MB) against a download limit below it: the crawl fails naming the limit, none stored.

Each is crawled at a smaller size than its folder's (its generate.py writes the same site cut short
into a temporary folder, served in the folder's place), so the crawls take seconds; the folders'
sizes (500 to 1,500 calls) are read offline by tests/test_unseen_sites.py. Checked: every call
stored once with the values expected.yaml gives, no page asked twice, one request at a time, the
run ok, the summary's counts."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from tests.crawl_helpers import fundwatch, write_config
from tests.unseen_crawl import LOOPBACK_DELAY, asked, check_stored, crawl_sites
from tests.unseen_serving import loopback_entry, serve
from tests.unseen_sites import SITES_DIR

pytestmark = pytest.mark.slow

# Each site and how many calls its copy is generated with
SIZES = {
    "sitemap_index_five_big": 45,
    "api_cursor_next_updated_big": 110,
    "atom_one_document_big": 40,
    "related_funds_details_big": 100,
    "windowed_pager_sixty": 300,
    "year_archive_rounds": 40,
}
CRAWLED = list(SIZES)
# Records of the api's copy edited while it was read (one in fifty: 17 and 67), each met twice
EDITED = 2


def generate(site_id: str, size: int, sites) -> None:
    folder, copy = SITES_DIR / site_id, sites / site_id
    subprocess.run([sys.executable, str(folder / "generate.py"), str(size), str(copy)], check=True)
    shutil.copy(folder / "source.yaml", copy / "source.yaml")


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    sites = tmp_path_factory.mktemp("round40-sites")
    for site_id, size in SIZES.items():
        generate(site_id, size, sites)
    # Served, entered and expected from the copies
    yield from crawl_sites(CRAWLED, tmp_path_factory.mktemp("round40"), sites_dir=sites)


def test_one_ok_crawl_asks_each_page_once_one_at_a_time(crawled):
    sites, crawl, _, db = crawled
    said = crawl.stdout + crawl.stderr
    assert crawl.returncode == 0, said
    for site_id, site in sites.items():
        pages = [path for path, status in asked(site)]
        assert len(pages) == len(set(pages)), (site_id, pages)
        assert {status for _, status in asked(site)} == {200}, site_id
        assert site.most_in_flight == 1, site_id
        stored = db.execute("select count(*) from listings where source_id = ?", [site_id])
        assert stored.fetchone()[0] == SIZES[site_id], site_id
    # The sitemaps: the index, its five sitemaps and the 45 funds' pages, nothing else of the
    # 150 addresses they list (the ten featured funds listed twice are asked once).
    sitemap = [p for p, _ in asked(sites["sitemap_index_five_big"]) if p != "/robots.txt"]
    assert len(sitemap) == 1 + 5 + 45, sitemap
    # The api: three pages (110 records and the 2 edited ones again at the end).
    api = [p for p, _ in asked(sites["api_cursor_next_updated_big"]) if p != "/robots.txt"]
    assert len(api) == 3, api
    # The related funds: 2 listing pages, each call's page once, though each links three others.
    related = [p for p, _ in asked(sites["related_funds_details_big"]) if p != "/robots.txt"]
    assert len(related) == 2 + 100, related
    # The elided pager: ?page=1 to 12 and the empty ?page=13 that ends it.
    windowed = [p for p, _ in asked(sites["windowed_pager_sixty"]) if p != "/robots.txt"]
    assert windowed == [f"/community-grants?page={n}" for n in range(1, 14)], windowed
    assert "note:" not in said, said
    # The summary: each source ok with its calls, all new; the api's edited records changed.
    for site_id, size in SIZES.items():
        changed = EDITED if site_id == "api_cursor_next_updated_big" else 0
        assert re.search(rf"^{site_id} +ok +{size} +{size} +{changed} +0 +0$", said, re.M), said
    assert "6 source(s): 6 ok, 0 failed" in said
    assert db["opportunities"].count == sum(SIZES.values())


@pytest.mark.parametrize("site_id", CRAWLED)
def test_each_call_is_stored_as_expected(crawled, site_id):
    check_stored(crawled, site_id)  # against the copy's expected.yaml


def test_a_feed_above_the_download_limit_fails_naming_it(tmp_path):
    site_id = "atom_one_document_big"
    generate(site_id, 3000, tmp_path)
    assert (tmp_path / site_id / "feed.atom").stat().st_size > 4_500_000  # about 5 MB
    site = serve(site_id, tmp_path)
    try:
        entry = loopback_entry(site_id, site, tmp_path)
        config = write_config(tmp_path / "config", [entry], crawl={"max_bytes": 4 * 1024 * 1024})
        crawl = fundwatch(
            "crawl",
            config=config,
            db=tmp_path / "f.db",
            env={"FUNDWATCH_CRAWL_DELAY": LOOPBACK_DELAY},
        )
    finally:
        site.stop()
    said = crawl.stdout + crawl.stderr
    assert crawl.returncode == 1, said
    assert re.search(rf"^{site_id} +failed +0 +0 +0 +0 +1$", said, re.M), said
    assert "larger than the 4194304-byte limit on http://127.0.0.1:" in said, said
