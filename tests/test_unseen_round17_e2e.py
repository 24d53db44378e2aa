"""End to end: `fundwatch crawl` of round 17's modern front-ends (tests/sites/README.md, "Round
17"), served on loopback: Tailwind utility classes, CSS-modules hashed classes, a Next.js App Router
page with its flight chunks, an Astro island's props beside its HTML, a Power Pages entity list and
a Google Sites page. Each stores every call with the values its expected.yaml gives.

Apart from tests/test_unseen_sites_e2e.py (at its length limit); the crawl and checks are
tests/unseen_crawl.py's."""

from __future__ import annotations

import pytest

from tests.unseen_crawl import asked, check_stored, crawl_sites

pytestmark = pytest.mark.slow

CRAWLED = [
    "tailwind_utility_cards",
    "css_modules_hashed",
    "nextjs_rsc_flight",
    "astro_island_props",
    "power_pages_entitylist",
    "google_sites_sections",
]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    yield from crawl_sites(CRAWLED, tmp_path_factory.mktemp("round17"))


def test_every_source_crawls_ok_and_the_pagers_were_followed(crawled):
    sites, crawl, _, _ = crawled
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr
    assert ("/grants?page=2", 200) in asked(sites["tailwind_utility_cards"])
    portal = asked(sites["power_pages_entitylist"])
    assert ("/funding/?page=2", 200) in portal
    # The last page's disabled "›" (href="#") ends the listing: page 2 is asked once.
    assert portal.count(("/funding/?page=2", 200)) == 1


@pytest.mark.parametrize("site_id", CRAWLED)
def test_each_call_is_stored_as_expected(crawled, site_id):
    check_stored(crawled, site_id)
