"""Property tests over every source's parsing: the real snapshot pages, damaged (byte flips,
truncation, tag soup, huge attributes, wrong encodings) or, for the `api` kind, given random JSON,
go through the source's own callbacks (feed, listing, api, custom) and the item pipeline's pure
steps. No exception escapes; what cannot be read is a problem line, and an item without a title or
a usable link is dropped with its reason, as the crawl does it (spiders/pipelines.py).
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from urllib.parse import urlsplit

from hypothesis import given, settings
from hypothesis import strategies as st
from parsel import Selector
from scrapy.http import Headers, Request, Response
from scrapy.responsetypes import responsetypes

from config.loader import load_sources, load_tags
from spiders.extract import FieldReader
from spiders.normalise.sighting import normalise
from spiders.registry import make_spider
from spiders.sources import SNAPSHOT_NOW, SOURCES_DIR, source_folders
from spiders.sources.routes import load_routes
from spiders.tagging import compile_rules, tag_sighting
from tests.crawl_helpers import ROOT
from tests.offline_crawl import first_pages, request_path, run_callbacks
from tests.reliability.fuzz import PROFILE, Damaged, json_values, mutated, replace_somewhere

SOURCES = {s.id: s for s in load_sources(ROOT / "config")}
SNAPSHOTS = [f.name for f in source_folders() if f.name in SOURCES]
API_SOURCES = [s for s in SNAPSHOTS if SOURCES[s].kind == "api"]
MAX_REQUESTS = 60  # per example: a source's whole snapshot is smaller


@cache
def pages(source_id: str) -> dict[str, tuple[bytes, str]]:
    """The snapshot's pages by path and query: (body, Content-Type)."""
    _, routes = load_routes(SOURCES_DIR / source_id)
    return {
        path: (route.file.read_bytes(), route.content_type)
        for path, route in routes.items()
        if path != "/robots.txt"
    }


@cache
def tag_rules():
    return compile_rules(load_tags(ROOT / "config"))


def response_for(url: str, body: bytes, content_type: str) -> Response:
    """What Scrapy would hand the callback: the class chosen from the headers and body."""
    headers = Headers({"Content-Type": content_type} if content_type else {})
    cls = responsetypes.from_args(headers=headers, url=url, body=body)
    return cls(url=url, body=body, headers=headers, request=Request(url))


def crawl_offline(source_id: str, site: dict[str, tuple[bytes, str]]) -> tuple[list, list[str]]:
    """Run the source's callbacks over `site` (path → page), breadth first, as a crawl would; a
    request for a page the site does not have gets no answer. Returns (items, problems)."""
    spider = make_spider(SOURCES[source_id])

    def answer(url: str):
        page = site.get(request_path(url))
        return None if page is None else response_for(url, *page)

    items = run_callbacks(first_pages(spider), answer, limit=MAX_REQUESTS)
    return items, spider.problems


def through_the_pipeline(source_id: str, items: list, now: datetime) -> tuple[int, list[str]]:
    """Normalise, validate and tag each item as the pipelines do: (kept, reasons for the dropped)."""
    kept, dropped = 0, []
    for item in items:
        sighting = normalise(item, SOURCES[source_id], now)
        missing = sighting.missing()
        if missing:
            dropped.append(f"{sighting.title or sighting.ref!r} is missing {', '.join(missing)}")
            continue
        tag_sighting(sighting, tag_rules())
        kept += 1
    return kept, dropped


def test_every_source_with_a_snapshot_is_exercised():
    kinds = {SOURCES[s].kind for s in SNAPSHOTS}
    assert {"feed", "listing", "api", "custom"} <= kinds, kinds
    assert len(SNAPSHOTS) >= 10


def test_the_harness_reads_the_undamaged_snapshots():
    """Without damage every source yields its items and no problem: the harness itself works."""
    for source_id in SNAPSHOTS:
        items, problems = crawl_offline(source_id, pages(source_id))
        assert items and problems == [], (source_id, problems)
        kept, dropped = through_the_pipeline(source_id, items, SNAPSHOT_NOW)
        assert kept == len(items) and dropped == [], source_id


