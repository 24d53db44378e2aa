"""Writes this folder's pages, routes.yaml and expected.yaml (hand-built, generated: see
../README.md, Round 32). A regional grants hub's Atom 1.0 feed of funding news, newest first, 15
entries a page over 36 pages (540 calls), paged as RFC 5005 says with `<link rel="next">` (and
`first`, `last`, `previous`), the deadline, money and who may apply only in each entry's escaped
HTML `<content type="html">`, worded differently from entry to entry; a `<summary>` teaser beside
it. Every entry was published in the last 80 days (a feed's archive is not what this site tests).
Run it from anywhere: python generate.py.

The expected values are not computed by fundwatch: each pattern below states, by hand, what its
words mean in UTC at the snapshots' now (2026-11-25T09:00:00Z; a date alone closes 23:59 London
time, BST from 28 March 2027)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from html import escape
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ORIGIN = "https://www.northmarchesgrantshub.org.uk"
FEED = "/funding/feed.atom"
PER_PAGE, PAGES = 15, 36
TOTAL = PER_PAGE * PAGES
FUNDER = "North Marches Grants Hub"

PLACES = [
    "Bishop's Castle",
    "Church Stretton",
    "Clun",
    "Craven Arms",
    "Ellesmere",
    "Knighton",
    "Ludlow",
    "Market Drayton",
    "Much Wenlock",
    "Oswestry",
    "Presteigne",
    "Wem",
    "Whitchurch",
]
THEMES = [
    "Community Buildings",
    "Rural Broadband",
    "Warm Homes",
    "Hedgerow Planting",
    "Youth Activities",
    "Chapel Repairs",
    "Food Pantries",
    "Cycle Routes",
    "Flood Wardens",
    "Digital Skills",
    "Village Shows",
    "River Access",
    "Dial-a-Ride",
    "Community Orchards",
    "Sheds and Workshops",
    "Loneliness",
    "Bus Services",
    "Playing Fields",
    "Solar Schools",
    "Mobile Libraries",
    "Carers Support",
    "Swimming Pools",
    "Memory Cafes",
    "Skate Parks",
    "Market Halls",
    "Road Verges",
    "Public Toilets",
    "Repair Cafes",
    "War Memorials",
    "Seed Banks",
    "Wildlife Ponds",
    "Street Lighting",
    "Village Signs",
    "Defibrillators",
    "Footpaths",
    "Heritage Trails",
    "Farm Visits",
    "Community Cinema",
    "Music Festivals",
    "Pre-schools",
    "Lunch Clubs",
    "Walking Groups",
]
# (closing words in the content, closes_at, opening words or None, opens_at, status)
DATES = [
    ("Closing date: 29 January 2027", "2027-01-29T23:59:00+00:00", None, None, "open"),
    ("Deadline: 5pm, Friday 12 March 2027", "2027-03-12T17:00:00+00:00", None, None, "open"),
    (
        "Applications close at 12 noon on 30 April 2027.",
        "2027-04-30T11:00:00+00:00",
        None,
        None,
        "open",
    ),
    ("Closing date: 14/10/2026", "2026-10-14T22:59:00+00:00", None, None, "closed"),
    ("Deadline: 11.59pm, 20 November 2026", "2026-11-20T23:59:00+00:00", None, None, "closed"),
    (
        "Closing date: 31 March 2027",
        "2027-03-31T22:59:00+00:00",
        "Opens: 1 February 2027",
        "2027-02-01T00:00:00+00:00",
        "upcoming",
    ),
    (
        "Deadline: midday, Thursday 3rd December 2026",
        "2026-12-03T12:00:00+00:00",
        None,
        None,
        "open",
    ),
]
# (money words, amount_min, amount_max)
AMOUNTS = [
    ("Grants of £1,000 to £10,000 are available.", 1000, 10000),
    ("Grants of up to £5,000.", None, 5000),
    ("Award range: £500 - £2,000", 500, 2000),
    ("Grants of up to £150,000 for capital projects.", None, 150000),
    ("We will award between £2,500 and £25,000.", 2500, 25000),
]
# (who words, verdict or None: not pinned)
WHO = [
    ("Who can apply: town and parish councils in the Marches.", "yes"),
    ("Who can apply: registered charities and community interest companies.", None),
    ("Who can apply: local authorities, schools and voluntary groups.", "yes"),
    ("Who can apply: individuals and sole traders. Councils are not eligible.", "no"),
]
NEWEST = datetime(2026, 11, 24, 16, 0, tzinfo=UTC)


def calls() -> list[dict]:
    made = []
    for i in range(TOTAL):
        place, theme = PLACES[i % len(PLACES)], THEMES[(i // len(PLACES)) % len(THEMES)]
        title = f"{place} {theme} Grants"
        slug = "-".join(title.lower().replace("'", "").split())
        made.append(
            {
                "i": i,
                "title": title,
                "slug": slug,
                "dates": DATES[i % 7],
                "amount": AMOUNTS[i % 5],
                "who": WHO[i % 4],
                "published": NEWEST - timedelta(hours=3 * i + (i % 5)),
            }
        )
    assert len({c["slug"] for c in made}) == TOTAL
    return made


def entry(call: dict) -> str:
    closes, _, opens, _, _ = call["dates"]
    facts = [
        f"<p>{escape(call['title'])} help groups across {escape(call['title'].split(' ')[0])} "
        "and the surrounding villages.</p>"
    ]
    if opens:
        facts.append(f"<p><strong>{opens}</strong></p>")
    facts += [
        f"<p>{closes}</p>",
        f"<p>{call['amount'][0]}</p>",
        f"<p>{call['who'][0]}</p>",
        '<p><a href="/funding/how-to-apply/">How to apply</a></p>',
    ]
    content = escape("\n".join(facts))
    stamp = call["published"].strftime("%Y-%m-%dT%H:%M:%SZ")
    url = f"{ORIGIN}/funding/{call['slug']}/"
    return f"""  <entry>
    <title type="html">{escape(call["title"])}</title>
    <link rel="alternate" type="text/html" href="{url}"/>
    <id>tag:northmarchesgrantshub.org.uk,2026:funding/{call["i"] + 1000}</id>
    <published>{stamp}</published>
    <updated>{stamp}</updated>
    <author><name>Grants team</name></author>
    <category term="funding" label="Funding"/>
    <summary type="html">{escape(f"<p>New funding for {call['title'].lower()}.</p>")}</summary>
    <content type="html">{content}</content>
  </entry>"""


def page_url(number: int) -> str:
    return f"{ORIGIN}{FEED}" if number == 1 else f"{ORIGIN}{FEED}?page={number}"


def page(number: int, chunk: list[dict]) -> str:
    links = [
        f'<link rel="self" type="application/atom+xml" href="{page_url(number)}"/>',
        f'<link rel="alternate" type="text/html" href="{ORIGIN}/funding/"/>',
        f'<link rel="first" href="{page_url(1)}"/>',
        f'<link rel="last" href="{page_url(PAGES)}"/>',
    ]
    if number > 1:
        links.append(f'<link rel="previous" href="{page_url(number - 1)}"/>')
    if number < PAGES:
        links.append(f'<link rel="next" href="{page_url(number + 1)}"/>')
    updated = chunk[0]["published"].strftime("%Y-%m-%dT%H:%M:%SZ")
    body = "\n".join(entry(c) for c in chunk)
    joined = "\n  ".join(links)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<!-- Hand-built fixture, generated by generate.py: page {number} of {PAGES}. -->
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">
  <title>North Marches Grants Hub: funding</title>
  <subtitle>New and updated funding opportunities</subtitle>
  <id>tag:northmarchesgrantshub.org.uk,2026:funding</id>
  <updated>{updated}</updated>
  <generator uri="https://www.getkirby.com" version="4.4">Kirby</generator>
  {joined}
{body}
</feed>
"""


