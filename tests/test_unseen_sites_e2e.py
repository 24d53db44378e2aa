"""End to end: `fundwatch crawl` (a real Scrapy crawl) of hand-built sites fundwatch had never
seen, served on loopback (tests/sites/), then what `export --format json` and the repository hold.

CRAWLED names sites from every round, chosen for what only a crawl shows: pagers and cursors
followed to their end (a 400 or an empty page past it, a disabled "Next", a head's <link
rel="next">, RFC 5005 feeds, GraphQL variables), redirects, meta refreshes and 429s, detail pages
(another host's too), click-tracking links unwrapped, a call listed twice stored once. What each
site is and why it was built is in tests/sites/README.md, round by round. Each stores every call
with the values its expected.yaml gives.
"""

from __future__ import annotations

import pytest

from tests.unseen_crawl import asked, check_stored, crawl_sites

pytestmark = pytest.mark.slow

CRAWLED = [
    "wp_rest_pages",
    "base_href_next",
    "welsh_bilingual",
    "drupal_views_table",
    "atom_updated_only",
    "umbraco_rowspan_table",
    "nextjs_next_data",
    "jsonld_grants",
    "cursor_token_api",
    "rss_content_encoded",
    "cp1252_meta_refresh",
    "details_accordion",
    "odata_next_link",
    "br_lines_facts",
    "tr_rows_dl_detail",
    "atom_xml_base",
    "rss_dc_date",
    "csv_published_sheet",
    "webforms_postback",
    "microdata_cards",
    "algolia_search",
    "jadu_directory_429",
    "json_feed_gzip",
    "sharepoint_listdata",
    "localgov_drupal_fields",
    "ghost_rss_midday",
    "salesforce_records_api",
    "bom_charset_mismatch",
    "nuxt_data_payload",
    "initial_state_script",
    "numbered_pager_only",
    "govuk_summary_list_detail",
    "epoch_ms_offset_api",
    "deadline_first_table",
    "rss_detail_deadline",
    "csv_header_line3",
    "drf_cursor_next",
    "other_host_detail",
    "plain_xml_api",
    "hal_embedded_api",
    "th_row_ticks",
    "start_query_next",
    "tabpanel_heritage",
    "key_dates_table",
    "rss_category_ev_enddate",
    "base_href_detail_path",
    "json_ddmmyyyy_value",
    "liferay_asset_publisher",
    "funnelback_redirect_results",
    "countdown_badge_dates",
    "hubspot_blog_tag",
    "govdelivery_bulletin",
    "atom_rfc5005_paged",
    "graphql_get_cursor",
    "contentful_linked_funder",
    "strapi_v4_rest",
    "detail_three_layouts",
    "key_info_aside",
    "title_amount_parens_pdf",
    "timeline_month_items",
    "events_manager_window",
    "welsh_first_twin_pages",
    "jsonld_detail_pages",
    "bootstrap_grid_labels",
    "featured_strip_duplicate",
    "text_hygiene_entities",
    "head_link_rel_next",
    "sitefinity_news_list",
]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    yield from crawl_sites(CRAWLED, tmp_path_factory.mktemp("unseen"))


def test_every_source_crawls_ok_with_no_problem(crawled):
    _, crawl, _, _ = crawled
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr
    for site_id in CRAWLED:
        assert f"{site_id} failed" not in crawl.stdout
    # The WordPress API's 400 past its last page is the end of the listing, not a failure.
    assert "HTTP 400" not in crawl.stdout + crawl.stderr


def test_the_past_the_end_page_was_asked_and_the_301_followed(crawled):
    sites, _, _, _ = crawled
    wordpress = asked(sites["wp_rest_pages"])
    assert ("/wp-json/wp/v2/grant?per_page=2&page=3", 400) in wordpress
    council = asked(sites["base_href_next"])
    assert ("/grants/directory", 301) in council and ("/grants/directory/?pg=2", 200) in council


def test_the_cursor_and_the_meta_refresh_were_followed(crawled):
    sites, _, _, _ = crawled
    hub = asked(sites["cursor_token_api"])
    assert ("/api/v2/opportunities?limit=3&cursor=eyJhZnRlciI6MTAwM30", 200) in hub
    council = asked(sites["cp1252_meta_refresh"])
    assert ("/council/grants/CurrentGrants.asp", 200) in council


def test_the_odata_next_link_and_the_read_more_pages_were_followed(crawled):
    sites, _, _, _ = crawled
    odata = asked(sites["odata_next_link"])
    assert ("/odata/v4/GrantCalls?$top=2&$skip=2", 200) in odata
    council = asked(sites["tr_rows_dl_detail"])
    assert ("/funding-directory/warm-homes-outreach", 200) in council
    salesforce = asked(sites["salesforce_records_api"])
    assert ("/grants/services/apexrest/v1/rounds?after=01gQ800000Hk2XbIAJ-2", 200) in salesforce
    ghost = asked(sites["ghost_rss_midday"])
    assert ("/rss", 301) in ghost and ("/rss/", 200) in ghost
    jadu = asked(sites["jadu_directory_429"])
    page_2 = "/directory/17/funding_directory?page=2"
    assert (page_2, 429) in jadu and (page_2, 200) in jadu


def test_numbered_pages_were_asked_to_the_empty_one_past_the_end(crawled):
    sites, _, _, _ = crawled
    council = asked(sites["numbered_pager_only"])
    pages = [f"/community/grants-directory?page={n}" for n in (1, 2, 3, 4)]
    assert [(page, 200) for page in pages] == [hit for hit in council if "?page=" in hit[0]]


