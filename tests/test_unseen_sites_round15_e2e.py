"""End to end: `fundwatch crawl` of round 15's hand-built UK funder layouts (tests/sites/README.md,
"Round 15"), served on loopback: a lottery distributor's "?page=2" finder, a community
foundation's icon-only key facts, a WordPress archive of ACF fields, a devolved government's
open and closed tables, a council article linking each call off-site, day-and-month deadlines, a
calendar of month tables and amounts per year and per head. Each stores every call with the
values its expected.yaml gives.

Apart from tests/test_unseen_sites_e2e.py (near its length limit); the crawl and checks are
tests/unseen_crawl.py's."""

from __future__ import annotations

import pytest

from tests.unseen_crawl import check_stored, crawl_sites

pytestmark = pytest.mark.slow

CRAWLED = [
    "lottery_programme_finder",
    "cf_icon_key_facts",
    "acf_grant_programme_archive",
    "devolved_caption_tables",
    "council_offsite_article",
    "ddmm_deadline_updated_line",
    "calendar_month_tables",
    "per_year_per_head_amounts",
]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    yield from crawl_sites(CRAWLED, tmp_path_factory.mktemp("round15"))


def test_every_source_crawls_ok_and_the_pagers_were_followed(crawled):
    sites, crawl, _, _ = crawled
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr
    lottery = [(hit.path, hit.status) for hit in sites["lottery_programme_finder"].hits]
    assert ("/funding/programmes?page=2", 200) in lottery
    trust = [(hit.path, hit.status) for hit in sites["acf_grant_programme_archive"].hits]
    assert ("/grant-programme/page/2/", 200) in trust


@pytest.mark.parametrize("site_id", CRAWLED)
def test_each_call_is_stored_as_expected(crawled, site_id):
    check_stored(crawled, site_id)
