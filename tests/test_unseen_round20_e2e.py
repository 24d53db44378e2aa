"""End to end: `fundwatch crawl` of round 20's links and addresses and pages that fight back
(tests/sites/README.md, "Round 20"), all eight served on loopback and crawled together: session
ids, an email's tracking, Mailchimp's click trackers (on a second loopback host), Liferay's
_redirect, canonical links, an https page's mixed links, an endless calendar with a page gone, and
3 MB of inline pictures. Each stores every call once, at its clean address, with the values its
expected.yaml gives; no subscriber's or session's id is stored anywhere."""

from __future__ import annotations

import pytest

from tests.unseen_crawl import asked, check_stored, crawl_sites
from tests.unseen_sites import expected

pytestmark = pytest.mark.slow

CRAWLED = [
    "session_id_links",
    "newsletter_tracking_params",
    "mailchimp_archive_clicks",
    "liferay_redirect_links",
    "canonical_detail_links",
    "mixed_scheme_hrefs",
    "calendar_month_trap",
    "base64_images_page",
]
PERSONAL = ("e=7d3f", "mc_eid", "_hsenc", "_hsmi", "PHPSESSID", "jsessionid", "sid=", "_redirect")


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    yield from crawl_sites(CRAWLED, tmp_path_factory.mktemp("round20"))


def test_the_crawl_fails_nothing_and_stores_each_call_once_with_no_personal_id(crawled):
    _, crawl, _, db = crawled
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr
    # One row a call: the same call by two links (two trackers, two portlets, a featured result,
    # http and https, two session ids) is one (each expected call is found by check_stored).
    urls = [row["url"] for row in db["opportunities"].rows]
    assert len(urls) == sum(len(expected(site_id)["items"]) for site_id in CRAWLED)
    assert not [url for url in urls if any(mark in url for mark in PERSONAL)]
    assert "Festive Lights Grants" not in [row["title"] for row in db["opportunities"].rows]


def test_trackers_are_asked_without_the_subscriber_and_the_calendar_ends(crawled):
    sites = crawled[0]
    trackers = [path for path, _ in asked(sites["mailchimp_archive_clicks"].other)]
    assert len([path for path in trackers if path.startswith("/track/click")]) == 5
    assert not [path for path in trackers if "e=" in path]
    # Each tracker's Location is the address: no fund page is fetched to learn it.
    assert not [path for path, _ in asked(sites["mailchimp_archive_clicks"]) if "grants" in path]
    calendar = [path for path, _ in asked(sites["calendar_month_trap"])]
    assert "/funding/calendar/2027/08/" in calendar
    assert "/funding/calendar/2027/09/" not in calendar
    assert ("/funding/opportunities/festive-lights-grants/", 410) in asked(
        sites["calendar_month_trap"]
    )


@pytest.mark.parametrize("site_id", CRAWLED)
def test_each_call_is_stored_as_expected(crawled, site_id):
    check_stored(crawled, site_id)
