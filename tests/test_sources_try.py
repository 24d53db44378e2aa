"""`fundwatch sources try`: one source's extraction read as people read it, on a saved page, a named
URL or its own URLs, writing nothing; every field that did not extract is marked; fill rates end it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from spiders.sources import SOURCES_DIR
from tests.crawl_helpers import ROOT, fundwatch, write_config

UKRI = SOURCES_DIR / "ukri_opportunities"
UKRI_URL = (
    "https://www.ukri.org/opportunity/?filter_status%5B0%5D=open&filter_status%5B1%5D=upcoming"
)


def shipped(source_id: str) -> dict:
    entries = yaml.safe_load((ROOT / "config" / "sources.yaml").read_text())
    return next(entry for entry in entries if entry["id"] == source_id)


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """The shipped UKRI entry alone, with the shipped tags."""
    return write_config(tmp_path / "config", [shipped("ukri_opportunities")])


def run_try(config: Path, *args: str, env: dict | None = None):
    db = config.parent / "never.db"
    result = fundwatch("sources", "try", "ukri_opportunities", *args, config=config, db=db, env=env)
    assert not db.exists(), "try must not create a repository"
    return result


def block(output: str, number: int) -> list[str]:
    """One item's lines, from its '#n' header to the blank line after it."""
    lines = output.splitlines()
    start = lines.index(f"#{number}")
    end = lines.index("", start)
    return lines[start:end]


def test_a_saved_page_prints_each_item_as_people_read_it(config):
    result = run_try(config, "--file", str(UKRI / "listing-1.html"))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.splitlines()[0] == "ukri_opportunities: 10 item(s) from 1 page(s)"
    assert block(out, 1) == [
        "#1",
        "  title        Local authority net zero innovation partnerships",
        "  url          https://www.ukri.org/opportunity/local-authority-net-zero-innovation-partnerships/",
        "  summary      Apply for funding to form research partnerships with local authorities that "
        "accelerate place-based net zero delivery, from retrofit programmes to local heat an…",
        "  funder       UK Research and Innovation, Engineering and Physical Sciences Research Council "
        "(EPSRC), Economic and Social Research Council (ESRC)",
        "  opens        3 Nov 2026, 9:00am",
        "  closes       28 Jan 2027, 4:00pm",
        "  amount       £500,000 to £2 million per award · £12 million in total",
        "  status       Open",
        "  eligibility  — not found (detail page not read)",
        # The summary's "research partnerships with local authorities": councils as partners.
        "  verdict      Councils can take part as partners (\u201cApply for funding to form research "
        "partnerships with local authorities that accelerate place-based net zero delivery, from "
        "retrofit programmes to local heat and transport planning.\u201d)",
        "  tags         For councils, Net zero & climate, Research & innovation, Transport",
    ]
    item = block(out, 9)
    assert "  amount       Up to £350,000" in item
    assert (
        "  verdict      Councils can take part as partners (\u201cApply for a fellowship to work "
        "with government and councils on evidence for housing supply, homelessness prevention and "
        "rough sleeping.\u201d)"
    ) in item
    assert "  tags         For councils, Housing & homelessness, Research & innovation" in item
    assert block(out, 3)[6:8] == [
        "  closes       13 Jan 2027, 11:59pm",
        "  amount       £1.5 million in total",
    ]
    # the spider's next page and detail pages are named, not fetched
    assert "detail pages not read: 10 (a saved page only; nothing else is fetched)" in out
    assert (
        "not followed: https://www.ukri.org/opportunity/page/2/?filter_status%5B0%5D=open"
        "&filter_status%5B1%5D=upcoming: a saved page only; nothing else is fetched"
    ) in out
    assert out.splitlines()[-10:] == [
        "fill rate (10 items):",
        "  title        10/10 (100%)",
        "  url          10/10 (100%)",
        "  summary      10/10 (100%)",
        "  funder       10/10 (100%)",
        "  opens        10/10 (100%)",
        "  closes       10/10 (100%)",
        "  amount       10/10 (100%)",
        "  status       10/10 (100%)",
        "  eligibility  0/10 (0%)  (10 without their detail page)",
    ]


def test_a_field_that_did_not_extract_is_marked(config):
    result = run_try(config, "--file", str(UKRI / "listing-2.html"), "--url", UKRI_URL)
    assert result.returncode == 0, result.stderr
    first = block(result.stdout, 1)
    assert first[4] == (
        "  funder       — not found; the source's funder applies: UK Research and Innovation"
    )
    assert first[6] == "  closes       no deadline: 'Open - no closing date'"
    assert "  funder       3/4 (75%)" in result.stdout.splitlines()


