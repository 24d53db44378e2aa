"""A call whose detail page fails this crawl keeps the fields only that page gives.

Before, a detail page that answered 404, timed out or said "Page not found" left the call with its
listing's fields alone, stored as they were: the amount and who can apply blanked, and a `changed`
event went out ("amount: £20,000 → none"), and another when the page answered again. Crawling
round 30's detail_timeouts_404 twice, the second time with its two pages failing, gave a `changed`
event for each. Those fields are unknown this time, not gone (spiders/unread_fields.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlite_utils

from spiders.items import OpportunitySighting
from spiders.unread_fields import not_read, stored_unread
from storage.record import record_sighting
from storage.sighting import Sighting
from tests.crawl_helpers import fundwatch, write_config
from tests.notify_helpers import NOW
from tests.unseen_serving import loopback_entry, serve
from tests.unseen_sites import SITES_DIR


def test_the_unread_fields_are_the_detail_fields_the_listing_did_not_give():
    listed = OpportunitySighting(source_id="s", title="Touring Theatre Grants", closes="28 Jan")
    assert not_read(listed, ["closes", "amount", "eligibility"]) == ["amount", "eligibility"]
    assert stored_unread(["amount", "eligibility", "closes"]) == (
        "amount_min",
        "amount_max",
        "fund_total",
        "amount_text",
        "eligibility",
        "council_eligible",
        "eligibility_phrase",
        "tags",
        "closes_at",
        "status",
    )


def call(**fields) -> Sighting:
    base = {"source_id": "arts", "url": "https://www.arts.example.org.uk/funding/touring/"}
    return Sighting(**{**base, "title": "Touring Theatre Grants", "status": "open", **fields})


def test_a_failed_detail_page_keeps_what_it_gave_and_says_no_change(db):
    read = {"amount_max": 20000.0, "eligibility": "Town councils", "council_eligible": "yes"}
    record_sighting(db, call(**read), run_id=None, now=NOW)
    unread = stored_unread(["amount", "eligibility"])
    failed = record_sighting(db, call(unread=unread), run_id=None, now=NOW + timedelta(hours=6))
    # Before: "changed", amount_max None, council_eligible "unclear".
    assert failed.kind == "unchanged"
    (row,) = db["opportunities"].rows
    assert (row["amount_max"], row["council_eligible"]) == (20000.0, "yes")
    # Read again, with a new amount: a change, as ever.
    again = record_sighting(db, call(**{**read, "amount_max": 25000.0}), run_id=None, now=NOW)
    assert again.kind == "changed" and list(again.changes) == ["amount_max"]


@pytest.mark.slow
def test_crawling_again_while_detail_pages_fail_changes_nothing(tmp_path):
    site_id = "detail_timeouts_404"
    site = serve(site_id)
    try:
        # The first crawl with every page up: the unpublished one still there, the slow one quick.
        touring = (SITES_DIR / site_id / "festival-seed-fund.html").read_text("utf-8")
        touring = touring.replace("Festival Seed Fund", "Touring Theatre Grants")
        site.add("/funding/touring-theatre-grants/", touring)
        slow = (SITES_DIR / site_id / "library-arts-residencies.html").read_bytes()
        site.add("/funding/library-arts-residencies/", slow)
        config, db = (
            write_config(tmp_path / "config", [loopback_entry(site_id, site)]),
            tmp_path / "f.db",
        )
        quick = {"FUNDWATCH_CRAWL_TIMEOUT": "1"}
        assert fundwatch("crawl", config=config, db=db, env=quick).returncode == 0
        site.add("/funding/touring-theatre-grants/", "<h1>Page not found</h1>", status=404)
        site.add("/funding/library-arts-residencies/", "", hang=300)
        second = fundwatch("crawl", config=config, db=db, env=quick)
        assert second.returncode == 1 and "detail page timed out on " in second.stdout
    finally:
        site.stop()
    repository = sqlite_utils.Database(db)
    kinds = [event["kind"] for event in repository["events"].rows]
    assert kinds.count("changed") == 0, kinds  # before: one for each failed page
    amounts = {row["title"]: row["amount_max"] for row in repository["opportunities"].rows}
    assert amounts["Touring Theatre Grants"] == 5000 and amounts["Library Arts Residencies"] == 3000


PDF = b"%PDF-1.7\n1 0 obj<</Length 6/Filter/FlateDecode>>stream\nx\x9c\x03\x00\x00\x00\nendstream endobj\n%%EOF\n"


@pytest.mark.slow
def test_a_detail_link_that_now_answers_a_pdf_changes_nothing(tmp_path, site):
    """Each failure path marked the fields unread on its own, and a link now leading to a PDF
    marked none: the amount and who can apply were blanked and a `changed` event went out. They
    are marked when the page is asked for and cleared only when it is read."""
    site.add("/grants", '<ul><li><a href="/grants/halls">Rural Halls Fund</a></li></ul>')
    page = "<p id='amount'>Up to £20,000</p><p id='who'>Town and parish councils can apply.</p>"
    site.add("/grants/halls", page)
    site.add("/media/halls.pdf", PDF, content_type="application/pdf")
    entry = {
        "id": "hollowmere",
        "kind": "listing",
        "urls": [f"{site.url}/grants"],
        "item": "li",
        "fields": {"title": "a::text", "url": "a::attr(href)"},
        "detail": {"fields": {"amount": "#amount", "eligibility": "#who"}},
    }
    config, db = write_config(tmp_path / "config", [entry]), tmp_path / "f.db"
    assert fundwatch("crawl", config=config, db=db).returncode == 0
    site.add("/grants/halls", "", status=302, redirect="{{SITE}}/media/halls.pdf")
    second = fundwatch("crawl", config=config, db=db)
    assert "not a web page on " in second.stdout, second.stdout + second.stderr
    repository = sqlite_utils.Database(db)
    kinds = [event["kind"] for event in repository["events"].rows]
    assert kinds.count("changed") == 0, kinds  # before: 1 (amount and verdict blanked)
    (row,) = repository["opportunities"].rows
    assert (row["amount_max"], row["council_eligible"]) == (20000, "yes")
