"""`fundwatch sources record`: a source's live pages become a snapshot folder the loopback site serves
and the spider replays to the items of its draft expected.yaml."""

from __future__ import annotations

import urllib.request
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from scrapy.http import HtmlResponse, Request

from config.loader import load_sources
from spiders.normalise.sighting import normalise
from spiders.registry import make_spider
from spiders.sources import source_folders
from spiders.sources.routes import load_routes
from spiders.sources.site import LoopbackSite
from tests.crawl_helpers import fundwatch, write_config
from tests.offline_crawl import first_pages, request_path, run_callbacks

DRAFT = "# DRAFT: review every value before committing"

CARD = """<li class="grant"><h3><a href="{href}">{title}</a></h3><p class="summary">{summary}</p>
<dl><dt>Closing date</dt><dd>{closes}</dd><dt>Award</dt><dd>{amount}</dd></dl></li>"""
DETAIL = "<html><body><h1>{title}</h1><div id='who'><p>{who}</p></div></body></html>"
CALLS = [
    ("/calls/heat-networks", "Heat networks for towns", "Retrofit and heat network plans.",
     "14 January 2027", "Up to £250,000", "Local authorities can apply."),
    ("{{SITE}}/calls/bus-data", "Bus data pilots", "Digital bus data for councils.",
     "3 March 2027", "£10,000 - £50,000", "Councils may join as partners."),
    ("/calls/parks", "Pocket parks", "Community green spaces.", "20 November 2026",
     "Total fund: £2 million", "Only registered charities can apply."),
]  # fmt: skip


def listing(cards: list[tuple], next_href: str | None) -> str:
    items = "".join(
        CARD.format(href=href, title=title, summary=summary, closes=closes, amount=amount)
        for href, title, summary, closes, amount, _ in cards
    )
    more = f"<a class='next' href='{next_href}'>Next</a>" if next_href else ""
    return f"<html><body><ul>{items}</ul>{more}</body></html>"


@pytest.fixture
def funder(site):
    """A small funder's site: two listing pages, a detail page per call, robots.txt."""
    site.add("/robots.txt", "User-agent: *\nDisallow: /admin/\n", content_type="text/plain")
    site.add("/calls?page=1", listing(CALLS[:2], "/calls?page=2"))
    site.add("/calls?page=2", listing(CALLS[2:], None))
    for href, title, _, _, _, who in CALLS:
        path = href.replace("{{SITE}}", "")
        site.add(path, DETAIL.format(title=title, who=who))
    return site


@pytest.fixture
def config(tmp_path, funder):
    entry = {
        "id": "small_funder",
        "name": "A small funder",
        "kind": "listing",
        "urls": [f"{funder.url}/calls?page=1"],
        "funder": "Small Funder Trust",
        "item": "li.grant",
        "fields": {
            "title": "h3 a::text",
            "url": "h3 a::attr(href)",
            "summary": "p.summary",
            "closes": {"label": "Closing date"},
            "amount": {"label": "Award"},
        },
        "next_page": "a.next::attr(href)",
        "detail": {"fields": {"eligibility": "#who"}},
    }
    return write_config(tmp_path / "config", [entry])


def record(config: Path, into: Path, *args: str):
    return fundwatch(
        "sources", "record", "small_funder", "--into", str(into), *args,
        config=config, db=config.parent / "never.db",
    )  # fmt: skip


def replay(folder: Path, config: Path) -> list[dict]:
    """The spider's callbacks on the recorded files, as if fetched from the real URLs."""
    origin, routes = load_routes(folder)
    source = load_sources(config)[0]
    spider = make_spider(source)

    def answer(url: str) -> HtmlResponse:
        body = routes[request_path(url)].file.read_bytes()
        return HtmlResponse(url=url, body=body, request=Request(url))

    items = run_callbacks(first_pages(spider), answer)
    assert spider.problems == []
    expected = yaml.safe_load((folder / "expected.yaml").read_text())
    now = datetime.fromisoformat(expected["now"])
    return [normalise(item, source, now).stored() for item in items]


