"""A call whose detail link now leads to a PDF (the funder's link, which the curator cannot
change) is a warning on that call, not a failed run: before, every crawl of such a source failed
with "not a web page on ….pdf". The call is stored with its listing's own fields, the crawl's
summary and `sources status` name the page, and the run fails only when no detail page at all
could be read. The site is hand-built in the test (a list of three calls, one linking a PDF)."""

from __future__ import annotations

import json

import pytest
import sqlite_utils

from tests.crawl_helpers import fundwatch, write_config

pytestmark = pytest.mark.slow

LIST = """<ul>
<li><a href="/grants/halls">Village Halls Fund</a> <span>Closing date: 29 January 2027</span></li>
<li><a href="/grants/paths">Parish Paths Partnership</a> <span>Closing date: 12 March 2027</span></li>
<li><a href="/grants/top-up">Warm Homes Top-up</a> <span>Closing date: 5 February 2027</span></li>
</ul>"""
# As PDFs are: a compressed stream of binary bytes.
PDF = b"%PDF-1.7\n1 0 obj<</Length 6/Filter/FlateDecode>>stream\nx\x9c\x03\x00\x00\x00\nendstream endobj\n%%EOF\n"


def entry(site) -> dict:
    return {
        "id": "hollowmere",
        "kind": "listing",
        "urls": [f"{site.url}/grants"],
        "item": "li",
        "fields": {"title": "a::text", "url": "a::attr(href)", "closes": "span::text"},
        "detail": {"fields": {"eligibility": "#who"}},
    }


def add_pages(site, *, every_link_a_pdf: bool = False, pdf: bytes = PDF) -> None:
    site.add("/grants", LIST)
    site.add("/media/top-up-guidance.pdf", pdf, content_type="application/pdf")
    for slug in ("halls", "paths", "top-up"):
        if every_link_a_pdf or slug == "top-up":
            site.add(
                f"/grants/{slug}", "", status=302, redirect="{{SITE}}/media/top-up-guidance.pdf"
            )
        else:
            site.add(f"/grants/{slug}", "<p id='who'>Town and parish councils can apply.</p>")


def test_a_link_to_a_pdf_is_a_warning_on_its_call(tmp_path, site):
    add_pages(site)
    config, db = write_config(tmp_path / "config", [entry(site)]), tmp_path / "fundwatch.db"
    crawl = fundwatch("crawl", config=config, db=db)
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr  # was 1: the run failed
    note = f"hollowmere note: not a web page on {site.url}/media/top-up-guidance.pdf"
    assert note + " (application/pdf): a call's detail link" in crawl.stdout
    rows = {r["title"]: r for r in sqlite_utils.Database(db)["opportunities"].rows}
    assert len(rows) == 3 and rows["Warm Homes Top-up"]["closes_at"] == "2027-02-05T23:59:00+00:00"
    assert rows["Village Halls Fund"]["council_eligible"] == "yes"
    status = fundwatch("sources", "status", "--json", config=config, db=db)
    assert status.returncode == 0, status.stdout
    (health,) = [json.loads(line) for line in status.stdout.splitlines()]  # one line a source
    assert "top-up-guidance.pdf" in health["note"]
    tried = fundwatch("sources", "try", "hollowmere", config=config, db=tmp_path / "n.db")
    assert "problem:" not in tried.stdout and tried.returncode == 0  # a warning: exit 0
    assert "detail pages not read: 1 (not a web page (application/pdf))" in tried.stdout


def test_a_source_whose_every_detail_link_is_a_pdf_fails(tmp_path, site):
    # A small PDF written in plain ASCII, which Scrapy makes a TextResponse of: still a document
    # by its type (before, it was read as a page, silently, its fields "not found").
    add_pages(site, every_link_a_pdf=True, pdf=b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    config, db = write_config(tmp_path / "config", [entry(site)]), tmp_path / "fundwatch.db"
    crawl = fundwatch("crawl", config=config, db=db)
    assert crawl.returncode == 1, crawl.stdout
    assert "hollowmere failed: not a web page on " in crawl.stdout
    assert len(list(sqlite_utils.Database(db)["opportunities"].rows)) == 3
