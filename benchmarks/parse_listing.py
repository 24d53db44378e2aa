"""Print how fast the generic listing spider reads a listing page (parsel/lxml on the hot path)."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scrapy.http import HtmlResponse, Request  # noqa: E402

from config.loader import load_sources  # noqa: E402
from spiders.registry import make_spider  # noqa: E402
from spiders.sources import SOURCES_DIR as SNAPSHOTS  # noqa: E402

source = next(s for s in load_sources("config") if s.id == "ukri_opportunities")
source = source.model_copy(update={"detail": None})  # parse cost only, no follow-ups
body = (SNAPSHOTS / "ukri_opportunities" / "listing-1.html").read_bytes()
# Make a page of realistic size: the real listing is ~10 cards, a big one ~200 KB.
cards_start = body.index(b'<div id="post-')
cards_end = (
    body.rindex(b"</div>", 0, body.index(b'class="navigation'))
    if b'class="navigation' in body
    else len(body) // 2
)
cards = body[cards_start:cards_end]
# Eight copies of the cards, each linking elsewhere: a page linking one call twice stores it once
# (spiders/listed_twice.py), so plain copies would measure 10 calls read eight times over.
link = b'href="https://www.ukri.org/opportunity/'
copies = [cards.replace(link, link + b"copy%d-" % k) if k else cards for k in range(8)]
page = body[:cards_start] + b"".join(copies) + body[cards_end:]
spider = make_spider(source)
runs = []
items = 0
for _ in range(30):
    response = HtmlResponse(
        url=source.urls[0], body=page, encoding="utf-8", request=Request(source.urls[0])
    )
    start = time.perf_counter()
    items = sum(1 for r in spider.parse(response) if not isinstance(r, Request))
    runs.append(time.perf_counter() - start)
median = statistics.median(runs)
print(f"listing page: {len(page) / 1024:.0f} KB, {items} items")
print(f"parse: median {median * 1000:.1f} ms per page, {items / median:.0f} items/s (30 runs)")
