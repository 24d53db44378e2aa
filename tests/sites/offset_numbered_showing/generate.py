"""Writes this folder's pages, routes.yaml and expected.yaml (hand-built, generated: see ../README.md,
Round 25). A county council's funding finder: 137 calls, 20 a page, paged by `?offset=20&limit=20`
with numbered links only (no "Next", no rel=next) and a "Showing 21–40 of 137" line; an offset past
the end answers 200 "No funding opportunities match". Run it from anywhere: python generate.py.

The expected values are not computed by fundwatch: each pattern below states, by hand, what its
words mean in UTC at the snapshots' now (2026-11-25T09:00:00Z; a date alone closes 23:59 London
time, BST from 28 March 2027)."""

from __future__ import annotations

from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ORIGIN = "https://www.wyvern.gov.uk"
LISTING = "/funding-finder"
TOTAL, LIMIT = 137, 20

PLACES = [
    "Ashcombe",
    "Barrowby",
    "Cleeve",
    "Dunmere",
    "Elstow",
    "Farleigh",
    "Gorran",
    "Hatherop",
    "Ilsington",
    "Kelston",
    "Lydford",
    "Marston",
]
THEMES = [
    "Village Hall",
    "Play Area",
    "Warm Spaces",
    "Tree Planting",
    "Youth Club",
    "Heritage",
    "Food Bank",
    "Active Travel",
    "Flood Resilience",
    "Digital Skills",
    "Arts",
    "Bus Shelter",
]
FUNDERS = [
    "Wyvern County Council",
    "Wyvern Community Foundation",
    "Southern Water Trust",
    "Wyvern Police and Crime Commissioner",
]
# (opens text, opens_at, closes text, closes_at, status)
DATES = [
    (None, None, "29 January 2027", "2027-01-29T23:59:00+00:00", "open"),
    (None, None, "5pm, 12 March 2027", "2027-03-12T17:00:00+00:00", "open"),
    (None, None, "30 April 2027", "2027-04-30T22:59:00+00:00", "open"),
    (None, None, "14 October 2026", "2026-10-14T22:59:00+00:00", "closed"),
    (
        "1 February 2027",
        "2027-02-01T00:00:00+00:00",
        "31 March 2027",
        "2027-03-31T22:59:00+00:00",
        "upcoming",
    ),
    (None, None, "12 noon, 3 February 2027", "2027-02-03T12:00:00+00:00", "open"),
    (None, None, "20/11/2026", "2026-11-20T23:59:00+00:00", "closed"),
]
# (words, amount_min, amount_max)
AMOUNTS = [
    ("Up to £5,000", None, 5000),
    ("£1,000 – £10,000", 1000, 10000),
    ("£2,500 to £25,000", 2500, 25000),
    ("Up to £150,000", None, 150000),
    ("£500 - £2,000", 500, 2000),
]
# (words, verdict or None: a list with no council is not pinned, as earlier rounds)
WHO = [
    ("Town and parish councils", "yes"),
    ("Local authorities in Wyvern", "yes"),
    ("Registered charities and community groups", None),
    ("Schools, town and parish councils and voluntary groups", "yes"),
]


