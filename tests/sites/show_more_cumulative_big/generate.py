"""Writes this folder's pages, routes.yaml and expected.yaml (hand-built, generated: see ../README.md,
Round 35). A city council's funding opportunities page whose "Show more" link (its no-script
fallback) asks the same page longer, `?show=30`, `?show=45` … : each page holds every call
before it and fifteen more, 300 calls on 20 pages (3,150 cards in all), the last with no "Show
more". Facts in "Label: value" lines. Run: python generate.py [size] [folder]."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from gen_kit import calls, expected_item, shell, size_and_folder, write_expected, write_routes  # noqa: E402

ORIGIN = "https://www.lindumcity.gov.uk"
SITE = "Lindum City Council"
STEP = 15
FUNDERS = [
    SITE,
    "Lindum Business Improvement District",
    "Trent Valley Arts Trust",
    "Lincs Heritage Fund",
]


def card(call: dict) -> str:
    opens, _, closes, _, _ = call["dates"]
    opens_line = f"<p>Opens: {opens}</p>" if opens else ""
    return f"""<div class="card card--funding">
  <a class="card__link" href="/business-and-community/funding/{call["slug"]}"><h3 class="card__title">{call["title"]}</h3></a>
  <div class="card__body"><p>Provided by: {call["funder"]}</p>{opens_line}
  <p>Closing date: {closes}</p><p>Funding available: {call["amount"][0]}</p>
  <p>Who can apply: {call["who"][0]}</p></div>
</div>"""


def listing(shown: int, total: int, chunk: list[dict]) -> str:
    more = (
        f'<p class="show-more"><a class="button show-more__link" href="?show={shown + STEP}">Show more</a></p>'
        if shown < total
        else ""
    )
    main = f"""<h1>Funding opportunities</h1>
<p class="intro">Grants and funding for community groups, businesses and parishes.</p>
<p class="count">Showing {min(shown, total)} of {total}</p>
<div class="card-grid">
{chr(10).join(card(c) for c in chunk)}
</div>
{more}"""
    return shell(SITE, "Funding opportunities", main, "a listing that grows with show more.")


def main() -> None:
    size, folder = size_and_folder(HERE, 300)
    everything = calls(size, FUNDERS, start=17)
    kind = "text/html; charset=utf-8"
    routes = []
    for shown in range(STEP, size + STEP, STEP):
        name = f"show-{shown}.html"
        (folder / name).write_text(listing(shown, size, everything[:shown]), "utf-8")
        path = "/business-and-community/funding" + ("" if shown == STEP else f"?show={shown}")
        routes.append({"path": path, "file": name, "type": kind})
    write_routes(folder, ORIGIN, routes)
    base = f"{ORIGIN}/business-and-community/funding/"
    write_expected(
        folder, "show_more_cumulative_big", [expected_item(c, base + c["slug"]) for c in everything]
    )


if __name__ == "__main__":
    main()
