"""`kind: sitemap` (spiders/sitemap.py): a sitemap's XML read as data only, and the entry's rules
(config/sitemap_entry.py). The whole crawl of such a site is tests/test_unseen_round38_e2e.py's."""

from __future__ import annotations

import gzip

import pytest
from pydantic import ValidationError

from config.models import Source
from spiders.sitemap_xml import NotASitemap, sitemap_links, unpacked

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
IMAGE = 'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"'


def test_a_urlsets_own_locs_are_read_not_its_images():
    body = (
        f'<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="/s.xsl"?><urlset {NS} {IMAGE}>'
        "<url><loc> https://x.org.uk/funding/a/ </loc><image:image><image:loc>https://x.org.uk/a.jpg"
        "</image:loc></image:image><lastmod>2026-11-02</lastmod></url>"
        "<url><image:image><image:loc>https://x.org.uk/b.jpg</image:loc></image:image>"
        "<loc>https://x.org.uk/funding/b/</loc></url></urlset><!-- Yoast -->"
    ).encode()
    assert sitemap_links(body) == (
        "urlset",
        ["https://x.org.uk/funding/a/", "https://x.org.uk/funding/b/"],
    )


def test_an_index_lists_its_sitemaps():
    body = f"<sitemapindex {NS}><sitemap><loc>https://x.org.uk/p.xml</loc></sitemap></sitemapindex>"
    assert sitemap_links(body.encode()) == ("sitemapindex", ["https://x.org.uk/p.xml"])


@pytest.mark.parametrize(
    "body",
    [
        # billion laughs: never expanded, refused before parsing
        '<?xml version="1.0"?><!DOCTYPE u [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        f"<urlset {NS}><url><loc>https://x.org.uk/&b;</loc></url></urlset>",
        # an external entity: no local file is read
        '<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        f"<urlset {NS}><url><loc>&x;</loc></url></urlset>",
        "<html><body>Not found</body></html>",
        "not xml at all <",
    ],
)
def test_what_is_no_plain_sitemap_is_refused(body):
    with pytest.raises(NotASitemap):
        sitemap_links(body.encode())


def test_a_gzipped_sitemap_unpacks_within_the_download_limit_only():
    small = f"<urlset {NS}></urlset>".encode()
    assert unpacked(gzip.compress(small), 1000) == small
    bomb = gzip.compress(b" " * 5_000_000)  # 5 MB of spaces in a few kB
    with pytest.raises(NotASitemap, match="download limit"):
        unpacked(bomb, 1_000_000)
    assert unpacked(small, 10) == small  # not gzipped: as it came (Scrapy held it to the limit)


BASE = {"id": "s", "kind": "sitemap", "urls": ["https://x.org.uk/sitemap.xml"]}


def test_a_sitemap_entry_needs_its_match_and_a_detail_title():
    good = {**BASE, "match": "/funding/[^/]+/$", "detail": {"fields": {"title": "h1::text"}}}
    assert Source.model_validate(good).match == "/funding/[^/]+/$"
    with pytest.raises(ValidationError, match="needs 'match'"):
        Source.model_validate({k: v for k, v in good.items() if k != "match"})
    with pytest.raises(ValidationError, match="'title' field"):
        Source.model_validate({**good, "detail": {"fields": {"closes": "p"}}})
    with pytest.raises(ValidationError, match="not a regular expression"):
        Source.model_validate({**good, "match": "/funding/(["})
    with pytest.raises(ValidationError, match="only applies to kind: sitemap"):
        Source.model_validate({**good, "kind": "feed"})
    with pytest.raises(ValidationError, match="only applies to kind: listing or api"):
        Source.model_validate({**good, "item": "li"})


def test_a_broken_detail_selector_is_said_before_any_page_is_asked():
    from spiders.registry import make_spider

    entry = {**BASE, "match": "/funding/", "detail": {"fields": {"title": "h1[[::text"}}}
    spider = make_spider(Source.model_validate(entry))
    # Before: none said, and each page's parse raised on the selector.
    assert [line.split(":")[0] for line in spider.problems] == ["field 'detail.fields.title'"]
