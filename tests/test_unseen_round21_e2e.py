"""End to end: `fundwatch crawl` of round 21's UK funder listing habits (tests/sites/README.md,
"Round 21"), served on loopback, all eight in one crawl: cards under status headings, Bootstrap
status tabs, GOV.UK Frontend tabs with a "Future rounds" panel, a sports council's finder whose
facts are named by icons, an NHS charity's calls table with merged cells, detail pages with an "At
a glance" box of icon images, a council's page of external funders' calls, and a foundation's
funds whose deadlines are their rounds. Each stores every call with the values its expected.yaml
gives.

The crawl and checks are tests/unseen_crawl.py's."""

from __future__ import annotations

import pytest

from tests.unseen_crawl import asked, check_stored, crawl_sites

pytestmark = pytest.mark.slow

CRAWLED = [
    "status_heading_groups",
    "bootstrap_status_tabs",
    "govuk_tabs_future_rounds",
    "icon_label_finder",
    "strands_merged_cells",
    "at_a_glance_icons",
    "council_external_funders",
    "round_deadlines_list",
]

GLANCE_PAGES = [
    "village-green-spaces",
    "rural-broadband-vouchers",
    "heritage-skills-bursaries",
    "flood-resilience-community-fund",
    "young-farmers-enterprise-grants",
]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    yield from crawl_sites(CRAWLED, tmp_path_factory.mktemp("round21"))


def test_every_source_crawls_ok_and_each_page_was_asked_once(crawled):
    sites, crawl, _, _ = crawled
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr
    finder = asked(sites["icon_label_finder"])
    assert finder.count(("/funding/finder?sport=all&page=2", 200)) == 1
    glance = asked(sites["at_a_glance_icons"])
    for slug in GLANCE_PAGES:
        assert glance.count((f"/our-funds/{slug}/", 200)) == 1, slug
    # The council's calls link off-site: nothing but its one page (and robots.txt) is asked.
    council = asked(sites["council_external_funders"])
    assert [path for path, _ in council if path != "/robots.txt"] == [
        "/community/grants-and-funding"
    ]


@pytest.mark.parametrize("site_id", CRAWLED)
def test_each_call_is_stored_as_expected(crawled, site_id):
    check_stored(crawled, site_id)
