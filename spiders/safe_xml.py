"""The one lxml parser for XML that is data (an api's XML answer, a sitemap): no DTD, no entity,
no network access, comments and processing instructions left out — never instructions to the
parser, and no billion laughs or external entity (the feed readers go through feedparser's own)."""

from __future__ import annotations

from lxml import etree

DATA_XML = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True, remove_pis=True
)
