"""A sitemap's XML (sitemaps.org 0.9: a `<urlset>` of `<url><loc>`, or a `<sitemapindex>` of
`<sitemap><loc>`), read as data and nothing more, as the feed and XML readers read theirs: no DTD
(a sitemap has none, so a document declaring one, or an entity, is refused before parsing: no
billion laughs, no external entity), no network, lxml's own size limits kept, and a gzipped sitemap
(`sitemap.xml.gz`, sent as a file rather than a Content-Encoding) unpacked no further than the
crawl's download limit, so a small bomb cannot fill memory."""

from __future__ import annotations

import gzip
import io
import re

from lxml import etree

from config.lazy_pattern import lazy_pattern
from spiders.safe_xml import DATA_XML

_DECLARATION = lazy_pattern(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
KINDS = ("urlset", "sitemapindex")


class NotASitemap(ValueError):
    """Why an answer is no sitemap fundwatch will read: said as the run's problem."""


def unpacked(body: bytes, limit: int | None) -> bytes:
    """The sitemap's bytes: a gzip file's content (at most `limit` bytes), else the body."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as packed:
            content = packed.read(-1 if limit is None else limit + 1)
    except (OSError, EOFError) as exc:
        raise NotASitemap(f"a gzip file that does not unpack: {exc}") from None
    if limit is not None and len(content) > limit:
        raise NotASitemap(f"unpacks to more than the download limit ({limit} B)")
    return content


def sitemap_links(body: bytes) -> tuple[str, list[str]]:
    """(the document's kind, "urlset" or "sitemapindex"; each entry's `<loc>`, in order)."""
    if _DECLARATION.search(body):
        raise NotASitemap("it declares a DTD or an entity, which no sitemap does")
    try:
        root = etree.fromstring(body, DATA_XML)
    except etree.XMLSyntaxError as exc:
        raise NotASitemap(f"not XML: {exc}") from None
    kind = etree.QName(root).localname
    if kind not in KINDS:
        raise NotASitemap(f"its root is <{kind}>, not <urlset> or <sitemapindex>")
    entry = "url" if kind == "urlset" else "sitemap"
    locs = []
    for child in root:
        if not isinstance(child.tag, str) or etree.QName(child).localname != entry:
            continue
        # The entry's own <loc>, never an <image:loc> or a <video:…> of its extensions.
        for part in child:
            if isinstance(part.tag, str) and etree.QName(part).localname == "loc":
                if etree.QName(part).namespace == etree.QName(root).namespace and part.text:
                    locs.append(part.text.strip())
                    break
    return kind, locs
