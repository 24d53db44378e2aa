"""A crawl whose next page only repeats calls already read ends there, incomplete, and now says so
in its summary and in `sources status`, without failing: a site that ignores its page parameter
(round 12's GraphQL API answered page 1 again) looks just like it. Before, only `sources try` said
it; the crawl printed a clean "ok" and the run's reason was empty."""

from __future__ import annotations

import sqlite3

from tests.crawl_helpers import fundwatch, write_config

PAGE = "<ul><li><a href='/call/1'>Call 1</a></li></ul><a rel='next' href='/grants?p=2'>Next</a>"


def parish_grants(site, *, repeating: bool = True) -> dict:
    """A parish's one-call listing on `site`, whose next page (if `repeating`) is page 1 again,
    as a site that ignores its page parameter answers; the entry that reads it."""
    entry = {
        "id": "parish_grants",
        "kind": "listing",
        "urls": [f"{site.url}/grants"],
        "item": "li",
        "fields": {"title": "a::text", "url": "a::attr(href)"},
    }
    if not repeating:
        site.add("/grants", PAGE.replace("<a rel='next' href='/grants?p=2'>Next</a>", ""))
        return entry
    site.add("/grants", PAGE)
    site.add("/grants?p=2", PAGE)  # the page parameter ignored: page 1 again
    return {**entry, "next_page": "a[rel=next]::attr(href)"}


def test_a_repeating_next_page_is_noted_not_failed(tmp_path, site):
    entry = parish_grants(site)
    config, db = write_config(tmp_path / "config", [entry]), tmp_path / "fw.db"
    crawled = fundwatch("crawl", config=config, db=db)
    assert crawled.returncode == 0, crawled.stderr
    said = (
        f"not followed: {site.url}/grants?p=2: every call on {site.url}/grants?p=2 was on an "
        "earlier page"
    )
    assert "1 source(s): 1 ok, 0 failed" in crawled.stdout
    assert f"  parish_grants note: {said}" in crawled.stdout
    with sqlite3.connect(db) as conn:
        outcome, reason, complete, errors = conn.execute(
            "SELECT outcome, reason, complete, errors FROM runs"
        ).fetchone()
    assert (outcome, complete, errors) == ("ok", 0, 0)  # a guess at the end: nothing removed
    assert reason.startswith(said)
    status = fundwatch("sources", "status", config=config, db=db)
    assert status.returncode == 0, status.stderr
    assert f"  note: {said}" in status.stdout
    assert "1 of 1 source(s) healthy" in status.stdout


def test_a_crawl_that_reads_every_page_notes_nothing(tmp_path, site):
    entry = parish_grants(site, repeating=False)
    config, db = write_config(tmp_path / "config", [entry]), tmp_path / "fw.db"
    crawled = fundwatch("crawl", config=config, db=db)
    assert crawled.returncode == 0, crawled.stderr
    assert "note:" not in crawled.stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT reason, complete FROM runs").fetchone() == (None, 1)
