"""Writes this folder's pages, routes.yaml and expected.yaml (hand-built, generated: see ../README.md,
Round 35). A county community foundation's grant search (a Java portal): 320 calls, ten a page on
32 pages, paged only by a "Next ›" link whose href carries a search-session token that changes on
every page (`?p=2&sk=…`), as a portal that keeps the search in a server session writes it; no page
numbers, no rel=next. Each card gives the title, a teaser and a status badge; each call's own page
gives the facts. Run: python generate.py [size] [folder]."""

from __future__ import annotations

import hashlib
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

ORIGIN = "https://www.mendipfoundation.org.uk"
SITE = "Mendip and Levels Community Foundation"
PER = 10
FUNDERS = [SITE, "Levels Internal Drainage Board", "Somerset Rivers Partnership"]


def token(page: int) -> str:
    """The session's key for a page: new with every page, as the portal mints them."""
    return hashlib.sha1(f"search-session-{page}".encode()).hexdigest()[:20]


def card(call: dict) -> str:
    badge = {"open": "Open", "closed": "Closed", "upcoming": "Opening soon"}[call["dates"][4]]
    return f"""<div class="search-result">
  <span class="badge badge--{badge.lower().replace(" ", "-")}">{badge}</span>
  <h3 class="search-result__title"><a href="/grants/{call["slug"]};jsessionid=4F1C0A7E">{call["title"]}</a></h3>
  <p class="search-result__teaser">Support for {call["title"].split(" ", 1)[1].lower()} work in
    {call["title"].split()[0]} and nearby villages.</p>
</div>"""


def listing(page: int, pages: int, chunk: list[dict]) -> str:
    links = []
    if page > 1:
        links.append(
            f'<a class="prev" href="/grants/search?p={page - 1}&amp;sk={token(page - 1)}">‹ Previous</a>'
        )
    if page < pages:
        links.append(
            f'<a class="next" href="/grants/search?p={page + 1}&amp;sk={token(page + 1)}">Next ›</a>'
        )
    main = f"""<h1>Find a grant</h1>
<form class="search" action="/grants/search" method="get"><input name="q" type="search">
<button>Search</button></form>
<p class="search-count">Page {page}</p>
<div class="search-results">
{chr(10).join(card(c) for c in chunk)}
</div>
<div class="search-paging">{" ".join(links)}</div>"""
    return shell(SITE, "Find a grant", main, "a search paged by a Next link with a session token.")


def detail(call: dict) -> str:
    main = f"""<nav class="breadcrumb"><a href="/">Home</a> › <a href="/grants/search">Grants</a></nav>
<article class="grant"><h1>{call["title"]}</h1>
<p class="lead">This fund helps local groups and councils with {call["title"].split(" ", 1)[1].lower()} projects.</p>
{facts(call)}
<h2>How to apply</h2><p>Read the guidance, then apply through our online form.</p>
</article>
<aside class="related"><h2>Other grants</h2><ul><li><a href="/grants/search">All grants</a></li></ul></aside>"""
    return shell(SITE, call["title"], main, "a grant's own page.")


def main() -> None:
    size, folder = size_and_folder(HERE, 320)
    everything = calls(size, FUNDERS, start=3)
    pages = -(-size // PER)
    kind = "text/html; charset=utf-8"
    routes = []
    for page in range(1, pages + 1):
        name = f"search-{page}.html"
        (folder / name).write_text(
            listing(page, pages, everything[(page - 1) * PER : page * PER]), "utf-8"
        )
        path = "/grants/search" if page == 1 else f"/grants/search?p={page}&sk={token(page)}"
        routes.append({"path": path, "file": name, "type": kind})
    (folder / "grants").mkdir(exist_ok=True)
    for call in everything:
        name = f"grants/{call['slug']}.html"
        (folder / name).write_text(detail(call), "utf-8")
        # The portal answers a grant's path with its session id or without, as a servlet does.
        for path in (f"/grants/{call['slug']}", f"/grants/{call['slug']};jsessionid=4F1C0A7E"):
            routes.append({"path": path, "file": name, "type": kind})
    write_routes(folder, ORIGIN, routes)
    items = [expected_item(c, f"{ORIGIN}/grants/{c['slug']}") for c in everything]
    write_expected(folder, "next_token_pager_big", items)


if __name__ == "__main__":
    main()
