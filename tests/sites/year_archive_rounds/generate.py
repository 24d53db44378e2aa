"""Writes this folder's pages, routes.yaml and expected.yaml (hand-built, generated: see
../README.md, Round 40). A national park trust's funding rounds filed by year: /funding/2024/,
/2025/, /2026/ (this year's, also at /funding/) and /2027/ (announced), each year one page of its
rounds, a year bar linking the four. Only this year's and next year's rounds can be open: 2024's
and 2025's all closed long ago, 2026's a mix, 2027's opening in the new year. Each round's card
gives `<strong>Label:</strong>` facts. 1,000 rounds, 250 a year.
Run: python generate.py [rounds] [folder] (a quarter of them a year)."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from gen_kit import (  # noqa: E402
    DATES,
    expected_item,
    many_calls,
    shell,
    size_and_folder,
    write_expected,
    write_routes,
)

ORIGIN = "https://www.dartmoorvaletrust.org.uk"
SITE = "Dartmoor Vale Trust"
YEARS = (2024, 2025, 2026, 2027)
# Each past year's wordings and what they mean in UTC (BST from 31 March to 27 October 2024 and
# from 30 March to 26 October 2025): (opens words, opens_at, closes words, closes_at, status).
PAST = {
    2024: [
        (None, None, "29 February 2024", "2024-02-29T23:59:00+00:00", "closed"),
        (None, None, "5pm, 14 June 2024", "2024-06-14T16:00:00+00:00", "closed"),
        (
            "1 September 2024",
            "2024-08-31T23:00:00+00:00",
            "31 October 2024",
            "2024-10-31T23:59:00+00:00",
            "closed",
        ),
        (None, None, "12 noon, 6 December 2024", "2024-12-06T12:00:00+00:00", "closed"),
    ],
    2025: [
        (None, None, "17/01/2025", "2025-01-17T23:59:00+00:00", "closed"),
        (None, None, "Friday 4 April 2025 at midday", "2025-04-04T11:00:00+00:00", "closed"),
        (None, None, "30 September 2025", "2025-09-30T22:59:00+00:00", "closed"),
        (
            "3 November 2025",
            "2025-11-03T00:00:00+00:00",
            "19 December 2025",
            "2025-12-19T23:59:00+00:00",
            "closed",
        ),
    ],
}
# This year's: the shared wordings whose rounds closed or close from October 2026 to April 2027,
# none upcoming; next year's: the shared upcoming ones (opening 2027), and one more.
THIS_YEAR = [d for d in DATES if d[0] is None]
NEXT_YEAR = [d for d in DATES if d[4] == "upcoming" and d[1] >= "2027"] + [
    (
        "4 January 2027",
        "2027-01-04T00:00:00+00:00",
        "26 March 2027",
        "2027-03-26T23:59:00+00:00",
        "upcoming",
    ),
]


def dates_for(year: int, n: int) -> tuple:
    pool = PAST.get(year) or (THIS_YEAR if year == 2026 else NEXT_YEAR)
    return pool[n % len(pool)]


def card(call: dict) -> str:
    opens, _, closes, _, _ = call["dates"]
    rows = [("Round opens", opens)] if opens else []
    rows += [
        ("Deadline", closes),
        ("Awards", call["amount"][0]),
        ("Eligible applicants", call["who"][0]),
    ]
    facts = "".join(f"<p><strong>{k}:</strong> {v}</p>" for k, v in rows)
    return f"""<article class="round"><h3 class="round__title"><a href="/funding/{call["year"]}/{call["slug"]}/">{call["title"]}</a></h3>
{facts}</article>"""


def year_page(year: int, rounds: list[dict]) -> str:
    here = ' aria-current="page"'
    bar = " ".join(
        f'<a href="/funding/{y}/"{here if y == year else ""}>{y}</a>' for y in reversed(YEARS)
    )
    intro = {2027: "Rounds announced for next year.", 2026: "This year's funding rounds."}.get(
        year, f"Our {year} rounds, kept for reference. These rounds are closed."
    )
    main = f"""<h1>Funding rounds {year}</h1><nav class="year-bar" aria-label="Years">{bar}</nav>
<p class="intro">{intro}</p><div class="rounds">{"".join(card(c) for c in rounds)}</div>"""
    return shell(SITE, f"Funding rounds {year}", main, "a year's page of the funding archive.")


def main() -> None:
    size, folder = size_and_folder(HERE, 1000)
    per_year = -(-size // len(YEARS))
    everything = many_calls(size, [SITE], start=19)
    for call in everything:
        call["year"] = YEARS[call["n"] // per_year]
        call["dates"] = dates_for(call["year"], call["n"])
    kind = "text/html; charset=utf-8"
    routes = []
    for year in YEARS:
        rounds = [c for c in everything if c["year"] == year]
        name = f"funding-{year}.html"
        (folder / name).write_text(year_page(year, rounds), "utf-8")
        routes.append({"path": f"/funding/{year}/", "file": name, "type": kind})
        if year == 2026:
            routes.append({"path": "/funding/", "file": name, "type": kind})
    write_routes(folder, ORIGIN, routes)
    items = [expected_item(c, f"{ORIGIN}/funding/{c['year']}/{c['slug']}/") for c in everything]
    write_expected(folder, "year_archive_rounds", items)


if __name__ == "__main__":
    main()
