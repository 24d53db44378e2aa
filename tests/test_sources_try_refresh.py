"""`sources try` follows a <meta http-equiv="refresh"> as a crawl does. A council's published
grants address is often only a refresh to its CMS page: the crawl stored its 3 calls while `sources
try` said "no items matched 'div.grantitem' on …/grants: the page layout may have changed", of a
page the curator could see the calls on. A saved refresh page says where it leads."""

from __future__ import annotations

from tests.crawl_helpers import fundwatch, write_config
from tests.unseen_serving import try_on_loopback
from tests.unseen_sites import SITES_DIR, entry

SITE = "cp1252_meta_refresh"


def test_try_reads_the_page_a_meta_refresh_leads_to(tmp_path):
    result, _ = try_on_loopback(SITE, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[0] == f"{SITE}: 3 item(s) from 1 page(s)"
    assert "“Love Where You Live” Environmental Grants – 2027" in result.stdout


def test_a_saved_refresh_page_says_where_it_leads(tmp_path):
    config = write_config(tmp_path / "config", [entry(SITE)])
    page = SITES_DIR / SITE / "grants-refresh.html"
    result = fundwatch(
        "sources", "try", SITE, "--file", str(page), config=config, db=tmp_path / "never.db"
    )
    assert result.returncode == 1
    assert (
        'this page is a <meta http-equiv="refresh"> to '
        "https://www.eastmoorbc.gov.uk/council/grants/CurrentGrants.asp: a crawl follows it; "
        "save that page, or try --url it" in result.stdout
    )
