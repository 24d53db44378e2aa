"""End to end: `fundwatch crawl` of round 26's grant-portal and UK public-sector shapes
(tests/sites/README.md, "Round 26"), served on loopback, all eight in one crawl: a foundation's
programme cards linking its grants portal, a council page's list read at its <iframe>'s address
on the CVS's host, a Scottish council's "12 noon (GMT)" and pence, a GOV.UK guidance page's <h3>
sections of prose, a listing paged only by a <select> jump menu, a UTF-8 page its host labels
ISO-8859-1, a Welsh-first council's English pages by ?lang=en and a grants portal's table of
times in "GMT Standard Time". Each stores every call with the values its expected.yaml gives.

The crawl and checks are tests/unseen_crawl.py's."""

from __future__ import annotations

import pytest

from tests.unseen_crawl import asked, check_stored, crawl_sites

pytestmark = pytest.mark.slow

CRAWLED = [
    "portal_programme_cards",
    "iframe_embedded_grants",
    "scottish_council_noon",
    "govuk_guidance_h3_sections",
    "select_jump_pager",
    "utf8_labelled_latin1",
    "welsh_lang_query_cards",
    "gms_windows_zone_table",
]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    yield from crawl_sites(CRAWLED, tmp_path_factory.mktemp("round26"))


def test_every_source_crawls_ok_and_each_page_was_asked_once(crawled):
    sites, crawl, _, _ = crawled
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr
    # The jump menu's pages, each once, and never the first again from page 2's menu.
    pager = [path for path, _ in asked(sites["select_jump_pager"]) if path != "/robots.txt"]
    assert pager == ["/business/grants", "/business/grants?page=2", "/business/grants?page=3"]
    # The entry reads the frame's address on the CVS's host: the council's page is never asked,
    # nor the portal the programme cards link to.
    council = [path for path, _ in asked(sites["iframe_embedded_grants"]) if path != "/robots.txt"]
    assert council == []
    frame = asked(sites["iframe_embedded_grants"].other)
    assert frame.count(("/embed/listing?area=dunmere&theme=council", 200)) == 1
    portal = [path for path, _ in asked(sites["portal_programme_cards"]) if path != "/robots.txt"]
    assert portal == ["/funding/programmes/"]


@pytest.mark.parametrize("site_id", CRAWLED)
def test_each_call_is_stored_as_expected(crawled, site_id):
    check_stored(crawled, site_id)