FEED = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Grants</title>
<item><title>Warm Spaces Grant</title><link>https://f.example/warm</link><description><![CDATA[
<p>Grants of between &pound;2,000 and &pound;15,000 for warm spaces.</p>
<p><strong>Deadline:</strong> 5pm on 8 January 2027</p>]]></description></item></channel></rss>"""


def test_what_a_feed_item_states_in_its_text_is_shown_as_it_will_be_stored(tmp_path):
    # A feed has no date or money fields, but a crawl reads them from the item's text: `try` must
    # show them, not "not in a feed".
    entry = {"id": "warm_feed", "kind": "feed", "urls": ["https://f.example/feed"]}
    config = write_config(tmp_path / "config", [entry])
    saved = tmp_path / "feed.xml"
    saved.write_text(FEED)
    result = fundwatch(
        "sources", "try", "warm_feed", "--file", str(saved), config=config, db=tmp_path / "x.db"
    )
    assert result.returncode == 0, result.stderr
    item = block(result.stdout, 1)
    assert "  closes       8 Jan 2027, 5:00pm (read from the item's text)" in item
    assert "  amount       £2,000 to £15,000 (read from the item's text)" in item
    assert "  opens        — not in a feed" in item


def test_json_is_one_object_per_item_then_the_fill_rates(config):
    result = run_try(config, "--file", str(UKRI / "listing-1.html"), "--json")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    items, summary = lines[:-1], lines[-1]
    assert [item["item"] for item in items] == list(range(1, 11))
    first = items[0]
    assert first["title"] == "Local authority net zero innovation partnerships"
    assert first["closes_at"] == "2027-01-28T16:00:00+00:00"
    assert (first["amount_min"], first["amount_max"], first["fund_total"]) == (5e5, 2e6, 12e6)
    assert first["status"] == "open"
    assert first["tag_labels"] == [
        "For councils",
        "Net zero & climate",
        "Research & innovation",
        "Transport",
    ]
    assert first["verdict"].startswith("Councils can take part as partners")
    assert first["not_found"] == ["eligibility"]
    assert summary["items"] == 10
    rates = summary["fill_rate"]  # (each field's counts beside: test_sources_try_open_now.py)
    assert rates["closes"].items() >= {"found": 10, "items": 10, "percent": 100}.items()
    assert rates["eligibility"].items() >= {"found": 0, "items": 10, "percent": 0}.items()
    assert len(summary["details_not_read"]) == 10


def test_a_url_is_fetched_politely_with_its_next_and_detail_pages(config, snapshot_site):
    site = snapshot_site("ukri_opportunities")
    result = run_try(config, "--url", site.local_url(UKRI_URL))
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert out[0] == "ukri_opportunities: 14 item(s) from 16 page(s)"
    assert "  eligibility  14/14 (100%)" in out
    assert "  funder       13/14 (93%)" in out
    assert "detail pages not read" not in result.stdout
    hits = site.hits
    assert hits[0].path == "/robots.txt"
    assert all(hit.headers["User-Agent"].startswith("fundwatch/") for hit in hits)
    assert "contact: tests@fundwatch.example" in hits[0].headers["User-Agent"]
    assert len(hits) == 17  # robots.txt, two listing pages, fourteen detail pages: each once


def test_robots_txt_and_other_hosts_are_respected(tmp_path, site):
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.add(
        "/grants",
        "<ul><li><a href='/private/1'>Kept out</a></li><li><a href='/open/2'>Open call</a></li>"
        "<li><a href='https://elsewhere.example/3'>Elsewhere</a></li></ul>",
    )
    site.add("/open/2", "<p id='who'>Local authorities can apply.</p>")
    entry = {
        "id": "ukri_opportunities",  # any id: the test's own source
        "kind": "listing",
        "urls": [f"{site.url}/grants"],
        "item": "li",
        "fields": {"title": "a::text", "url": "a::attr(href)"},
        "detail": {"fields": {"eligibility": "#who"}},
    }
    config = write_config(tmp_path / "config", [entry])
    result = run_try(config)
    # A crawl fails its run on the refused host (not on robots.txt), so try exits 1 saying so.
    assert result.returncode == 1, result.stderr
    assert "problem: detail page refused: elsewhere.example is not this source's host" in (
        result.stdout
    )
    assert site.paths() == ["/robots.txt", "/grants", "/open/2"]
    assert (
        "detail pages not read: 1 (forbidden by robots.txt); 1 (elsewhere.example is not this "
        "source's host (add it to the source's follow_hosts to go there))"
    ) in result.stdout
    assert "  eligibility  1/3 (33%)  (2 without their detail page)" in result.stdout
    assert "  verdict      Councils can apply (\u201cLocal authorities can apply.\u201d)" in (
        result.stdout
    )


def test_loopback_is_refused_unless_allowed(config, snapshot_site):
    site = snapshot_site("ukri_opportunities")
    result = run_try(
        config, "--url", site.local_url(UKRI_URL), env={"FUNDWATCH_ALLOW_LOOPBACK": "0"}
    )
    assert result.returncode == 1
    assert (
        "problem: refused: 127.0.0.1 is a loopback address (allowed only when "
        "FUNDWATCH_ALLOW_LOOPBACK=1) on http://127.0.0.1:"
    ) in result.stdout
    assert site.hits == []


@pytest.mark.parametrize("url", ["ftp://funder.example.org/grants", "/grants", "file:///etc/hosts"])
def test_a_url_that_is_not_http_is_a_usage_error(config, url):
    # It was fetched, refused, and said as a failure (exit 1) naming the URL twice.
    result = run_try(config, "--url", url)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for '--url': {url!r} is not an http:// or https:// address"
    )
    assert result.stdout == ""


def test_nothing_extracted_exits_non_zero(config, tmp_path):
    page = tmp_path / "redesigned.html"
    page.write_text("<html><body><div class='card'>A new layout</div></body></html>")
    result = run_try(config, "--file", str(page))
    assert result.returncode == 1
    assert "problem: no items matched 'div.opportunity' on " + UKRI_URL in result.stdout
    assert result.stdout.splitlines()[-1] == "no items extracted"


def test_a_long_listing_is_tried_on_its_first_twenty_pages(tmp_path, site):
    # A crawl reads all 25 pages (max_pages defaults to 10,000); trying the selectors needs fewer.
    for n in range(1, 26):
        more = f"<a rel='next' href='/grants?p={n + 1}'>Next</a>" if n < 25 else ""
        site.add(f"/grants?p={n}", f"<ul><li><a href='/call/{n}'>Call {n}</a></li></ul>{more}")
    entry = {
        "id": "ukri_opportunities",  # any id: the test's own source
        "kind": "listing",
        "urls": [f"{site.url}/grants?p=1"],
        "item": "li",
        "fields": {"title": "a::text", "url": "a::attr(href)"},
        "next_page": "a[rel=next]::attr(href)",
    }
    config = write_config(tmp_path / "config", [entry])
    result = run_try(config)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "ukri_opportunities: 20 item(s) from 20 page(s)"
    assert (
        f"not followed: {site.url}/grants?p=21: the first 20 listing pages are enough here"
    ) in result.stdout
    assert "page cap" not in result.stdout


JS_LINKS = """<html><body>
<div class="card"><a href="javascript:void(0)" onclick="open('/a')">Heat Fund</a><p>5 March 2027</p></div>
<div class="card"><a href="javascript:void(0)" onclick="open('/b')">Bus Fund</a><p>See guidance</p></div>
</body></html>"""


def test_the_fill_rate_counts_what_a_crawl_would_keep(tmp_path):
    # Every link is javascript:, so a crawl stores nothing and fails the source: the fill rate must
    # not say 'url 2/2 (100%)', and a try that would store nothing exits 1 like one that found none.
    entry = {
        "id": "js_cards",
        "kind": "listing",
        "urls": ["https://council.example.gov.uk/funding"],
        "item": "div.card",
        "fields": {"title": "a::text", "url": "a::attr(href)", "closes": "p::text"},
    }
    config = write_config(tmp_path / "config", [entry])
    saved = tmp_path / "cards.html"
    saved.write_text(JS_LINKS)
    result = fundwatch(
        "sources", "try", "js_cards", "--file", str(saved), config=config, db=tmp_path / "x.db"
    )
    lines = result.stdout.splitlines()
    assert "  url          not a usable link: 'javascript:void(0)'" in block(result.stdout, 1)
    assert "  url          0/2 (0%)  required  (2 read but not usable)" in lines, result.stdout
    assert "  closes       1/2 (50%)  (1 read but not usable)" in lines
    assert "  title        2/2 (100%)" in lines
    assert lines[-1] == "no item would be stored: 2 missing url"
    assert result.returncode == 1
