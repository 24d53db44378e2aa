"""Writes this folder's pages, routes.yaml and expected.yaml (hand-built, generated: see
../README.md, Round 40). A city council's grants directory (a Bootstrap table, 25 calls a page)
over 60 pages, paged by a windowed pager of numbers only, as Laravel's and Django's elided pagers
write it: "1 2 3 4 5 6 7 8 9 … 60" on the first pages, "1 2 … 24 25 26 27 28 … 59 60" in the
middle; no "Next", no rel=next, the current page a `<span aria-current="page">`. Page 1 is
`/community-grants` and `?page=1` alike; a page past the last answers 200 "No grants found".
Run: python generate.py [calls] [folder]."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from gen_kit import (  # noqa: E402
    expected_item,
    many_calls,
    shell,
    size_and_folder,
    write_expected,
    write_routes,
)

ORIGIN = "https://www.eastbourne-weald.gov.uk"
SITE = "Eastbourne and Weald City Council"
PER = 25
STATUS = {"open": "Open", "closed": "Closed", "upcoming": "Opening soon"}


def shown(page: int, pages: int) -> list[int | None]:
    """The page numbers the pager shows, None for an ellipsis (Laravel's window of 4 each side
    near the ends, 2 each side in the middle, the first and last two always)."""
    if pages <= 11:
        return list(range(1, pages + 1))
    if page <= 6:
        return [*range(1, 10), None, pages - 1, pages]
    if page >= pages - 5:
        return [1, 2, None, *range(pages - 8, pages + 1)]
    return [1, 2, None, *range(page - 2, page + 3), None, pages - 1, pages]


def pager(page: int, pages: int) -> str:
    items = []
    for number in shown(page, pages):
        if number is None:
            items.append(
                '<li class="page-item disabled" aria-disabled="true"><span class="page-link">…</span></li>'
            )
        elif number == page:
            items.append(
                f'<li class="page-item active" aria-current="page"><span class="page-link">{number}</span></li>'
            )
        else:
            items.append(
                f'<li class="page-item"><a class="page-link" href="{ORIGIN}/community-grants?page={number}">{number}</a></li>'
            )
    return f'<nav aria-label="Grants pages"><ul class="pagination">{"".join(items)}</ul></nav>'


def row(call: dict) -> str:
    opens, _, closes, _, status = call["dates"]
    return f"""<tr><td><a href="/community-grants/{call["slug"]}">{call["title"]}</a></td>
<td>{opens or "—"}</td><td>{closes}</td><td>{call["amount"][0]}</td><td>{call["who"][0]}</td><td>{STATUS[status]}</td></tr>"""


def listing(page: int, pages: int, chunk: list[dict]) -> str:
    if chunk:
        body = f"""<table class="table table-striped grants-table"><thead><tr><th scope="col">Grant</th>
<th scope="col">Opens</th><th scope="col">Closing date</th><th scope="col">Amount</th>
<th scope="col">Who can apply</th><th scope="col">Status</th></tr></thead>
<tbody>{"".join(row(c) for c in chunk)}</tbody></table>{pager(page, pages)}"""
    else:
        body = '<div class="alert alert-info">No grants found.</div>'
    main = f"<h1>Community grants</h1><p>Page {page} of {pages}</p>{body}"
    return shell(SITE, "Community grants", main, "a table paged by a windowed pager of numbers.")


def main() -> None:
    size, folder = size_and_folder(HERE, 1500)
    everything = many_calls(size, [SITE], start=17)
    pages = -(-size // PER)
    kind = "text/html; charset=utf-8"
    routes = []
    for page in range(1, pages + 2):  # and the page past the last
        name = f"grants-{page}.html"
        (folder / name).write_text(
            listing(page, pages, everything[(page - 1) * PER : page * PER]), "utf-8"
        )
        routes.append({"path": f"/community-grants?page={page}", "file": name, "type": kind})
        if page == 1:
            routes.append({"path": "/community-grants", "file": name, "type": kind})
    write_routes(folder, ORIGIN, routes)
    items = [expected_item(c, f"{ORIGIN}/community-grants/{c['slug']}") for c in everything]
    write_expected(folder, "windowed_pager_sixty", items)


if __name__ == "__main__":
    main()
