"""Writes this folder's pages, routes.yaml and expected.yaml (hand-built, generated: see
../README.md, Round 32). A county's Drupal 10 JSON:API of `funding_opportunity` nodes with
`include=field_funder,field_theme`: 640 calls on 32 pages of 20, each page's `included` holding
the funders and themes its calls name (a funder taxonomy term by `relationships.field_funder`),
paged by `links.next.href` (`page[offset]`, percent-encoded; none on the last page). Fields as
Drupal emits them: datetimes with their offset (`+01:00` in summer), a date-only field, decimals
as strings or null, a formatted text `{value, format, processed}`, a relative `path.alias`.
Run it from anywhere: python generate.py.

The expected values are not computed by fundwatch: each pattern below states, by hand, what its
values mean in UTC at the snapshots' now (2026-11-25T09:00:00Z; a date alone closes 23:59 London
time, BST from 28 March 2027)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ORIGIN = "https://www.northumbria-rural.gov.uk"
API = "/jsonapi/node/funding_opportunity"
QUERY = "include=field_funder%2Cfield_theme&sort=field_closing_date"
LIMIT, PAGES = 20, 32
TOTAL = LIMIT * PAGES

PLACES = (
    "Allendale Bellingham Corbridge Haltwhistle Hexham Kielder Otterburn Prudhoe Rothbury Wooler"
    " Alnwick Belford Haydon Morpeth Seahouses Warkworth Wylam Stocksfield Ponteland"
).split()
THEMES = (
    "Village Halls|Play Areas|Warm Spaces|Woodland|Youth Work|Heritage|Food Banks|Cycle Paths|"
    "Flood Defence|Digital Skills|Festivals|Riverbanks|Community Buses|Orchards|Sheds|Wellbeing|"
    "Bus Shelters|Pavilions|Solar Roofs|Libraries|Carers|Pools|Memory Cafes|Skateparks|"
    "Market Halls|Verges|Toilets|Repair Cafes|Memorials|Allotments|Ponds|Street Lights|Signs|"
    "Defibrillators"
).split("|")
FUNDERS = [
    "Northumbria Rural Council",
    "Tyne Valley Community Foundation",
    "Kielder Water Trust",
    "Cheviot Hills Partnership",
]
# (field_opening_date, field_closing_date) -> (opens_at, closes_at, status)
DATES = [
    ((None, "2027-01-29T17:00:00+00:00"), (None, "2027-01-29T17:00:00+00:00", "open")),
    ((None, "2027-04-30T12:00:00+01:00"), (None, "2027-04-30T11:00:00+00:00", "open")),
    ((None, "2026-10-14T16:00:00+01:00"), (None, "2026-10-14T15:00:00+00:00", "closed")),
    (
        ("2027-02-01", "2027-03-31T23:59:00+01:00"),
        ("2027-02-01T00:00:00+00:00", "2027-03-31T22:59:00+00:00", "upcoming"),
    ),
    ((None, "2026-11-24T12:00:00+00:00"), (None, "2026-11-24T12:00:00+00:00", "closed")),
    ((None, "2026-12-18T23:59:00+00:00"), (None, "2026-12-18T23:59:00+00:00", "open")),
]
# (field_award_min, field_award_max) -> (amount_min, amount_max)
AMOUNTS = [
    (("1000.00", "10000.00"), (1000, 10000)),
    ((None, "5000.00"), (None, 5000)),
    (("250.00", "1500.00"), (250, 1500)),
    (("20000.00", "100000.00"), (20000, 100000)),
]
# field_eligibility's HTML -> verdict (None: not pinned)
WHO = [
    ("<p>Town and parish councils in Northumbria.</p>", "yes"),
    ("<p>Constituted community groups and registered charities.</p>", None),
    (
        "<p>Who can apply:</p><ul><li>Local authorities</li><li>National park authorities</li></ul>",
        "yes",
    ),
    ("<p>Businesses only. Councils and charities cannot apply.</p>", "no"),
    ("<p>Village hall committees and parish councils.</p>", "yes"),
]


def uid(kind: str, number: int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{ORIGIN}/{kind}/{number}"))


def calls() -> list[dict]:
    made = []
    for i in range(TOTAL):
        place, theme = PLACES[i % len(PLACES)], THEMES[(i // len(PLACES)) % len(THEMES)]
        title = f"{place} {theme} Grant"
        made.append(
            {
                "i": i,
                "title": title,
                "slug": "-".join(title.lower().split()),
                "funder": i % 4,
                "theme": (i // len(PLACES)) % len(THEMES),
                "dates": DATES[i % 6],
                "amount": AMOUNTS[i % 4],
                "who": WHO[i % 5],
            }
        )
    assert len({c["slug"] for c in made}) == TOTAL
    return made


def node(call: dict) -> dict:
    (opening, closing), _ = call["dates"]
    (low, high), _ = call["amount"]
    nid = 4000 + call["i"]
    node_id = uid("node", nid)
    html = call["who"][0]
    return {
        "type": "node--funding_opportunity",
        "id": node_id,
        "links": {"self": {"href": f"{ORIGIN}{API}/{node_id}?resourceVersion=id%3A{nid + 9000}"}},
        "attributes": {
            "drupal_internal__nid": nid,
            "drupal_internal__vid": nid + 9000,
            "langcode": "en",
            "revision_timestamp": "2026-11-19T14:22:07+00:00",
            "status": True,
            "title": call["title"],
            "created": "2026-09-14T10:05:11+01:00",
            "changed": "2026-11-19T14:22:07+00:00",
            "promote": False,
            "sticky": False,
            "path": {"alias": f"/funding/{call['slug']}", "pid": nid - 3000, "langcode": "en"},
            "body": {
                "value": f"<p>Support for {call['title'].lower()} projects.</p>",
                "format": "basic_html",
                "processed": f"<p>Support for {call['title'].lower()} projects.</p>",
                "summary": "",
            },
            "field_opening_date": opening,
            "field_closing_date": closing,
            "field_award_min": low,
            "field_award_max": high,
            "field_eligibility": {"value": html, "format": "basic_html", "processed": html},
        },
        "relationships": {
            "node_type": {
                "data": {
                    "type": "node_type--node_type",
                    "id": uid("type", 1),
                    "meta": {"drupal_internal__target_id": "funding_opportunity"},
                }
            },
            "field_funder": {
                "data": {
                    "type": "taxonomy_term--funders",
                    "id": uid("funder", call["funder"]),
                    "meta": {"drupal_internal__target_id": 70 + call["funder"]},
                },
                "links": {"related": {"href": f"{ORIGIN}{API}/{node_id}/field_funder"}},
            },
            "field_theme": {
                "data": [
                    {
                        "type": "taxonomy_term--themes",
                        "id": uid("theme", call["theme"]),
                        "meta": {"drupal_internal__target_id": 200 + call["theme"]},
                    }
                ]
            },
        },
    }


def term(kind: str, number: int, name: str) -> dict:
    vocabulary = "funders" if kind == "funder" else "themes"
    return {
        "type": f"taxonomy_term--{vocabulary}",
        "id": uid(kind, number),
        "links": {
            "self": {"href": f"{ORIGIN}/jsonapi/taxonomy_term/{vocabulary}/{uid(kind, number)}"}
        },
        "attributes": {
            "drupal_internal__tid": (70 if kind == "funder" else 200) + number,
            "name": name,
            "description": None,
            "weight": number,
            "changed": "2025-05-02T08:00:00+01:00",
            "path": {"alias": None, "pid": None, "langcode": "en"},
        },
    }


def page_path(number: int) -> str:
    return f"{API}?{QUERY}&page%5Boffset%5D={(number - 1) * LIMIT}&page%5Blimit%5D={LIMIT}"


def main() -> None:
    everything = calls()
    kind = "application/vnd.api+json"
    routes = [
        {"path": "/robots.txt", "file": "robots.txt", "type": "text/plain"},
        {
            "path": f"{API}?{QUERY}".replace(
                "%2C", ","
            ),  # the first address as the curator wrote it
            "file": "page-1.json",
            "type": kind,
        },
    ]
    for number in range(1, PAGES + 1):
        chunk = everything[(number - 1) * LIMIT : number * LIMIT]
        funders = sorted({c["funder"] for c in chunk})
        themes = sorted({c["theme"] for c in chunk})
        links = {"self": {"href": f"{ORIGIN}{page_path(number)}"}}
        if number < PAGES:
            links["next"] = {"href": f"{ORIGIN}{page_path(number + 1)}"}
        if number > 1:
            links["prev"] = {"href": f"{ORIGIN}{page_path(number - 1)}"}
        body = {
            "jsonapi": {
                "version": "1.0",
                "meta": {"links": {"self": {"href": "http://jsonapi.org/format/1.0/"}}},
            },
            "data": [node(c) for c in chunk],
            "included": [term("funder", f, FUNDERS[f]) for f in funders]
            + [term("theme", t, THEMES[t]) for t in themes],
            "meta": {"count": TOTAL},
            "links": links,
        }
        name = f"page-{number}.json"
        (HERE / name).write_text(json.dumps(body, indent=1, ensure_ascii=False), "utf-8")
        routes.append({"path": page_path(number), "file": name, "type": kind})
    head = "# Hand-built, generated by generate.py (see ../README.md): do not edit by hand.\n"
    (HERE / "routes.yaml").write_text(
        head + yaml.safe_dump({"origin": ORIGIN, "routes": routes}, sort_keys=False, width=400),
        "utf-8",
    )
    items = []
    for call in everything:
        _, (opens_at, closes_at, status) = call["dates"]
        item = {
            "title": call["title"],
            "url": f"{ORIGIN}/funding/{call['slug']}",
            "funder": FUNDERS[call["funder"]],
            "opens_at": opens_at,
            "closes_at": closes_at,
            "amount_min": call["amount"][1][0],
            "amount_max": call["amount"][1][1],
            "fund_total": None,
            "status": status,
        }
        if call["who"][1]:
            item["council_eligible"] = call["who"][1]
        items.append(item)
    head = (
        "# Generated by generate.py from its hand-written patterns (what each value means, decided\n"
        f"# before running fundwatch): every one of the {TOTAL} calls, once.\n"
    )
    (HERE / "expected.yaml").write_text(
        head
        + yaml.safe_dump(
            {"source": "jsonapi_included_big", "now": "2026-11-25T09:00:00+00:00", "items": items},
            sort_keys=False,
            allow_unicode=True,
            width=200,
        ),
        "utf-8",
    )


if __name__ == "__main__":
    main()
