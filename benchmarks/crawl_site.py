"""The generated site benchmarks/crawl_scale.py crawls: a `listing` source in the markup of the
bundled iuk_business_connect snapshot, PAGES pages of 10 calls (varied titles, summaries with
eligibility sentences, funders, dates and amounts, so normalise, eligibility and tagging do their
real work), chained by "next" links, served on loopback by a LoopbackSite that notes when each
listing page was asked for and answered. Over 10,000 pages (a source's max_pages cap) the pages
are split into chains, one start URL each.
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta
from pathlib import Path

import yaml

from spiders.sources.site import LoopbackSite

ROOT = Path(__file__).resolve().parent.parent
ITEMS_PER_PAGE = 10
MAX_CHAIN = 10_000  # config/models.py: max_pages ≤ 10,000
SOURCE_ID = "bench_listing"
TOPICS = [
    "heat network", "retrofit of council homes", "active travel", "bus service improvement",
    "digital inclusion", "full fibre broadband", "flood resilience", "high street regeneration",
    "community energy", "adult social care workforce", "rough sleeping", "library services",
    "electric vehicle charging", "youth employment skills", "heritage at risk", "data and AI pilots",
]  # fmt: skip
FUNDERS = ["Innovate UK", "Department for Transport", "UK Research and Innovation",
           "Ministry of Housing, Communities and Local Government", "Arts Council England",
           "The National Lottery Community Fund", "Department for Energy Security and Net Zero"]  # fmt: skip
WHO = [
    "Local authorities in England can apply, alone or in partnership.",
    "Businesses of any size can apply; councils may join as project partners.",
    "Open to charities and community groups. Public sector bodies are not eligible.",
    "Lead applicants must be a UK registered business working with a local authority.",
    "Combined authorities and unitary councils are invited to bid for a share of the fund.",
]
STATUS = ["Open", "Open", "Open", "Upcoming", "Closed"]
CARD = """    <article id="post-{n}" class="opportunity type-opportunity hentry opportunity-card">
      <span class="opportunity-card__status">{status}</span>
      <h3 class="opportunity-card__title"><a href="{{{{SITE}}}}/opportunities/{slug}/">{title}</a></h3>
      <div class="opportunity-card__excerpt"><p>{summary}</p></div>
      <dl class="opportunity-card__details">
        <div class="opportunity-card__detail"><dt>Funder:</dt><dd>{funder}</dd></div>
        <div class="opportunity-card__detail"><dt>Funding type:</dt><dd>Grant</dd></div>
        <div class="opportunity-card__detail"><dt>Opens:</dt><dd>{opens}</dd></div>
        <div class="opportunity-card__detail"><dt>Closes:</dt><dd>{closes}</dd></div>
        <div class="opportunity-card__detail"><dt>Funding available:</dt><dd>{amount}</dd></div>
      </dl>
    </article>
"""
PAGE = """<!doctype html>
<html lang="en-GB"><head><meta charset="UTF-8"><title>Opportunities - page {page}</title></head>
<body class="archive post-type-archive-opportunity">
<header class="site-header"><nav><ul class="menu"><li><a href="/">Home</a></li>
<li><a href="/opportunities/">Opportunities</a></li><li><a href="/events/">Events</a></li></ul></nav></header>
<main id="primary" class="site-main"><h1 class="page-title">Opportunities</h1>
  <div class="opportunity-list">
{cards}  </div>
  <nav class="navigation pagination"><div class="nav-links">{next}</div></nav>
</main><footer class="site-footer"><p>Generated for benchmarks/crawl_scale.py</p></footer></body></html>
"""
SOURCE = {
    "id": SOURCE_ID,
    "name": "Generated listing for the crawl benchmark",
    "kind": "listing",
    "funder": "Innovate UK",
    "tags": ["research"],
    "item": "article.opportunity-card",
    "fields": {
        "title": "h3.opportunity-card__title a::text",
        "url": "h3.opportunity-card__title a::attr(href)",
        "summary": "div.opportunity-card__excerpt",
        "status": "span.opportunity-card__status::text",
        "funder": {"label": "Funder"},
        "opens": {"label": "Opens"},
        "closes": {"label": "Closes"},
        "amount": {"label": ["Funding available"]},
    },
    "next_page": "a.next.page-numbers::attr(href)",
}


class TimedSite(LoopbackSite):
    """The loopback site, noting when each listing page was asked for and answered: the crawl's
    own time runs from the first page asked for to the last one answered (start-up, robots.txt
    and closing the run left out, as `scrapy bench` leaves out its start-up)."""

    def __init__(self) -> None:
        super().__init__()
        self.served: list[tuple[float, float]] = []

    def _answer(self, handler, *, send_body: bool) -> None:
        asked = time.perf_counter()
        super()._answer(handler, send_body=send_body)
        if handler.path.startswith("/opportunities/"):
            self.served.append((asked, time.perf_counter()))


def day(when: date) -> str:
    return f"{when.day} {when:%B %Y}"


def card(rng: random.Random, n: int) -> str:
    topic = rng.choice(TOPICS)
    today = date.today()
    opens = today - timedelta(days=rng.randrange(-30, 90))
    top = rng.randrange(50, 5000) * 1000
    return CARD.format(
        n=n,
        status=rng.choice(STATUS),
        slug=f"{topic.replace(' ', '-')}-round-{n}",
        title=f"{topic.capitalize()} fund: round {n}",
        # The first sentence each call's own (round n), the rest a funder's usual wording, as on a
        # real listing.
        summary=f"Round {n} of funding for {topic} projects that improve local public services. "
        f"{rng.choice(WHO)} Projects must start within {rng.randrange(3, 13)} months.",
        funder=rng.choice(FUNDERS),
        opens=day(opens),
        closes=day(opens + timedelta(days=rng.randrange(20, 200))),
        amount=rng.choice(
            [f"Up to £{top:,}", f"£{top // 10:,} to £{top:,}", f"£{top // 1000} million"]
        ),
    )


def build_site(site: TimedSite, pages: int) -> list[str]:
    """PAGES listing pages of 10 cards on `site`, in chains of ≤ 500; the chains' start paths."""
    rng = random.Random(20261125)
    starts, chains = [], [min(MAX_CHAIN, pages - first) for first in range(0, pages, MAX_CHAIN)]
    site.add("/robots.txt", "User-agent: *\nDisallow: /wp-admin/\n", content_type="text/plain")
    n = 0
    for chain, length in enumerate(chains):
        path = lambda page, chain=chain: f"/opportunities/{chain}/page/{page}/"  # noqa: E731
        starts.append(path(1))
        for page in range(1, length + 1):
            cards = "".join(card(rng, n + i) for i in range(ITEMS_PER_PAGE))
            n += ITEMS_PER_PAGE
            link = f'<a class="next page-numbers" href="{path(page + 1)}">Next</a>'
            site.add(
                path(page), PAGE.format(page=page, cards=cards, next=link if page < length else "")
            )
    return starts


def write_config(folder: Path, base: str, starts: list[str], pages: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    source = {**SOURCE, "urls": [base + s for s in starts], "max_pages": min(MAX_CHAIN, pages)}
    (folder / "sources.yaml").write_text(yaml.safe_dump([source], sort_keys=False))
    (folder / "tags.yaml").write_text((ROOT / "config" / "tags.yaml").read_text())
    # Politeness off: no delay floor. (AutoThrottle is never enabled by fundwatch.)
    settings = {"crawl": {"contact": "bench@fundwatch.example", "delay": 0, "timeout": 30}}
    (folder / "settings.yaml").write_text(yaml.safe_dump(settings))