def test_record_writes_a_snapshot_that_serves_and_replays(tmp_path, funder, config, monkeypatch):
    monkeypatch.setenv("FUNDWATCH_ALLOW_LOOPBACK", "1")  # the replay reads the loopback source here
    result = record(config, tmp_path / "snapshots")
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "snapshots" / "small_funder"
    assert sorted(p.name for p in folder.iterdir()) == [
        "detail-bus-data.html",
        "detail-heat-networks.html",
        "detail-parks.html",
        "expected.yaml",
        "page-1.html",
        "page-2.html",
        "robots.txt",
        "routes.yaml",
    ]
    assert "fill rate (3 items):" in result.stdout
    assert "  eligibility  3/3 (100%)" in result.stdout
    assert "expected.yaml is a DRAFT" in result.stdout

    routes = yaml.safe_load((folder / "routes.yaml").read_text())
    assert routes["origin"] == funder.url
    assert routes["captured"] == "2026-11-25T09:00:00Z"
    by_path = {route["path"]: route for route in routes["routes"]}
    assert by_path["/calls?page=2"]["file"] == "page-2.html"
    assert by_path["/calls?page=1"]["type"] == "text/html; charset=utf-8"
    assert by_path["/calls?page=1"]["modified"] == "2026-11-03T10:00:00Z"  # its Last-Modified
    assert by_path["/robots.txt"]["file"] == "robots.txt"

    expected_text = (folder / "expected.yaml").read_text()
    assert expected_text.startswith(DRAFT + "\n")
    expected = yaml.safe_load(expected_text)
    assert expected["source"] == "small_funder"
    assert expected["pages"] == ["page-1.html", "page-2.html"]
    first = expected["items"][0]
    assert first == {
        "title": "Heat networks for towns",
        "url": f"{funder.url}/calls/heat-networks",
        "summary": "Retrofit and heat network plans.",
        "funder": "Small Funder Trust",
        "status": "open",
        "closes_at": "2027-01-14T23:59:00+00:00",
        "amount_min": None,
        "amount_max": 250000,
        "fund_total": None,
        "eligibility": "Local authorities can apply.",
    }
    assert [item["status"] for item in expected["items"]] == ["open", "open", "closed"]

    # The loopback site serves the folder, with the recorded origin pointed back at itself.
    with LoopbackSite(folder) as replayed:
        with urllib.request.urlopen(f"{replayed.url}/calls?page=1") as answer:
            page = answer.read().decode()
        assert f"{replayed.url}/calls/bus-data" in page and funder.url not in page
        with urllib.request.urlopen(f"{replayed.url}/calls/parks") as answer:
            assert b"Only registered charities can apply." in answer.read()

    # And the spider replays it to exactly the drafted items.
    records = replay(folder, config)
    assert len(records) == len(expected["items"])
    by_url = {r["url"]: r for r in records}
    for item in expected["items"]:
        got = by_url[item["url"]]
        for key, value in item.items():
            assert got[key] == value, (item["title"], key, got[key], value)


def test_record_keeps_an_existing_folder_unless_forced(tmp_path, config):
    into = tmp_path / "snapshots"
    assert record(config, into).returncode == 0
    folder = into / "small_funder"
    (folder / "notes.txt").write_text("a curator's file")

    refused = record(config, into)
    assert refused.returncode == 1
    assert f"{folder} already exists: use --force to replace it" in refused.stderr
    assert (folder / "notes.txt").exists()

    forced = record(config, into, "--force")
    assert forced.returncode == 0, forced.stderr
    assert not (folder / "notes.txt").exists()
    assert (folder / "routes.yaml").exists()
    assert not any(p.name.startswith(".") for p in into.iterdir())  # no scratch folder left


def test_a_snapshot_set_aside_by_a_stopped_recording_is_put_back(tmp_path, config):
    # `--force` sets the old folder aside, renames the new one in, then deletes the old: a kill
    # between the two renames leaves the source with its old snapshot set aside and no folder
    # (before: the old folder was deleted first, so the kill left none at all).
    into = tmp_path / "snapshots"
    assert record(config, into).returncode == 0
    folder = into / "small_funder"
    (folder / "notes.txt").write_text("a curator's file")
    folder.rename(into / ".small_funder.replaced")  # as the kill left it

    refused = record(config, into)  # the next recording finds it, and puts it back first
    assert refused.returncode == 1
    assert f"{folder} already exists: use --force to replace it" in refused.stderr
    assert (folder / "notes.txt").read_text() == "a curator's file"
    assert not (into / ".small_funder.replaced").exists()


def test_nothing_is_written_when_no_page_could_be_read(tmp_path, site):
    entry = {
        "id": "small_funder",
        "kind": "listing",
        "urls": [f"{site.url}/gone"],
        "item": "li",
        "fields": {"title": "a::text", "url": "a::attr(href)"},
    }
    config = write_config(tmp_path / "config", [entry])
    result = record(config, tmp_path / "snapshots")
    assert result.returncode == 1
    assert "nothing recorded for small_funder: HTTP 404 on" in result.stderr
    assert not (tmp_path / "snapshots" / "small_funder").exists()


def test_no_bundled_snapshot_is_still_a_draft():
    # source_folders(): a killed recording's hidden copy (a draft) is no bundled snapshot
    for expected in (f / "expected.yaml" for f in source_folders()):
        assert expected.is_file(), f"{expected.parent} has no expected.yaml"
        assert not expected.read_text().startswith(DRAFT), f"{expected} is still a draft"


def test_a_folder_it_cannot_write_is_one_line_before_anything_is_fetched(tmp_path, funder, config):
    (tmp_path / "plain").write_text("keep me")
    into = tmp_path / "plain" / "snapshots"
    result = record(config, into)
    assert result.returncode == 1
    assert (
        result.stderr.strip() == f"Error: cannot write {into}: {tmp_path / 'plain'} is not a folder"
    )
    assert funder.paths() == []  # nothing was fetched


def test_a_page_a_crawl_would_fail_on_is_recorded_with_exit_1(tmp_path, funder, config):
    # walk15: a detail page answering HTTP 500 was recorded with exit 0, the snapshot short of it.
    funder.add("/calls/parks", "down for maintenance", status=500)
    into = tmp_path / "snapshots"
    result = record(config, into)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"problem: detail page HTTP 500 on {funder.url}/calls/parks" in result.stdout
    assert "a crawl of these pages would fail or store nothing (above)" in result.stdout
    assert (into / "small_funder" / "expected.yaml").exists()  # kept, as the site answered
