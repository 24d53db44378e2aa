"""End to end: `fundwatch crawl` of round 25's paging and listing mechanics (tests/sites/README.md,
"Round 25"), served on loopback, all eight in one crawl: a finder paged by ?offset=&limit= numbered
links (137 calls), a WordPress archive whose last "Next" wraps to page 1, a newest-first listing
whose page 1's last call is page 2's first, 42 pages whose server falters past page 30, an API
paged by its Link header and one by page/total_pages that clamps past the end, a "Load more" of
JSON holding HTML, and one call under two category paths. Each stores every call once, with the
values its expected.yaml gives; only the faltering site fails, naming its page.

Then the faltering site alone, three crawls: one whole, one that cannot read past page 35 (which
must withdraw nothing it could not see, DESIGN's `removed` rule), and one complete that no longer
lists page 42 (which withdraws those three: the rule is not vacuous here). The crawl and checks are
tests/unseen_crawl.py's."""

from __future__ import annotations

import re

import pytest

from tests.crawl_helpers import fundwatch, write_config
from tests.unseen_crawl import asked, check_stored, crawl_sites
from tests.unseen_serving import loopback_entry, serve
from tests.unseen_sites import SITES_DIR

pytestmark = pytest.mark.slow

CRAWLED = [
    "offset_numbered_showing",
    "path_pager_wraps_first",
    "newest_first_page_shift",
    "deep_pager_500s",
    "api_link_header_cursor",
    "api_total_pages_clamped",
    "load_more_json_html",
    "category_twin_paths",
]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    yield from crawl_sites(CRAWLED, tmp_path_factory.mktemp("round25"))


def test_only_the_faltering_site_fails_naming_its_page(crawled):
    _, crawl, _, db = crawled
    said = crawl.stdout + crawl.stderr
    assert crawl.returncode == 1, said
    assert re.search(
        r"deep_pager_500s failed: HTTP 500 on http://127\.0\.0\.1:\d+/grants\?page=36", said
    )
    for site_id in CRAWLED:
        assert (f"{site_id} failed" in said) == (site_id == "deep_pager_500s"), said
    # Every call once: the moved call, the category twin and the clamped page add none.
    counts = {"offset_numbered_showing": 137, "newest_first_page_shift": 11, "deep_pager_500s": 105}
    for site_id, count in counts.items():
        assert (
            db.execute("select count(*) from listings where source_id = ?", [site_id]).fetchone()[0]
            == count
        ), site_id


def test_each_page_was_asked_once_and_the_flaky_ones_again(crawled):
    sites = crawled[0]
    offsets = asked(sites["offset_numbered_showing"])
    for offset in range(0, 160, 20):  # to the empty page past the end
        assert offsets.count((f"/funding-finder?limit=20&offset={offset}", 200)) == 1
    wraps = asked(sites["path_pager_wraps_first"])
    assert wraps.count(("/funding/page/1/", 301)) == 1 and wraps.count(("/funding/", 200)) == 1
    deep = asked(sites["deep_pager_500s"])
    for page in (31, 33):  # a 500, then the page
        assert [s for p, s in deep if p == f"/grants?page={page}"] == [500, 200]
    assert [s for p, s in deep if p == "/grants?page=36"] == [500, 500, 500]  # asked, retried twice
    assert not [p for p, _ in deep if p == "/grants?page=37"]
    link = [p for p, _ in asked(sites["api_link_header_cursor"]) if p != "/robots.txt"]
    assert link == [
        "/v1/funding-calls?per_page=4",
        "/v1/funding-calls?per_page=4&cursor=eyJpZCI6MTA0fQ",
        "/v1/funding-calls?per_page=4&cursor=eyJpZCI6MTA4fQ",
    ]
    more = [p for p, _ in asked(sites["load_more_json_html"]) if p != "/robots.txt"]
    assert more == ["/grants/", "/grants/load-more?offset=4", "/grants/load-more?offset=8"]


