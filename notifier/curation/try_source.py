"""`fundwatch sources try`: one source's extraction, run the way a crawl runs it, writing nothing.

What it gives (Tried: each item as extracted and as a crawl would store it, normalised and tagged)
is read out by notifier/curation/try_report.py: every field in words, each field the source
configures that did not extract marked, and the fill rate of each field: what a curator needs to
trust a new selector.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from config.models import Settings, Source, TagRule
from notifier.curation.fetch import PoliteFetcher, refresh_target
from notifier.curation.harvest import Harvest, Harvester, saved_response, start_requests
from notifier.curation.host_turns import Turns, no_turns
from notifier.curation.try_repeats import first_of_each
from spiders.field_matches import FieldMatches, found
from spiders.items import OpportunitySighting
from spiders.normalise.sighting import normalise
from spiders.tagging import compile_rules, tag_sighting
from storage.sighting import Sighting

# Every field a source can fill, in the order people read an opportunity.
FIELDS = (
    "title",
    "url",
    "ref",
    "summary",
    "funder",
    "opens",
    "closes",
    "amount",
    "fund_total",
    "status",
    "eligibility",
    "buyer_type",
    # A notice's type decides its kind (market engagement, planned procurement, tender), and its
    # contact is what a market-engagement alert names: both configured, so both shown and counted.
    "notice_type",
    "contact",
)


@dataclass
class Tried:
    source: Source
    harvest: Harvest
    records: list[tuple[OpportunitySighting, Sighting]]  # raw, and normalised and tagged
    fields: list[str]  # the fields the fill rate covers
    tag_labels: dict[str, str]

    def detail_missed(self, raw: OpportunitySighting, name: str) -> bool:
        return name in self.harvest.detail_fields and id(raw) in self.harvest.unfetched_detail


def covered_fields(source: Source, items: list[OpportunitySighting]) -> list[str]:
    """What the source configures (selectors, detail, required); a feed or custom spider's own."""
    wanted = {*source.fields, *(source.detail.fields if source.detail else ())}
    if not wanted:
        wanted = {name for raw in items for name in FIELDS if found(raw, name)} | {"title", "url"}
    wanted |= set(source.required)
    return [name for name in FIELDS if name in wanted]


def try_source(
    source: Source,
    tags: dict[str, TagRule],
    settings: Settings,
    now: datetime,
    *,
    url: str | None = None,
    file: Path | None = None,
    turns: Turns = no_turns,
) -> Tried:
    """Run the source on its live URLs, on `url`, or on the saved page `file` (read as from `url`,
    else the source's first URL). Nothing is written anywhere. `turns`: holds the hosts the
    fetching may reach while it runs (notifier/curation/host_turns.py); a saved page asks none."""
    if file is not None:
        harvester = Harvester(source, settings, None)
        page_url = url or source.urls[0]
        requests = start_requests(harvester.spider, page_url)
        first = saved_response(file, page_url)
        harvest = harvester.run(requests, first=first)
        target = refresh_target(first)
        if target and not harvest.items:
            harvest.problems.append(
                f'this page is a <meta http-equiv="refresh"> to {target}: a crawl follows it; '
                "save that page, or try --url it"
            )
    else:
        fetcher = PoliteFetcher(settings, source, (url,) if url else ())
        harvester = Harvester(source, settings, fetcher)
        with turns(fetcher.hosts):
            harvest = harvester.run(start_requests(harvester.spider, url))
    return tried_from(harvest, tags, now)


def tried_from(harvest: Harvest, tags: dict[str, TagRule], now: datetime) -> Tried:
    """What a harvest extracted, normalised and tagged as a crawl would store it."""
    source, rules = harvest.source, compile_rules(tags)
    records = first_of_each(
        [(raw, tag_sighting(normalise(raw, source, now), rules)) for raw in harvest.items]
    )
    # A configured field no call gave is the problem a crawl would fail its run with; a call
    # whose detail page was not read (--file, a page cap) is not counted for that page's fields.
    matches = FieldMatches()
    for raw in harvest.items:
        unread = id(raw) in harvest.unfetched_detail
        matches.add(source, raw, frozenset(harvest.detail_fields if unread else ()))
    harvest.problems.extend(matches.problems(source))
    labels = {tag_id: rule.label or tag_id for tag_id, rule in tags.items()}
    return Tried(source, harvest, records, covered_fields(source, harvest.items), labels)
