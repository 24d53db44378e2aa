"""Writes this folder's pages, routes.yaml, extras.yaml and expected.yaml (hand-built, generated:
see ../README.md, Round 32). A rural fund's WordPress category feed (RSS 2.0,
`/category/funding/feed/`), 400 posts, ten a page over 40 pages by `?paged=N` (linked by nothing;
404 past the last), newest first, one post every three days; each post's deadline, money and
who may apply only in its `<description>` HTML (CDATA). The calls of the last 28 days are open,
the rest closed, so the feed's archive starts a few pages in: the README's rule (after page 1, a
page whose every call is more than 90 days past, none open, no newer than the page before, is the
last one read) means pages 1 to 5 are read and page 6 is not asked. Run it: python generate.py.

The expected values are not computed by fundwatch: each pattern below states, by hand, what its
words mean in UTC at the snapshots' now (2026-11-25T09:00:00Z; a date alone closes 23:59 London
time, BST until 25 October 2026)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

HERE = Path(__file__).resolve().parent
ORIGIN = "https://www.dalesruralfund.org.uk"
FEED = "/category/funding/feed/"
PER_PAGE, PAGES = 10, 40
TOTAL = PER_PAGE * PAGES
NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
NEWEST = datetime(2026, 11, 24, 10, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")
FUNDER = "Dales Rural Fund"
PLACES = (
    "Askrigg Bainbridge Clapham Dent Grassington Hawes Ingleton Kettlewell Malham Reeth".split()
)
THEMES = (
    "Village Hall|Playground|Warm Space|Tree Planting|Youth Club|Chapel Roof|Food Share|Cycle Hub|"
    "Flood Store|Broadband|Agricultural Show|Riverside Path|Dial-a-Ride|Orchard|Men's Shed|"
    "Walking Group|Bus Shelter|Cricket Pavilion|Solar Panels|Library Van|Carers Café|Pool Cover|"
    "Memory Café|Skate Ramp|Market Cross|Verge Meadow|Public Toilets|Repair Café|War Memorial|"
    "Seed Library|Dew Pond|Street Lights|Village Sign|Defibrillator|Stile Repairs|Heritage Trail|"
    "Farm Open Day|Film Club|Brass Band|Toddler Group"
).split("|")
# (words before the date, time of day or None, format) -> closes at that time London, else 23:59
WORDINGS = [
    ("<p>Closing date: {date}</p>", None),
    ("<p><strong>Deadline:</strong> 5pm on {date}</p>", (17, 0)),
    ("<p>Applications must reach us by 12 noon, {date}.</p>", (12, 0)),
]
# (money words, amount_min, amount_max)
AMOUNTS = [
    ("<p>Grants of up to £2,000.</p>", None, 2000),
    ("<p>Grants of £500 to £5,000 are available.</p>", 500, 5000),
    ("<p>Award range: £1,000 - £15,000</p>", 1000, 15000),
]
# (who words, verdict or None: not pinned)
WHO = [
    ("<p>Who can apply: parish councils and parish meetings.</p>", "yes"),
    ("<p>Who can apply: community groups and charities.</p>", None),
    ("<p>Who can apply: farmers and land managers. Councils are not eligible.</p>", "no"),
    ("<p>Who can apply: village hall committees, schools and town councils.</p>", "yes"),
]


def calls() -> list[dict]:
    made = []
    for i in range(TOTAL):
        title = f"{PLACES[i % 10]} {THEMES[(i // 10) % len(THEMES)]} Grant"
        published = NEWEST - timedelta(days=3 * i)
        day = (published + timedelta(days=28)).date()
        words, clock = WORDINGS[i % 3]
        hour, minute = clock or (23, 59)
        closes = datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON).astimezone(UTC)
        slug = "-".join(title.lower().replace("'", "").replace("é", "e").split())
        made.append(
            {
                "i": i,
                "title": title,
                "slug": slug,
                "published": published,
                "closes": closes,
                "date_words": words.format(date=f"{day.day} {day:%B %Y}"),
                "amount": AMOUNTS[i % 3],
                "who": WHO[i % 4],
            }
        )
    assert len({c["slug"] for c in made}) == TOTAL
    return made


def long_past(call: dict) -> bool:
    return max(call["published"], call["closes"]) < NOW - timedelta(days=90)


def last_read(everything: list[dict]) -> int:
    """The README's rule, by hand: the first page after page 1 whose every call is long past (the
    feed is newest first, so each page is older than the one before)."""
    for page in range(2, PAGES + 1):
        if all(long_past(c) for c in everything[(page - 1) * PER_PAGE : page * PER_PAGE]):
            return page
    return PAGES


def item(call: dict) -> str:
    body = (
        f"<p>The {call['title']} helps {call['title'].split()[0]} and its neighbours.</p>"
        f"{call['date_words']}{call['amount'][0]}{call['who'][0]}"
    )
    url = f"{ORIGIN}/funding/{call['slug']}/"
    return f"""	<item>
		<title>{call["title"]}</title>
		<link>{url}</link>
		<dc:creator><![CDATA[Grants Officer]]></dc:creator>
		<pubDate>{call["published"]:%a, %d %b %Y %H:%M:%S} +0000</pubDate>
		<category><![CDATA[Funding]]></category>
		<guid isPermaLink="false">{ORIGIN}/?p={9000 - call["i"]}</guid>
		<description><![CDATA[{body}]]></description>
	</item>"""


def page(number: int, chunk: list[dict]) -> str:
    items = "\n".join(item(c) for c in chunk)
    return f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
	xmlns:slash="http://purl.org/rss/1.0/modules/slash/"
	>
<!-- Hand-built fixture, generated by generate.py: page {number} of {PAGES}. -->
<channel>
	<title>Funding &#8211; Dales Rural Fund</title>
	<atom:link href="{ORIGIN}{FEED}" rel="self" type="application/rss+xml" />
	<link>{ORIGIN}</link>
	<description>Small grants for the Dales</description>
	<lastBuildDate>Tue, 24 Nov 2026 10:00:00 +0000</lastBuildDate>
	<language>en-GB</language>
	<sy:updatePeriod>hourly</sy:updatePeriod>
	<sy:updateFrequency>1</sy:updateFrequency>
	<generator>https://wordpress.org/?v=6.7.1</generator>
{items}
</channel>
</rss>
"""