@pytest.mark.parametrize("site_id", CRAWLED)
def test_each_call_is_stored_as_expected(crawled, site_id):
    check_stored(crawled, site_id)


def _summary(crawl, site_id: str) -> list[str]:
    """The site's row of the crawl's summary table: outcome, items, new, changed, removed, errors."""
    row = next(line for line in crawl.stdout.splitlines() if line.startswith(site_id + " "))
    return row.split()[1:]


def test_a_run_that_could_not_read_past_page_35_withdraws_nothing(tmp_path):
    site = serve("deep_pager_500s")
    try:
        config = write_config(tmp_path / "config", [loopback_entry("deep_pager_500s", site)])
        db = tmp_path / "fundwatch.db"
        page_36 = (SITES_DIR / "deep_pager_500s" / "page-36.html").read_bytes()
        site.add("/grants?page=36", page_36)  # the whole listing, once
        whole = fundwatch("crawl", config=config, db=db)
        assert _summary(whole, "deep_pager_500s") == ["ok", "126", "126", "0", "0", "0"]

        site.add("/grants?page=36", "", status=500)  # pages 36 to 42 out of reach
        progress = {"FUNDWATCH_CRAWL_PROGRESS": "600"}  # no line meanwhile; the last one at the end
        broken = fundwatch("crawl", config=config, db=db, env=progress)
        assert broken.returncode == 1
        assert _summary(broken, "deep_pager_500s") == ["failed", "105", "0", "0", "0", "1"]
        # A long crawl says how far it got, and the summary says what failed.
        assert "deep_pager_500s: done, 36 pages, 105 items, 1 problem" in broken.stderr
        assert "deep_pager_500s failed: HTTP 500 on" in broken.stdout

        # The control: a complete crawl whose page 41 no longer links page 42 withdraws its three.
        site.add("/grants?page=36", page_36)
        last = (SITES_DIR / "deep_pager_500s" / "page-41.html").read_text("utf-8")
        site.add(
            "/grants?page=41",
            re.sub(r'<li class="pager__item pager__item--next">.*?</li>', "", last),
        )
        shorter = fundwatch("crawl", config=config, db=db)
        assert _summary(shorter, "deep_pager_500s") == ["ok", "123", "0", "0", "3", "0"]
    finally:
        site.stop()


def _stamped(site, stamp: str) -> None:
    """newest_first_page_shift as a CMS that puts a cache-buster on every link it writes, a new
    one with every answer: each page served at its stamped address, its links stamped."""
    folder = SITES_DIR / "newest_first_page_shift"
    for path, name in [("/funding-news", "page-1.html"), ("/funding-news?page=2", "page-2.html")]:
        body = (folder / name).read_text("utf-8")
        body = re.sub(
            r'href="(/funding-news[^"]*)"',
            lambda link: f'href="{link[1]}{"&" if "?" in link[1] else "?"}_={stamp}"',
            body,
        )
        site.add(path, body)
        site.add(f"{path}{'&' if '?' in path else '?'}_={stamp}", body)
    page_3 = (folder / "page-3.html").read_text("utf-8")
    site.add(f"/funding-news?page=3&_={stamp}", page_3)


def test_links_with_a_fresh_cache_buster_each_answer_are_the_same_calls(tmp_path):
    # Before: the second crawl's 11 calls were all new, and the first crawl's 11 withdrawn.
    site = serve("newest_first_page_shift")
    try:
        config = write_config(
            tmp_path / "config", [loopback_entry("newest_first_page_shift", site)]
        )
        db = tmp_path / "fundwatch.db"
        _stamped(site, "1764061200123")
        first = fundwatch("crawl", config=config, db=db)
        assert _summary(first, "newest_first_page_shift") == ["ok", "11", "11", "0", "0", "0"]
        _stamped(site, "1764064800456")
        again = fundwatch("crawl", config=config, db=db)
        assert _summary(again, "newest_first_page_shift") == ["ok", "11", "0", "0", "0", "0"]
        assert "/funding-news?page=2&_=1764064800456" in site.paths(200)
    finally:
        site.stop()
