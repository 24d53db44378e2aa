"""End to end: a real `fundwatch crawl` of two hand-built sites (tests/sites/merge_department_list and
merge_delivery_body) served on loopback, a department's list and its delivery body's competitions
listing overlapping schemes in different words, into one repository. The twins are one opportunity
each ("(PSDS) Phase 4: prospectus" / "phase four", "round 2 – apply now" / "second round", "R2" /
"round two", "The … Scheme (HNES)" closing 31 March / "… Programme" closing 1 April); the near
misses stay apart (the fund's round three with the same deadline, another Warm Homes scheme).
Round 13 adds a third site, the department's news (tests/sites/merge_news_desk): headlines with no
deadline that name two of those calls in a sentence or by initials ("PSDS Phase 4 opens to
councils", "Government launches £450 million Warm Homes: Local Grant") join their opportunities;
a winners story and another round's initials ("CEF round 4") stay apart."""

from __future__ import annotations

import json

import pytest

from tests.unseen_crawl import crawl_sites

pytestmark = pytest.mark.slow

DEPARTMENT, DELIVERY, NEWS = "merge_department_list", "merge_delivery_body", "merge_news_desk"
# Each opportunity's listings, by page path on each site.
ONE_POT = [
    ("/funding/psds-phase-4", "/competitions/psds-4"),
    ("/funding/ghnf-round-2", "/competitions/ghnf-2"),
    ("/funding/community-energy-fund-r2", "/competitions/cef-2"),
    ("/funding/hnes", "/competitions/hnep"),
]
APART = ["/funding/warm-homes-local-grant", "/competitions/warm-homes-shf", "/competitions/cef-3"]
# News stories and the department's listing of the call each names.
IN_THE_NEWS = [
    ("/news/psds-4-opens", "/funding/psds-phase-4"),
    ("/news/warm-homes-local-grant", "/funding/warm-homes-local-grant"),
]
NEWS_APART = ["/news/ghnf-2-winners", "/news/cef-r4"]


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    folder = tmp_path_factory.mktemp("merge12")
    for _, crawl, _, repository in crawl_sites([DEPARTMENT, DELIVERY, NEWS], folder):
        assert crawl.returncode == 0, crawl.stdout + crawl.stderr
        yield list(repository["opportunities"].rows), list(repository["listings"].rows)


def _opportunity_of(listings: list[dict], path: str) -> str:
    found = [row["opportunity_id"] for row in listings if row["url"].endswith(path)]
    assert len(found) == 1, (path, [row["url"] for row in listings])
    return found[0]


def test_fifteen_listings_are_nine_opportunities(stored):
    opportunities, listings = stored
    assert len(listings) == 15
    assert len(opportunities) == 9, sorted(o["title"] for o in opportunities)


def test_each_twin_shares_one_opportunity_listed_by_both_sources(stored):
    opportunities, listings = stored
    by_id = {o["id"]: o for o in opportunities}
    for department_path, delivery_path in ONE_POT:
        shared = _opportunity_of(listings, department_path)
        assert _opportunity_of(listings, delivery_path) == shared, (department_path, delivery_path)
        # (and the news's, where a story names it: below)
        assert {DEPARTMENT, DELIVERY} <= set(json.loads(by_id[shared]["source_ids"]))


def test_the_near_misses_each_stay_their_own_opportunity(stored):
    _, listings = stored
    ids = [_opportunity_of(listings, path) for path in APART]
    twins = {_opportunity_of(listings, path) for pair in ONE_POT for path in pair}
    assert len(set(ids)) == len(APART) and not set(ids) & twins


def test_a_headline_naming_a_call_joins_its_opportunity(stored):
    opportunities, listings = stored
    by_id = {o["id"]: o for o in opportunities}
    for news_path, department_path in IN_THE_NEWS:
        shared = _opportunity_of(listings, department_path)
        assert _opportunity_of(listings, news_path) == shared, (news_path, department_path)
        assert NEWS in json.loads(by_id[shared]["source_ids"])


def test_a_winners_story_and_another_rounds_initials_stay_apart(stored):
    _, listings = stored
    ids = {_opportunity_of(listings, path) for path in NEWS_APART}
    others = {row["opportunity_id"] for row in listings if "/news/" not in row["url"]}
    assert len(ids) == len(NEWS_APART) and not ids & others


# Round 20 (merge20): three sites crawled one after another into one repository, by `fundwatch crawl
# SOURCE`, in either order. A grants finder names programmes plainly; a funding portal names a
# stage, a strand, or the Welsh title; a CVS bulletin names the other stage and strand, and a pot with
# its funder in brackets and no funder line. The plain listing joins one stage or strand, never both.
FINDER, PORTAL, BULLETIN = "merge20_find_a_grant", "merge20_funding_portal", "merge20_cvs_bulletin"
ROUND20_ONE_POT = [
    ("/grants/local-heritage-fund", "/opportunities/cronfa-treftadaeth-leol"),
    ("/grants/community-ownership-fund", "/funding-bulletin/community-ownership"),
]
# Each pair: two stages or strands of one programme, whose plain listing is on the finder.
ROUND20_APART = [
    (
        "/opportunities/ghnf-stage-1",
        "/funding-bulletin/ghnf-stage-2",
        "/grants/green-heat-network-fund",
    ),
    (
        "/opportunities/swimming-pools-capital",
        "/funding-bulletin/swimming-pools-revenue",
        "/grants/swimming-pool-support-fund",
    ),
]


@pytest.fixture(scope="module", params=["plain first", "plain last"])
def stored20(request, tmp_path_factory):
    from tests.crawl_helpers import fundwatch, write_config
    from tests.unseen_crawl import LOOPBACK_DELAY
    from tests.unseen_serving import loopback_entry, serve

    order = [FINDER, PORTAL, BULLETIN]
    if request.param == "plain last":
        order.reverse()
    folder = tmp_path_factory.mktemp("merge20")
    sites = {site_id: serve(site_id) for site_id in order}
    try:
        entries = [loopback_entry(site_id, site) for site_id, site in sites.items()]
        config, db = write_config(folder / "config", entries), folder / "fundwatch.db"
        for source in order:
            crawl = fundwatch(
                "crawl", source, config=config, db=db, env={"FUNDWATCH_CRAWL_DELAY": LOOPBACK_DELAY}
            )
            assert crawl.returncode == 0, crawl.stdout + crawl.stderr
    finally:
        for site in sites.values():
            site.stop()
    import sqlite_utils

    repository = sqlite_utils.Database(db)
    return list(repository["opportunities"].rows), list(repository["listings"].rows)


def test_round20_ten_listings_are_six_opportunities(stored20):
    opportunities, listings = stored20
    assert len(listings) == 10
    assert len(opportunities) == 6, sorted(o["title"] for o in opportunities)


def test_round20_a_welsh_title_and_a_bracketed_funder_join_the_finders_listing(stored20):
    _, listings = stored20
    for finder_path, other_path in ROUND20_ONE_POT:
        assert _opportunity_of(listings, finder_path) == _opportunity_of(listings, other_path)


def test_round20_a_plain_listing_joins_one_stage_or_strand_never_both(stored20):
    # Before round 20 a stage named on one source only made no twin, and the strands none either;
    # with them joined, the finder's plain listing stored first took in Stage 1 and then Stage 2.
    _, listings = stored20
    for one, other, plain in ROUND20_APART:
        first, second = _opportunity_of(listings, one), _opportunity_of(listings, other)
        assert first != second, (one, other)
        assert _opportunity_of(listings, plain) in (first, second), plain
