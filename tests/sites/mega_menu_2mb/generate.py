"""Writes page.html: a combined authority's funding page of about 2 MB, nearly all of it
navigation (a mega menu of some 9,000 links, an A to Z of services, a footer sitemap, an inline
SVG icon sprite and a search index in a <script>) around ten calls written by hand below.
Run it again after editing it (python3 generate.py); never edit page.html."""

import json
import random
from pathlib import Path

HERE = Path(__file__).parent
random.seed(30)

WORDS = (
    "housing transport skills business culture planning climate health safety roads parks "
    "libraries waste energy employment investment digital community heritage tourism water "
    "education care youth adult children rail bus cycling walking airport freight innovation"
).split()

# The ten calls, as the page shows them: (slug, title, summary, facts as (label, words)).
CALLS = [
    (
        "bus-service-improvement-grants",
        "Bus Service Improvement Grants",
        "New and better bus services between towns and villages.",
        [
            ("Closing date", "15 January 2027, 23:59"),
            ("Funding", "£100,000 – £500,000"),
            ("Who can apply", "Constituent and district councils."),
        ],
    ),
    (
        "skills-bootcamps-wave-8",
        "Skills Bootcamps Wave 8",
        "Short courses in digital, green and construction skills.",
        [
            ("Closing date", "Monday 8 February 2027, 12:00"),
            ("Funding", "Up to £2m"),
            ("Who can apply", "Training providers and colleges."),
        ],
    ),
    (
        "brownfield-housing-fund-round-3",
        "Brownfield Housing Fund Round 3",
        "Unlocking homes on brownfield land.",
        [
            ("Closing date", "31 March 2027, 5pm"),
            ("Funding", "£1m – £10m"),
            ("Who can apply", "Local authorities and registered housing providers."),
        ],
    ),
    (
        "net-zero-neighbourhoods",
        "Net Zero Neighbourhoods",
        "Retrofit and local energy projects led by communities.",
        [
            ("Closing date", "20/11/2026"),
            ("Funding", "Grants up to £50,000"),
            ("Who can apply", "Parish and town councils and community energy groups."),
        ],
    ),
    (
        "cultural-places-fund",
        "Cultural Places Fund",
        "Capital works to cultural venues across the region.",
        [
            ("Opens", "1 February 2027"),
            ("Closing date", "30 April 2027"),
            ("Funding", "£20,000 to £150,000"),
            ("Who can apply", "Arts organisations, museums and local authorities."),
        ],
    ),
    (
        "digital-inclusion-devices",
        "Digital Inclusion Devices Scheme",
        "Laptops and data for people who are digitally excluded.",
        [
            ("Closing date", "Rolling"),
            ("Funding", "Up to £5,000"),
            ("Who can apply", "Charities and community groups."),
        ],
    ),
    (
        "high-street-heritage",
        "High Street Heritage Action Zones",
        "Repairing historic high street buildings.",
        [
            ("Closing date", "2 December 2026, 12 noon"),
            ("Funding", "£500k–£2m"),
            ("Who can apply", "District councils only."),
        ],
    ),
    (
        "business-energy-efficiency",
        "Business Energy Efficiency Grants",
        "Lighting, insulation and heating upgrades for small firms.",
        [
            ("Closing date", "14th January 2027"),
            ("Funding", "£1,000 - £25,000"),
            (
                "Who can apply",
                "Small and medium-sized businesses. Not open to public sector organisations.",
            ),
        ],
    ),
    (
        "active-travel-fund-5",
        "Active Travel Fund 5",
        "Cycle lanes, crossings and walking routes.",
        [
            ("Closing date", "29 January 2027 at 4pm"),
            ("Funding", "£3.5m total fund"),
            ("Who can apply", "Highway authorities."),
        ],
    ),
    (
        "youth-employment-innovation",
        "Youth Employment Innovation Fund",
        "New ways to help young people into work.",
        [
            ("Closing date", "5 March 2027"),
            ("Funding", "£50k–£200k"),
            ("Who can apply", "Voluntary sector organisations and social enterprises."),
        ],
    ),
]


def phrase(n: int) -> str:
    return " ".join(random.choice(WORDS) for _ in range(n)).capitalize()


def slug(text: str) -> str:
    return text.lower().replace(" ", "-")