@st.composite
def damaged_site(draw) -> Damaged:
    source_id = draw(st.sampled_from(SNAPSHOTS))
    site = dict(pages(source_id))
    path = draw(st.sampled_from(sorted(site)))
    body, content_type, how = draw(mutated(*site[path]))
    site[path] = (body, content_type)
    return Damaged(source_id, path, how, site)


@settings(PROFILE, max_examples=300)
@given(damaged_site())
def test_a_damaged_page_never_raises_out_of_a_source(case):
    items, problems = crawl_offline(case.source_id, case.site)
    assert all(isinstance(p, str) and p for p in problems)
    through_the_pipeline(case.source_id, items, SNAPSHOT_NOW)


@st.composite
def random_api_answer(draw) -> Damaged:
    source_id = draw(st.sampled_from(API_SOURCES))
    site = dict(pages(source_id))
    path = draw(st.sampled_from(sorted(site)))
    body, content_type = site[path]
    how = draw(st.sampled_from(["node", "node", "whole", "deep"]))
    described = how
    if how == "node":  # one value anywhere in the real answer becomes something else
        data = replace_somewhere(json.loads(body), draw(json_values), draw(st.integers(0, 10**6)))
        body = json.dumps(data).encode()
    elif how == "whole":
        body = json.dumps(draw(json_values)).encode()
    else:  # nesting deeper than any parser's recursion limit
        depth = draw(st.sampled_from([1_000, 100_000]))
        body = draw(st.sampled_from([b"[" * depth, b'{"a":' * depth + b"1" + b"}" * depth]))
        described = f"nested {depth} deep: {body[:12]!r}"
    site[path] = (body, content_type)
    return Damaged(source_id, path, described, site)


@settings(PROFILE, max_examples=80)
@given(random_api_answer())
def test_any_json_answer_never_raises_out_of_an_api_source(case):
    items, _ = crawl_offline(case.source_id, case.site)
    through_the_pipeline(case.source_id, items, SNAPSHOT_NOW)


def test_a_bad_item_is_dropped_with_its_reason_not_stored():
    """An item whose only link is javascript: is dropped with the reason; the others are kept."""
    source_id = "ukri_rss"
    body, content_type = pages(source_id)["/opportunity/feed/"]
    text = body.decode("utf-8")
    first = text.index("<link>", text.index("<item>"))
    text = (
        text[:first]
        + "<link>javascript:alert(1)</link><!--"
        + text[first:].replace("</link>", "</link>-->", 1)
    )
    site = {**pages(source_id), "/opportunity/feed/": (text.encode(), content_type)}
    items, _ = crawl_offline(source_id, site)
    kept, dropped = through_the_pipeline(source_id, items, SNAPSHOT_NOW)
    assert dropped and all("missing url" in reason for reason in dropped), dropped
    assert kept == len(items) - len(dropped) > 0


PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n\x00\x01\x02\x03" * 20


def test_a_binary_answer_where_a_page_should_be_is_a_problem_not_an_exception():
    """A server that answers a PDF (or an image) at a listing's address: every kind says so."""
    for source_id in SNAPSHOTS:
        site = dict(pages(source_id))
        first = urlsplit(SOURCES[source_id].urls[0])
        path = first.path + (f"?{first.query}" if first.query else "")
        site[path if path in site else sorted(site)[0]] = (PDF, "application/pdf")
        items, problems = crawl_offline(source_id, site)
        assert problems and items == [], source_id


def test_json_nested_past_the_recursion_limit_inside_a_page_is_read_around():
    """Find a Grant's __NEXT_DATA__ script opened 100,000 arrays deep: the cards are read instead."""
    site = dict(pages("find_a_grant"))
    body, content_type = site["/grants"]
    at = body.index(b'{"props"')
    site["/grants"] = (body[:at] + b"[" * 100_000 + body[at:], content_type)
    items, problems = crawl_offline("find_a_grant", site)
    assert items and problems == []


def test_a_comment_beside_a_bold_label_is_read_around():
    """Found by the damaged-page property (local_digital, tag soup): `<strong>Label:</strong>` then
    an HTML comment made label_map raise ValueError from lxml's text_content()."""
    page = Selector(
        text="<p><strong>Closing date:</strong> 12 January 2027 <!-- moved --> at 4pm<?pi x?></p>"
    )
    assert FieldReader(page).by_label(["Closing date"]) == "12 January 2027 at 4pm"