def main() -> None:
    everything = calls()
    kind = "application/atom+xml; charset=utf-8"
    routes = [{"path": "/robots.txt", "file": "robots.txt", "type": "text/plain"}]
    for number in range(1, PAGES + 1):
        name = f"feed-{number}.atom"
        chunk = everything[(number - 1) * PER_PAGE : number * PER_PAGE]
        (HERE / name).write_text(page(number, chunk), "utf-8")
        path = FEED if number == 1 else f"{FEED}?page={number}"
        routes.append({"path": path, "file": name, "type": kind})
    head = "# Hand-built, generated by generate.py (see ../README.md): do not edit by hand.\n"
    (HERE / "routes.yaml").write_text(
        head + yaml.safe_dump({"origin": ORIGIN, "routes": routes}, sort_keys=False, width=400),
        "utf-8",
    )
    items = []
    for call in everything:
        _, closes_at, _, opens_at, status = call["dates"]
        item = {
            "title": call["title"],
            "url": f"{ORIGIN}/funding/{call['slug']}/",
            "funder": FUNDER,
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
        f"# before running fundwatch): every one of the {TOTAL} calls, once.\n"
    )
    (HERE / "expected.yaml").write_text(
        head
        + yaml.safe_dump(
            {"source": "atom_next_paged_big", "now": "2026-11-25T09:00:00+00:00", "items": items},
            sort_keys=False,
            allow_unicode=True,
            width=200,
        ),
        "utf-8",
    )


if __name__ == "__main__":
    main()
