"""Writes this folder's pages, routes.yaml and expected.yaml (hand-built, generated: see ../README.md,
Round 35). A district council's community grants directory: 444 calls, twelve a page on 37 pages,
page 1 at `/community-grants` with no page number, then `?page=2` … and a 38th page that repeats
page 37's calls (the CMS counts its pages one too many and clamps the offset: a real bug), with
no "Next" of its own. Facts by <strong> labels on each card. Run: python generate.py [size] [folder]."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from gen_kit import calls, expected_item, shell, size_and_folder, write_expected, write_routes  # noqa: E402

ORIGIN = "https://www.southhams-vale.gov.uk"
SITE = "South Hams Vale District Council"
PER = 12
FUNDERS = [SITE, "Vale Community Lottery", "Dartside Rotary Trust", "Devon Environment Fund"]


def card(call: dict) -> str:
    opens, _, closes, _, _ = call["dates"]
    opens_line = f"<li><strong>Opens:</strong> {opens}</li>" if opens else ""
    return f"""<article class="grant-listing">
  <h2 class="grant-listing__title"><a href="/community-grants/{call["slug"]}">{call["title"]}</a></h2>
  <ul class="grant-listing__meta">
    <li><strong>Funder:</strong> {call["funder"]}</li>{opens_line}
    <li><strong>Deadline:</strong> {closes}</li>
    <li><strong>Award:</strong> {call["amount"][0]}</li>
    <li><strong>Eligible applicants:</strong> {call["who"][0]}</li>
  </ul>
</article>"""


def href(page: int) -> str:
    return "/community-grants" if page == 1 else f"/community-grants?page={page}"


def pager(page: int, pages: int) -> str:
    items = []
    if page > 1:
        items.append(f'<li class="prev"><a rel="prev" href="{href(page - 1)}">Previous</a></li>')
    for n in sorted({1, 2, page - 1, page, page + 1, pages - 1, pages} & set(range(1, pages + 1))):
        if n == page:
            items.append(f'<li class="current"><span>{n}</span></li>')
        else:
            items.append(f'<li><a href="{href(n)}">{n}</a></li>')
    if page < pages:
        items.append(f'<li class="next"><a rel="next" href="{href(page + 1)}">Next</a></li>')
    return '<ul class="pagination">' + "".join(items) + "</ul>"


def listing(page: int, pages: int, chunk: list[dict]) -> str:
    main = f"""<h1>Community grants directory</h1>
<p>Grants open to groups, parish councils and organisations in the district.</p>
{chr(10).join(card(c) for c in chunk)}
<nav aria-label="Pagination">{pager(page, pages)}</nav>"""
    return shell(SITE, "Community grants directory", main, "a directory whose last page repeats.")


def main() -> None:
    size, folder = size_and_folder(HERE, 444)
    everything = calls(size, FUNDERS, start=7)
    real = -(-size // PER)
    pages = real + 1  # the CMS's one too many
    kind = "text/html; charset=utf-8"
    routes = []
    for page in range(1, pages + 1):
        shown = min(page, real)  # the offset clamped: the extra page shows the last again
        name = f"page-{page}.html"
        chunk = everything[(shown - 1) * PER : shown * PER]
        (folder / name).write_text(listing(page, pages, chunk), "utf-8")
        routes.append({"path": href(page), "file": name, "type": kind})
    routes.append({"path": "/community-grants?page=1", "file": "page-1.html", "type": kind})
    write_routes(folder, ORIGIN, routes)
    items = [expected_item(c, f"{ORIGIN}/community-grants/{c['slug']}") for c in everything]
    write_expected(folder, "page_two_last_repeats_big", items)


if __name__ == "__main__":
    main()
