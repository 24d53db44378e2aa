"""Writes this folder's pages, routes.yaml, extras.yaml and expected.yaml (hand-built, generated: see
../README.md, Round 32). A community foundation's WordPress REST API of a `funding` custom post
type with ACF fields: 544 calls, 16 a page, 34 pages, paged as WordPress pages it: `X-WP-Total`,
`X-WP-TotalPages` and a `Link` header naming the next and previous pages (none in the body); past
the last page WordPress answers 400 `rest_post_invalid_page_number`. ACF gives a date picker as
"Ymd", a time picker as "H:i" (or "" when empty), number fields as strings ("" when empty), a
WYSIWYG field as HTML. Run it from anywhere: python generate.py.

The expected values are not computed by fundwatch: each pattern below states, by hand, what its
words mean in UTC at the snapshots' now (2026-11-25T09:00:00Z; a date alone closes 23:59 London
time, BST from 28 March 2027)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ORIGIN = "https://www.thamesvalefoundation.org.uk"
API = "/wp-json/wp/v2/funding"
PER_PAGE, PAGES = 16, 34
TOTAL = PER_PAGE * PAGES
FUNDER = "Thames Vale Community Foundation"

PLACES = [
    "Abingdon",
    "Bicester",
    "Cholsey",
    "Didcot",
    "Eynsham",
    "Faringdon",
    "Goring",
    "Henley",
    "Kidlington",
    "Lechlade",
    "Marlow",
    "Nettlebed",
    "Oxhey",
    "Pangbourne",
    "Radley",
    "Sonning",
    "Thame",
]
THEMES = [
    "Village Hall",
    "Play Park",
    "Warm Spaces",
    "Tree Planting",
    "Youth Club",
    "Heritage &amp; Archives",
    "Food Bank",
    "Active Travel",
    "Flood Resilience",
    "Digital Inclusion",
    "Arts &#8211; Festivals",
    "Riverside Access",
    "Community Transport",
    "Allotments",
    "Men&#8217;s Sheds",
    "Wellbeing",
    "Bus Shelter",
    "Sports Pavilion",
    "Green Energy",
    "Library Outreach",
    "Carers Breaks",
    "Lido Repairs",
    "Dementia Cafes",
    "Skatepark",
    "Market Square",
    "Wildflower Verges",
    "Toilets &amp; Changing Places",
    "Repair Caf&eacute;",
    "Churchyard Walls",
    "Food Growing",
    "Pond Restoration",
    "Street Trees",
]
# ACF (opening_date, closing_date, closing_time) -> (opens_at, closes_at, status)
DATES = [
    (("", "20270129", "17:00"), (None, "2027-01-29T17:00:00+00:00", "open")),
    (("", "20270312", ""), (None, "2027-03-12T23:59:00+00:00", "open")),
    (("", "20270430", "12:00"), (None, "2027-04-30T11:00:00+00:00", "open")),
    (("", "20261014", ""), (None, "2026-10-14T22:59:00+00:00", "closed")),
    (("", "20261125", "08:00"), (None, "2026-11-25T08:00:00+00:00", "closed")),
    (
        ("20270201", "20270331", ""),
        ("2027-02-01T00:00:00+00:00", "2027-03-31T22:59:00+00:00", "upcoming"),
    ),
    (("", "20261125", "17:00"), (None, "2026-11-25T17:00:00+00:00", "open")),
]
# ACF (award_min, award_max) -> (amount_min, amount_max)
AMOUNTS = [
    (("1000", "10000"), (1000, 10000)),
    (("", "5000"), (None, 5000)),
    (("500", "2000"), (500, 2000)),
    (("", "150000"), (None, 150000)),
    (("25000", ""), (25000, None)),
]
# ACF who_can_apply -> verdict (None: not pinned)
WHO = [
    ("<p>Town and parish councils in the Thames Vale area.</p>", "yes"),
    ("<p>Registered charities and constituted community groups.</p>", None),
    ("<ul>\n<li>Local authorities</li>\n<li>NHS bodies</li>\n</ul>", "yes"),
    ("<p>Registered charities only. Councils and other public bodies cannot apply.</p>", "no"),
]


def unescape(title: str) -> str:
    return (
        title.replace("&amp;", "&")
        .replace("&#8211;", "–")
        .replace("&#8217;", "’")
        .replace("&eacute;", "é")
    )


def calls() -> list[dict]:
    made = []
    for i in range(TOTAL):
        place, theme = PLACES[i % len(PLACES)], THEMES[(i // len(PLACES)) % len(THEMES)]
        rendered = f"{place} {theme} Fund"
        slug = unescape(rendered).lower().replace("&", "and").replace("’", "").replace("é", "e")
        slug = "-".join(w for w in slug.replace("–", " ").split())
        made.append(
            {
                "i": i,
                "id": 9000 + TOTAL - i,
                "rendered": rendered,
                "title": unescape(rendered),
                "slug": slug,
                "dates": DATES[i % 7],
                "amount": AMOUNTS[i % 5],
                "who": WHO[i % 4],
            }
        )
    assert len({c["slug"] for c in made}) == TOTAL
    return made


def post(call: dict) -> dict:
    (opening, closing, time), _ = call["dates"]
    (low, high), _ = call["amount"]
    link = f"{ORIGIN}/funding/{call['slug']}/"
    day = 1 + call["i"] % 28
    return {
        "id": call["id"],
        "date": f"2026-{9 + call['i'] % 3:02d}-{day:02d}T10:{call['i'] % 60:02d}:00",
        "date_gmt": f"2026-{9 + call['i'] % 3:02d}-{day:02d}T09:{call['i'] % 60:02d}:00",
        "guid": {"rendered": f"{ORIGIN}/?post_type=funding&#038;p={call['id']}"},
        "modified": "2026-11-20T16:02:11",
        "modified_gmt": "2026-11-20T16:02:11",
        "slug": call["slug"],
        "status": "publish",
        "type": "funding",
        "link": link,
        "title": {"rendered": call["rendered"]},
        "content": {
            "rendered": f"<p>The {call['rendered']} supports projects that make a lasting difference "
            "to local people. Read the guidance notes before you apply.</p>\n",
            "protected": False,
        },
        "excerpt": {
            "rendered": f"<p>Funding for {call['rendered'].split(' Fund')[0]} projects.</p>\n",
            "protected": False,
        },
        "featured_media": 0,
        "template": "",
        "meta": {"_acf_changed": False},
        "funding_theme": [12, 31],
        "class_list": [f"post-{call['id']}", "funding", "type-funding", "status-publish", "hentry"],
        "acf": {
            "opening_date": opening,
            "closing_date": closing,
            "closing_time": time,
            "award_min": low,
            "award_max": high,
            "who_can_apply": call["who"][0],
            "apply_link": {
                "title": "Apply online",
                "url": f"{ORIGIN}/apply/?fund={call['id']}",
                "target": "_blank",
            },
        },
        "_links": {
            "self": [{"href": f"{ORIGIN}{API}/{call['id']}", "targetHints": {"allow": ["GET"]}}],
            "collection": [{"href": f"{ORIGIN}{API}"}],
            "about": [{"href": f"{ORIGIN}/wp-json/wp/v2/types/funding"}],
            "wp:attachment": [{"href": f"{ORIGIN}/wp-json/wp/v2/media?parent={call['id']}"}],
            "curies": [{"name": "wp", "href": "https://api.w.org/{rel}", "templated": True}],
        },
    }


def page_url(number: int) -> str:
    return f"{ORIGIN}{API}?per_page={PER_PAGE}&page={number}"


def main() -> None:
    everything = calls()
    kind = "application/json; charset=UTF-8"
    routes = [{"path": "/robots.txt", "file": "robots.txt", "type": "text/plain"}]
    for number in range(1, PAGES + 1):
        name = f"funding-{number}.json"
        chunk = everything[(number - 1) * PER_PAGE : number * PER_PAGE]
        (HERE / name).write_text(
            json.dumps([post(c) for c in chunk], indent=1, ensure_ascii=False), "utf-8"
        )
        links = []
        if number > 1:
            links.append(f'<{page_url(number - 1)}>; rel="prev"')
        if number < PAGES:
            links.append(f'<{page_url(number + 1)}>; rel="next"')
        headers = {
            "X-WP-Total": str(TOTAL),
            "X-WP-TotalPages": str(PAGES),
            "Link": ", ".join(links),
            "Allow": "GET",
        }
        paths = [f"{API}?per_page={PER_PAGE}&page={number}"]
        if number == 1:
            paths.insert(0, f"{API}?per_page={PER_PAGE}")
        for path in paths:
            routes.append({"path": path, "file": name, "type": kind, "headers": dict(headers)})
    head = "# Hand-built, generated by generate.py (see ../README.md): do not edit by hand.\n"
    (HERE / "routes.yaml").write_text(
        head + yaml.safe_dump({"origin": ORIGIN, "routes": routes}, sort_keys=False, width=400),
        "utf-8",
    )
    body = json.dumps(
        {
            "code": "rest_post_invalid_page_number",
            "message": "The page number requested is larger than the number of pages available.",
            "data": {"status": 400},
        }
    )
    extras = [
        {
            "path": f"{API}?per_page={PER_PAGE}&page={PAGES + 1}",
            "status": 400,
            "type": kind,
            "body": body,
        }
    ]
    (HERE / "extras.yaml").write_text(
        head
        + "# WordPress's answer past the last page.\n"
        + yaml.safe_dump(extras, sort_keys=False, width=400),
        "utf-8",
    )
    items = []
    for call in everything:
        _, (opens_at, closes_at, status) = call["dates"]
        item = {
            "title": call["title"],
            "url": f"{ORIGIN}/funding/{call['slug']}/",
            "funder": FUNDER,
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
            {
                "source": "wp_rest_link_header_big",
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