def calls() -> list[dict]:
    made = []
    for i in range(TOTAL):
        place, theme = PLACES[i % 12], THEMES[(i // 12 + i) % 12]
        title = f"{place} {theme} Grant"
        slug = title.lower().replace(" ", "-")
        made.append(
            {
                "i": i,
                "title": title,
                "slug": slug,
                "funder": FUNDERS[i % 4],
                "dates": DATES[i % 7],
                "amount": AMOUNTS[i % 5],
                "who": WHO[i % 4],
            }
        )
    assert len({c["slug"] for c in made}) == TOTAL
    return made


def card(call: dict) -> str:
    opens, _, closes, _, _ = call["dates"]
    opens_row = f"\n      <dt>Opens</dt><dd>{opens}</dd>" if opens else ""
    return f"""  <li class="result">
    <h3 class="result__title"><a href="{LISTING}/{call["slug"]}">{call["title"]}</a></h3>
    <p class="result__summary">Funding for {call["title"].split(" Grant")[0].lower()} projects
      in {call["title"].split()[0]} and the surrounding parishes.</p>
    <dl class="result__facts">
      <dt>Funder</dt><dd>{call["funder"]}</dd>{opens_row}
      <dt>Closing date</dt><dd>{closes}</dd>
      <dt>Grant</dt><dd>{call["amount"][0]}</dd>
      <dt>Who can apply</dt><dd>{call["who"][0]}</dd>
    </dl>
  </li>"""


def pager(current: int, pages: int) -> str:
    shown = sorted({1, pages, *range(max(1, current - 2), min(pages, current + 2) + 1)})
    items, last = [], 0
    for number in shown:
        if number - last > 1:
            items.append('<li class="pager__ellipsis">&hellip;</li>')
        if number == current:
            items.append(
                f'<li class="pager__item is-active"><span aria-current="page">{number}</span></li>'
            )
        else:
            href = f"?offset={(number - 1) * LIMIT}&amp;limit={LIMIT}"
            items.append(
                f'<li class="pager__item"><a href="{href}" aria-label="Page {number}">{number}</a></li>'
            )
        last = number
    return '<nav class="pager" aria-label="Results pages"><ul>' + "".join(items) + "</ul></nav>"


def page(offset: int, chunk: list[dict]) -> str:
    pages = -(-TOTAL // LIMIT)
    if chunk:
        count = f"Showing {offset + 1}&ndash;{offset + len(chunk)} of {TOTAL} funding opportunities"
        body = '<ol class="results">\n' + "\n".join(card(c) for c in chunk) + "\n</ol>\n"
        body += pager(offset // LIMIT + 1, pages)
    else:
        count = f"Showing 0 of {TOTAL} funding opportunities"
        body = '<p class="no-results">No funding opportunities match your search.</p>'
    return f"""<!DOCTYPE html>
<!-- Hand-built fixture, generated by generate.py: a county council's funding finder paged by
     ?offset=&limit= with numbered links only. -->
<html lang="en-GB"><head><meta charset="utf-8">
<title>Funding finder | Wyvern County Council</title>
<link rel="stylesheet" href="/site/styles/main.css?v=4.12.0"></head>
<body class="page-funding-finder">
<div class="cookie-banner" role="region" aria-label="Cookies on wyvern.gov.uk">
  <p>We use some essential cookies to make this website work.</p>
  <button type="button" class="cookie-banner__accept">Accept additional cookies</button>
  <a href="/cookies">View cookies</a></div>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header"><a href="/" class="site-header__logo">Wyvern County Council</a>
<nav><ul><li><a href="/council-tax">Council tax</a></li><li><a href="/bins">Bins and recycling</a></li>
<li><a href="/community">Community and living</a></li></ul></nav></header>
<main id="main"><h1>Funding finder</h1>
<form class="finder-filters" method="get" action="{LISTING}"><label for="q">Keyword</label>
<input id="q" name="q" type="search"><button type="submit">Search</button></form>
<p class="results-summary" role="status">{count}</p>
{body}
</main>
<footer><a href="/accessibility">Accessibility</a> <a href="/privacy">Privacy</a></footer>
</body></html>
"""


def main() -> None:
    everything = calls()
    routes = [{"path": "/robots.txt", "file": "robots.txt", "type": "text/plain"}]
    kind = "text/html; charset=utf-8"
    for offset in range(0, TOTAL + LIMIT, LIMIT):
        name = f"offset-{offset}.html"
        (HERE / name).write_text(page(offset, everything[offset : offset + LIMIT]), "utf-8")
        # The finder answers its parameters in either order, as any server does.
        for query in (f"offset={offset}&limit={LIMIT}", f"limit={LIMIT}&offset={offset}"):
            routes.append({"path": f"{LISTING}?{query}", "file": name, "type": kind})
    routes.insert(0, {"path": LISTING, "file": "offset-0.html", "type": kind})
    # With no offset, the first page (an entry that pages by links starts there).
    routes.insert(1, {"path": f"{LISTING}?limit={LIMIT}", "file": "offset-0.html", "type": kind})
    head = "# Hand-built, generated by generate.py (see ../README.md): do not edit by hand.\n"
    (HERE / "routes.yaml").write_text(
        head + yaml.safe_dump({"origin": ORIGIN, "routes": routes}, sort_keys=False, width=200),
        "utf-8",
    )
    items = []
    for call in everything:
        _, opens_at, _, closes_at, status = call["dates"]
        item = {
            "title": call["title"],
            "url": f"{ORIGIN}{LISTING}/{call['slug']}",
            "funder": call["funder"],
            "opens_at": opens_at,
            "closes_at": closes_at,
            "amount_min": call["amount"][1],
            "amount_max": call["amount"][2],
            "fund_total": None,
            "status": status,
        }
        if call["who"][1]:
            item["council_eligible"] = call["who"][1]
        items.append(item)
    head = (
        "# Generated by generate.py from its hand-written patterns (what each wording means, decided\n"
        "# before running fundwatch): every one of the 137 calls, once.\n"
    )
    (HERE / "expected.yaml").write_text(
        head
        + yaml.safe_dump(
            {
                "source": "offset_numbered_showing",
                "now": "2026-11-25T09:00:00+00:00",
                "items": items,
            },
            sort_keys=False,
            allow_unicode=True,
            width=200,
        ),
        "utf-8",
    )


if __name__ == "__main__":
    main()