def test_the_offsets_were_asked_to_the_empty_page_and_the_detail_pages_read(crawled):
    sites, _, _, db = crawled
    portal = asked(sites["epoch_ms_offset_api"])
    pages = [f"/api/v1/calls?limit=2&offset={n}" for n in (0, 2, 4, 6)]
    assert [(page, 200) for page in pages] == [hit for hit in portal if "offset=" in hit[0]]
    council = asked(sites["govuk_summary_list_detail"])
    assert ("/grants/high-street-heritage", 200) in council
    # The flag and the epoch dates decide the status: false with an opening date to come is
    # upcoming, false with none to come closed.
    statuses = {row["title"]: row["status"] for row in db["opportunities"].rows}
    assert statuses["Community Energy Accelerator"] == "upcoming"
    assert statuses["Food Waste Reduction Fund"] == "closed"


def test_the_feeds_item_pages_and_the_cursor_url_were_followed(crawled):
    sites, _, _, _ = crawled
    arts = asked(sites["rss_detail_deadline"])
    for slug in ("creative-places-2027", "libraries-digital-makers", "festival-seed-fund"):
        assert (f"/opportunities/{slug}", 200) in arts  # utm_ tracking left off
    hub = asked(sites["drf_cursor_next"])
    cursor = "/v1/calls/?cursor=cD0yMDI2LTExLTEyKzEwJTNBMDAlM0EwMCUyQjAwJTNBMDA%3D"
    assert ("/v1/calls/", 200) in hub and (cursor, 200) in hub
    portal = asked(sites["other_host_detail"].other)
    assert ("/programme/together-for-climate", 200) in portal


def test_the_xml_next_element_and_the_hal_relative_next_were_followed(crawled):
    sites, _, _, _ = crawled
    export = asked(sites["plain_xml_api"])
    assert ("/api/grant-schemes.xml?page=2", 200) in export
    research = asked(sites["hal_embedded_api"])
    assert ("/v2/grants?page=1&size=2", 200) in research


def test_the_base_href_folders_pages_and_the_absolute_next_were_followed(crawled):
    sites, _, _, _ = crawled
    council = asked(sites["base_href_detail_path"])
    for path in (
        "current/high-street-facades.aspx",
        "current/play-areas.aspx",
        "archive/sports-kit-2026.aspx",
    ):  # relative to <base href>, not to /grants
        assert (f"/content/funding/{path}", 200) in council
    arts = asked(sites["json_ddmmyyyy_value"])
    assert ("/api/v1/funds?page=2", 200) in arts


def test_a_bare_query_next_link_and_the_tabbed_pages_were_followed(crawled):
    sites, _, _, _ = crawled
    charity = asked(sites["start_query_next"])
    assert ("/grants/our-grants?start=20", 200) in charity  # "Next ›" whose href is "?start=20"
    heritage = asked(sites["tabpanel_heritage"])
    for slug in ("heritage-places", "small-heritage-grants", "archives-at-risk"):
        assert (f"/our-grants/{slug}/", 200) in heritage  # verdicts from each page's tab panel


def test_disabled_next_links_end_the_listing_and_tracking_links_are_unwrapped(crawled):
    sites, _, _, _ = crawled
    blog = asked(sites["hubspot_blog_tag"])
    assert ("/news/tag/open-calls/page/2", 200) in blog
    assert not [hit for hit in blog if hit[0].endswith("/page/3")]  # the disabled Next: a 404
    growth = asked(sites["liferay_asset_publisher"])
    assert len([hit for hit in growth if hit[0].startswith("/web/guest/funding?")]) == 1
    council = asked(sites["funnelback_redirect_results"])
    assert ("/funding/village-green-spaces-fund", 200) in council  # the page, not its redirect
    assert not [hit for hit in council if hit[0].startswith("/s/redirect")]


def test_the_paged_feed_and_the_graphql_cursor_were_followed_to_the_end(crawled):
    sites, _, _, _ = crawled
    feed = asked(sites["atom_rfc5005_paged"])
    for path in ("/funding/feed.atom", "/funding/feed.atom?page=2", "/funding/feed.atom?page=3"):
        assert (path, 200) in feed
    graphql = [path for path, _ in asked(sites["graphql_get_cursor"]) if "variables=" in path]
    # The cursor in the variables JSON: the first page with none, then each endCursor in turn.
    for cursor in ("null", "%22YXJyYXljb25uZWN0aW9uOjE%3D%22", "%22YXJyYXljb25uZWN0aW9uOjM%3D%22"):
        assert any(path.endswith(f"%22after%22%3A{cursor}%7D") for path in graphql), cursor
    strapi = asked(sites["strapi_v4_rest"])
    assert (
        "/api/grant-calls?populate=funder&pagination%5BpageSize%5D=2&pagination%5Bpage%5D=3",
        200,
    ) in strapi


def test_the_head_link_and_the_pager_were_followed_and_a_call_listed_twice_stored_once(crawled):
    sites, _, _, db = crawled
    arts = asked(sites["head_link_rel_next"])
    assert ("/opportunities/page/2/", 200) in arts  # only <link rel="next"> leads there
    council = asked(sites["sitefinity_news_list"])
    assert ("/community/funding-news/page/2", 200) in council
    trust = sites["featured_strip_duplicate"].base_url
    stored = sorted(row["url"] for row in db["opportunities"].rows if row["url"].startswith(trust))
    assert [url.removeprefix(trust) for url in stored] == [
        "/grants/green-spaces-for-all",  # and not again as ?ref=featured
        "/grants/heritage-skills",
        "/grants/river-access",
    ]


@pytest.mark.parametrize("site_id", CRAWLED)
def test_each_call_is_stored_as_expected(crawled, site_id):
    check_stored(crawled, site_id)