def main() -> None:
    everything = calls()
    kind = "application/rss+xml; charset=UTF-8"
    routes = [
        {"path": "/robots.txt", "file": "robots.txt", "type": "text/plain"},
        {"path": FEED, "file": "feed-1.xml", "type": kind},
    ]
    for number in range(1, PAGES + 1):
        name = f"feed-{number}.xml"
        (HERE / name).write_text(
            page(number, everything[(number - 1) * PER_PAGE : number * PER_PAGE]), "utf-8"
        )
        routes.append({"path": f"{FEED}?paged={number}", "file": name, "type": kind})
    head = "# Hand-built, generated by generate.py (see ../README.md): do not edit by hand.\n"
    (HERE / "routes.yaml").write_text(
        head + yaml.safe_dump({"origin": ORIGIN, "routes": routes}, sort_keys=False, width=400),
        "utf-8",
    )
    extras = [
        {
            "path": f"{FEED}?paged={PAGES + 1}",
            "status": 404,
            "type": "text/html; charset=UTF-8",
            "body": "<!doctype html><title>Page not found</title><h1>Oops! That page can't be found.</h1>",
        }
    ]
    (HERE / "extras.yaml").write_text(
        head
        + "# WordPress's answer past the last page.\n"
        + yaml.safe_dump(extras, sort_keys=False, width=400),
        "utf-8",
    )
    last = last_read(everything)
    assert last == 5, last  # stated in the docstring, decided by hand
    items = []
    for call in everything[: last * PER_PAGE]:
        item_ = {
            "title": call["title"],
            "url": f"{ORIGIN}/funding/{call['slug']}/",
            "funder": FUNDER,
            "opens_at": None,
            "closes_at": call["closes"].isoformat(),
            "amount_min": call["amount"][1],
            "amount_max": call["amount"][2],
            "fund_total": None,
            "status": "open" if call["closes"] > NOW else "closed",
        }
        if call["who"][1]:
            item_["council_eligible"] = call["who"][1]
        items.append(item_)
    head = (
        "# Generated by generate.py from its hand-written patterns (what each wording means, decided\n"
        f"# before running fundwatch): the {last * PER_PAGE} calls of pages 1 to {last}, read before the\n"
        "# feed's archive; none of the later pages is asked.\n"
    )
    (HERE / "expected.yaml").write_text(
        head
        + yaml.safe_dump(
            {"source": "wp_rss_paged_archive", "now": "2026-11-25T09:00:00+00:00", "items": items},
            sort_keys=False,
            allow_unicode=True,
            width=200,
        ),
        "utf-8",
    )


if __name__ == "__main__":
    main()
