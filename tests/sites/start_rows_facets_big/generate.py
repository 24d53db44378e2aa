"""Writes this folder's pages, routes.yaml and expected.yaml (hand-built, generated: see ../README.md,
Round 35). A regional funding portal's faceted search (a Solr back end, as Funnelback and many
council finders are): 1,183 calls, 20 a page on 60 pages by `?start=20&rows=20`, "Showing 21–40
of 1,183 results", a facet sidebar whose every option is a link with a count, numbered links
around the current page and a "Next" link. Run: python generate.py [size] [folder]."""

from __future__ import annotations

import sys
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

ORIGIN = "https://www.fundingwessex.org.uk"
SITE = "Funding Wessex"
ROWS = 20
FUNDERS = [
    "Wessex Community Foundation", "Dorset Council", "Wiltshire Council", "Cranborne Chase Trust",
    "Salisbury Diocese Board", "Wessex Water Community Fund",
]  # fmt: skip


def result(call: dict) -> str:
    return f"""<li class="search-result">
  <h3><a class="search-result__link" href="/funding/{call["slug"]}">{call["title"]}</a></h3>
  {facts(call)}
</li>"""


def href(start: int) -> str:
    return f"/search?start={start}&amp;rows={ROWS}"


def facets(total: int) -> str:
    options = [("Open", total // 2), ("Closed", total // 4), ("Opening soon", total // 4)]
    links = "".join(
        f'<li><a href="/search?f.status={name.lower().replace(" ", "_")}&amp;rows={ROWS}">{name}</a>'
        f' <span class="count">({count:,})</span></li>'
        for name, count in options
    )
    return f'<aside class="facets"><h2>Filter by status</h2><ul>{links}</ul></aside>'


def pager(page: int, pages: int) -> str:
    items = [f'<a class="page" href="{href((n - 1) * ROWS)}">{n}</a>' if n != page else
             f'<span class="page current">{n}</span>'
             for n in range(max(1, page - 3), min(pages, page + 3) + 1)]  # fmt: skip
    if page < pages:
        items.append(f'<a class="next" href="{href(page * ROWS)}">Next</a>')
    return '<div class="pager">' + " ".join(items) + "</div>"


def listing(start: int, total: int, chunk: list[dict]) -> str:
    pages = -(-total // ROWS)
    shown = f"Showing {start + 1:,}–{start + len(chunk):,} of {total:,} results"
    main = f"""<h1>Search funding</h1>
{facets(total)}
<section class="results"><p class="results-count">{shown}</p>
<ol class="search-results">
{chr(10).join(result(c) for c in chunk)}
</ol>
{pager(start // ROWS + 1, pages)}</section>"""
    return shell(SITE, "Search funding", main, "a Solr search paged by start and rows.")


def main() -> None:
    size, folder = size_and_folder(HERE, 1183)
    everything = calls(size, FUNDERS, start=11)
    kind = "text/html; charset=utf-8"
    routes = []
    for start in range(0, size, ROWS):
        name = f"start-{start}.html"
        (folder / name).write_text(listing(start, size, everything[start : start + ROWS]), "utf-8")
        # The search answers its parameters in either order, as any server does.
        for query in (f"start={start}&rows={ROWS}", f"rows={ROWS}&start={start}"):
            routes.append({"path": f"/search?{query}", "file": name, "type": kind})
    routes[:0] = [
        {"path": p, "file": "start-0.html", "type": kind}
        for p in ("/search", f"/search?rows={ROWS}")
    ]
    write_routes(folder, ORIGIN, routes)
    items = [expected_item(c, f"{ORIGIN}/funding/{c['slug']}") for c in everything]
    write_expected(folder, "start_rows_facets_big", items)


if __name__ == "__main__":
    main()
