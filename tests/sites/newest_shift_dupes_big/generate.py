"""Writes this folder's pages, routes.yaml and expected.yaml (hand-built, generated: see ../README.md,
Round 35). A combined authority's funding news (Drupal 10 Views, newest first, 15 a page, a
zero-based `?page=1` pager): 348 calls on 24 pages, read while new calls were being published, so
on every other page the first card is the previous page's last (the list shifted by one between
the two requests): 12 calls, about 3 %, are on two pages. Each card gives the title, the date it
was published and a teaser; each call's own page the facts. Run: python generate.py [size] [folder]."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from gen_kit import (  # noqa: E402
    calls,
    expected_item,
    facts,
    shell,
    size_and_folder,
    write_expected,
    write_routes,
)

ORIGIN = "https://www.northmarches-ca.gov.uk"
SITE = "North Marches Combined Authority"
PER = 15
FUNDERS = [SITE, "Marches Local Nature Partnership", "Marches Growth Hub"]


def card(call: dict) -> str:
    published = date(2026, 11, 24) - timedelta(days=call["n"] // 3)
    return f"""<div class="views-row"><article class="node node--type-news node--view-mode-teaser">
  <h3 class="node__title"><a href="/news/funding/{call["slug"]}" hreflang="en"><span>{call["title"]}</span></a></h3>
  <div class="node__meta">Published <time datetime="{published.isoformat()}T09:00:00Z">{published:%-d %B %Y}</time></div>
  <div class="field--name-body"><p>We are pleased to announce {call["title"]} for the region.</p></div>
</article></div>"""


def href(page: int) -> str:
    return "/news/funding" if page == 0 else f"/news/funding?page={page}"


def listing(page: int, last: int, chunk: list[dict]) -> str:
    pager = []
    if page > 0:
        pager.append(
            f'<li class="pager__item pager__item--previous"><a href="?page={page - 1}" rel="prev">‹ Previous</a></li>'
        )
    pager.append(f'<li class="pager__item is-active">Page {page + 1}</li>')
    if page < last:
        pager.append(
            f'<li class="pager__item pager__item--next"><a href="?page={page + 1}" rel="next">Next ›</a></li>'
        )
    main = f"""<h1 class="page-title">Funding news</h1>
<div class="view view-funding-news"><div class="view-content">
{chr(10).join(card(c) for c in chunk)}
</div>
<nav class="pager" role="navigation" aria-labelledby="pagination-heading"><h4 id="pagination-heading" class="visually-hidden">Pagination</h4>
<ul class="pager__items js-pager__items">{"".join(pager)}</ul></nav></div>"""
    return shell(SITE, "Funding news", main, "funding news read while it shifted.")


def detail(call: dict) -> str:
    main = f"""<article class="node node--type-news node--view-mode-full"><h1>{call["title"]}</h1>
<div class="field--name-body"><p>{call["title"]} is now part of our funding programme.</p>
<h2>At a glance</h2>{facts(call)}</div></article>"""
    return shell(SITE, call["title"], main, "a funding call's news page.")


def pages_of(everything: list[dict]) -> list[list[dict]]:
    """Fifteen a page; every odd page starts with the page before's last card (the shift)."""
    pages, at = [], 0
    while at < len(everything):
        page = len(pages)
        if page % 2 == 1:
            chunk = [everything[at - 1], *everything[at : at + PER - 1]]
            at += PER - 1
        else:
            chunk = everything[at : at + PER]
            at += PER
        pages.append(chunk)
    return pages


def main() -> None:
    size, folder = size_and_folder(HERE, 348)
    everything = calls(size, FUNDERS, start=13)
    kind = "text/html; charset=UTF-8"
    routes = []
    pages = pages_of(everything)
    for page, chunk in enumerate(pages):
        name = f"page-{page}.html"
        (folder / name).write_text(listing(page, len(pages) - 1, chunk), "utf-8")
        routes.append({"path": href(page), "file": name, "type": kind})
    (folder / "funding").mkdir(exist_ok=True)
    for call in everything:
        name = f"funding/{call['slug']}.html"
        (folder / name).write_text(detail(call), "utf-8")
        routes.append({"path": f"/news/funding/{call['slug']}", "file": name, "type": kind})
    write_routes(folder, ORIGIN, routes)
    items = [expected_item(c, f"{ORIGIN}/news/funding/{c['slug']}") for c in everything]
    write_expected(folder, "newest_shift_dupes_big", items)


if __name__ == "__main__":
    main()
