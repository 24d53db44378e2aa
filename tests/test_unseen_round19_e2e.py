"""End to end: `fundwatch crawl` of round 19's feeds and headless-CMS APIs (tests/sites/README.md,
"Round 19"), served on loopback, all eight in one crawl: Directus, a Sanity GROQ query, Prismic,
WordPress REST with `_embed`, an RSS feed with no pubDate and its facts in a CDATA table, an Atom
feed with only `<published>` and several links an entry, Kontent.ai's linked items and Storyblok's
resolved relations. Each stores every call with the values its expected.yaml gives.

The crawl and checks are tests/unseen_crawl.py's."""

from __future__ import annotations

import pytest

from tests.unseen_crawl import asked, check_stored, crawl_sites

pytestmark = pytest.mark.slow

CRAWLED = [
    "directus_items_offset",
    "sanity_groq_query",
    "prismic_rich_text",
    "wp_rest_embed_terms",
    "rss_cdata_table_nodate",
    "atom_published_links",
    "kontent_linked_items",
    "storyblok_resolved_rels",
]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    yield from crawl_sites(CRAWLED, tmp_path_factory.mktemp("round19"))


def test_every_source_crawls_ok_and_every_page_was_read(crawled):
    sites, crawl, _, _ = crawled
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr
    # Each pager to its end: Directus's empty page past the last offset, WordPress's 400 past its
    # last page, Prismic's and Kontent.ai's next_page to the last ("" on Kontent.ai's), Storyblok's
    # empty page.
    directus = [path for path, status in asked(sites["directus_items_offset"]) if status == 200]
    assert any(path.endswith("&offset=6") for path in directus), directus
    wordpress = asked(sites["wp_rest_embed_terms"])
    assert wordpress[-1][1] == 400 and wordpress[-1][0].endswith("&page=4"), wordpress
    assert asked(sites["prismic_rich_text"])[-1][0].endswith("&page=3")
    assert asked(sites["kontent_linked_items"])[-1][0].endswith("&skip=4")
    assert asked(sites["storyblok_resolved_rels"])[-1][0].endswith("&page=4")


@pytest.mark.parametrize("site_id", CRAWLED)
def test_each_call_is_stored_as_expected(crawled, site_id):
    check_stored(crawled, site_id)