def mega_menu() -> str:
    out = ['<nav class="mega-menu" aria-label="Main menu"><ul class="mega-menu__list">']
    for section in range(30):
        name = phrase(2)
        out.append(
            f'<li class="mega-menu__item"><button class="mega-menu__toggle" '
            f'aria-expanded="false" aria-controls="mm-{section}">{name}</button>'
            f'<div class="mega-menu__panel" id="mm-{section}" hidden>'
        )
        for _column in range(12):
            out.append(
                f'<div class="mega-menu__column"><h3 class="mega-menu__heading">{phrase(2)}</h3><ul>'
            )
            for _ in range(20):
                words = phrase(3)
                out.append(
                    f'<li><a class="mega-menu__link" href="/{slug(name)}/{slug(words)}">{words}</a></li>'
                )
            out.append("</ul></div>")
        out.append("</div></li>")
    out.append("</ul></nav>")
    return "\n".join(out)


def a_to_z() -> str:
    out = ['<section class="a-to-z" aria-label="Services A to Z"><h2>Services A to Z</h2>']
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        out.append(f'<h3 id="az-{letter}">{letter}</h3><ul class="a-to-z__list">')
        for _ in range(80):
            words = letter + phrase(3)[1:]
            out.append(f'<li><a href="/services/{slug(words)}">{words}</a></li>')
        out.append("</ul>")
    out.append("</section>")
    return "\n".join(out)


def sprite() -> str:
    symbols = []
    for n in range(300):
        path = " ".join(f"L{random.randint(0, 24)} {random.randint(0, 24)}" for _ in range(40))
        symbols.append(
            f'<symbol id="icon-{n}" viewBox="0 0 24 24"><path d="M0 0 {path}Z"/></symbol>'
        )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" style="display:none">'
        + "".join(symbols)
        + "</svg>"
    )


def search_index() -> str:
    entries = [{"t": phrase(4), "u": f"/{slug(phrase(2))}", "b": phrase(25)} for _ in range(2500)]
    return (
        '<script id="search-index" type="application/json">'
        + json.dumps(entries, separators=(",", ":"))
        + "</script>"
    )


def call(slug_: str, title: str, summary: str, facts: list) -> str:
    rows = "".join(
        f'<li><span class="result__label">{label}:</span> {words}</li>' for label, words in facts
    )
    return (
        f'<li class="result"><h3 class="result__title"><a href="/funding/{slug_}">{title}</a></h3>'
        f'<p class="result__summary">{summary}</p><ul class="result__facts">{rows}</ul></li>'
    )


def page() -> str:
    calls = "\n".join(call(*c) for c in CALLS)
    footer_sitemap = mega_menu().replace("mega-menu", "footer-sitemap")[:400_000]
    footer_sitemap = (
        footer_sitemap[: footer_sitemap.rfind("</li>") + 5] + "</ul></div></li></ul></nav>"
    )
    return f"""<!DOCTYPE html>
<!-- Hand-built fixture (tests/sites/README.md), written by generate.py: a combined authority's
     funding page, about 2 MB of navigation around ten calls. -->
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Funding opportunities | Thornbury Valley Combined Authority</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/dist/app.7d1e2f.css">
</head>
<body class="page-funding">
{sprite()}
<div class="cookie-banner" id="ccc"><p>We use cookies to make this site work and to understand how it is used.</p><button>Accept all cookies</button><button>Reject optional cookies</button><a href="/cookies">Cookie settings</a></div>
<header class="site-header"><a href="/" class="logo"><svg><use href="#icon-1"/></svg>Thornbury Valley Combined Authority</a></header>
{mega_menu()}
<main id="main">
<nav class="breadcrumb"><a href="/">Home</a> / <a href="/business-and-funding">Business and funding</a> / Funding opportunities</nav>
<h1>Funding opportunities</h1>
<p>Open and upcoming funding from the combined authority. Times are UK time.</p>
<section class="funding-results" aria-label="Funding opportunities"><ul class="results">
{calls}
</ul></section>
</main>
{a_to_z()}
<footer class="site-footer">{footer_sitemap}</footer>
{search_index()}
<script src="/dist/app.7d1e2f.js" defer></script>
</body>
</html>
"""


if __name__ == "__main__":
    (HERE / "page.html").write_text(page(), encoding="utf-8")
