"""Not a benchmark: the check that a change made for speed changed no answer. Prints, one JSON line
each, what the readers give over every tests/sites folder (each call as the spider yields it, as
normalised and tagged, the spider's problems and the field-match problems) and over every case
table row's input (tests/cases: read as a date, money, text, link, title and eligibility, and as
each field of a call normalised and tagged). Run it on two trees and compare the outputs byte for
byte:

    .venv/bin/python benchmarks/readers_dump.py > /tmp/after.txt     # in each tree; then cmp
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["FUNDWATCH_ALLOW_LOOPBACK"] = "1"

from scrapy.settings import Settings  # noqa: E402

import tests.unseen_sites as sites  # noqa: E402
from config.addresses import source_host_keys  # noqa: E402
from config.loader import load_tags  # noqa: E402
from config.models import Source  # noqa: E402
from config.yaml_file import parse_yaml  # noqa: E402
from spiders.cross_references import without_cross_references  # noqa: E402
from spiders.eligibility import council_eligibility  # noqa: E402
from spiders.field_matches import FieldMatches  # noqa: E402
from spiders.items import OpportunitySighting  # noqa: E402
from spiders.normalise.dates import parse_date  # noqa: E402
from spiders.normalise.money import parse_amounts  # noqa: E402
from spiders.normalise.sighting import normalise  # noqa: E402
from spiders.normalise.text import clean_text  # noqa: E402
from spiders.normalise.title_icons import without_icons  # noqa: E402
from spiders.normalise.urls import canonical_url  # noqa: E402
from spiders.registry import make_spider  # noqa: E402
from spiders.sources import SNAPSHOT_NOW  # noqa: E402
from spiders.tagging import compile_rules, tag_sighting  # noqa: E402
from tests.offline_crawl import first_pages, run_callbacks  # noqa: E402

RULES = compile_rules(load_tags(ROOT / "config"))
FIELDS = ("title", "summary", "closes", "opens", "amount", "status", "eligibility")
GENERIC = Source.model_validate(
    {"id": "dump", "name": "Dump", "kind": "listing", "urls": ["https://example.gov.uk/funding/"],
     "item": "li", "fields": {"title": "a::text", "url": "a::attr(href)"}}
)  # fmt: skip


def emit(*parts) -> None:
    print(json.dumps(parts, default=repr, sort_keys=True, ensure_ascii=False))


def safe(read, *args, **kwargs):
    try:
        return read(*args, **kwargs)
    except Exception as error:  # an error is an answer too: it must not change either
        return f"!{type(error).__name__}: {error}"


def stored(item, source):
    return tag_sighting(normalise(item, source, SNAPSHOT_NOW), RULES).model_dump()


def dump_site(site_id: str) -> None:
    source = Source.model_validate(sites.entry(site_id))
    spider = make_spider(source)
    spider.settings = Settings()
    start = [(spider.start_url(url), call, kw) for url, call, kw in first_pages(spider)]
    hosts = source_host_keys(source.urls, source.follow_hosts)
    raw = run_callbacks(
        start, lambda url: sites._response(site_id, url, hosts), start_errback=spider.on_error
    )
    matches = FieldMatches()
    for item in raw:
        emit(site_id, "raw", item.__dict__)
        matches.add(source, item)
        emit(site_id, "stored", stored(item, source))
    emit(site_id, "problems", spider.problems, matches.problems(source))
    emit(site_id, "xref", [call.title for call in without_cross_references(raw, source.urls[0])])


def dump_row(table: str, n: int, text: str) -> None:
    late = safe(parse_date, text, end_of_day=True, now=SNAPSHOT_NOW)
    emit(table, n, "date", str(safe(parse_date, text)), str(late))
    money = safe(parse_amounts, text), safe(parse_amounts, text, cued_only=True)
    emit(table, n, "money", *map(repr, money))
    link = safe(canonical_url, text, "https://example.gov.uk/a/")
    emit(table, n, "text", safe(clean_text, text), link, safe(without_icons, text))
    emit(table, n, "eligibility", repr(safe(council_eligibility, text)))
    for field in FIELDS:
        values = {"title": "Community fund", "url": "https://example.gov.uk/c/1", field: text}
        item = OpportunitySighting("dump", page_url=GENERIC.urls[0], **values)
        emit(table, n, field, safe(stored, item, GENERIC))
        matches = FieldMatches()
        for _ in range(3):
            matches.add(GENERIC, item)
        emit(table, n, field, "field matches", matches.problems(GENERIC))


def main() -> None:
    for site_id in sites.SITE_IDS:
        dump_site(site_id)
    for table in sorted((ROOT / "tests" / "cases").glob("*.yaml")):
        for n, row in enumerate(parse_yaml(table.read_text("utf-8"))):
            text = row.get("input") or row.get("summary") or row.get("title")
            if isinstance(text, str):
                dump_row(table.name, n, text)
            else:
                emit(table.name, n, "not text", repr(text))


if __name__ == "__main__":
    main()
