"""End to end: `fundwatch crawl` of round 41's sites (tests/sites/README.md, "Round 41"), served on
loopback, all five in one crawl: a community foundation's funds as paragraphs of prose only, a
combined authority's competitions whose deadlines count from each card's launch date (two pages),
an NHS charity's cards whose facts sit in native <dialog>s, a town council's grants whose
deadlines are weekdays of a month ("the last Friday of January 2027"), and a county council's
cards whose facts are in Bootstrap modals after the card grid. Each stores every call with the
values its expected.yaml gives.

The crawl and checks are tests/unseen_crawl.py's."""

from __future__ import annotations

import pytest

from tests.unseen_crawl import asked, check_stored, crawl_sites

pytestmark = pytest.mark.slow

CRAWLED = [
    "prose_paragraph_funds",
    "launch_relative_deadlines",
    "dialog_modal_facts",
    "weekday_of_month_deadlines",
    "bootstrap_modals_apart",
]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    yield from crawl_sites(CRAWLED, tmp_path_factory.mktemp("round41"))


def test_every_source_crawls_ok_and_each_page_was_asked_once(crawled):
    sites, crawl, _, _ = crawled
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr
    for site_id, site in sites.items():
        pages = [path for path, _ in asked(site)]
        assert len(pages) == len(set(pages)), (site_id, pages)
        assert {status for _, status in asked(site)} == {200}, site_id
    # The competitions' two pages by rel="next"; the others are one page each (their calls link
    # to the page's own sections, or to pages a listing without `detail` does not read).
    competitions = [p for p, _ in asked(sites["launch_relative_deadlines"]) if p != "/robots.txt"]
    assert competitions == ["/funding/competitions", "/funding/competitions?page=1"]
    for site_id in CRAWLED[:1] + CRAWLED[2:]:
        assert len([p for p, _ in asked(sites[site_id]) if p != "/robots.txt"]) == 1, site_id


@pytest.mark.parametrize("site_id", CRAWLED)
def test_each_call_is_stored_as_expected(crawled, site_id):
    check_stored(crawled, site_id)
