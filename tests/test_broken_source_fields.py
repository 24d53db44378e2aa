"""A source broken in a way its first crawl shows, through real `fundwatch crawl` and `sources
try` runs against a loopback site: a field the entry configures that matches none of its calls
(SmartSimple's grid, its labels in `<td class="GridHeader">` heading cells, not label cells).

Hand-built pages: a SmartSimple-style listing and detail grid, written for these tests."""

from __future__ import annotations

import signal

import pytest
import sqlite_utils

from spiders.crawl_exit import STOPPED_RUN
from tests.crawl_helpers import fundwatch, start_fundwatch, write_config

pytestmark = pytest.mark.slow

CALLS = ["Warm Spaces Fund", "Play Parks Grant", "Bus Shelter Fund", "Library Refit", "Tree Fund"]

LISTING = (
    '<html><body><table class="Grid">'
    '<tr><td class="GridHeader">Opportunity</td><td class="GridHeader">Programme</td></tr>'
    + "".join(
        f'<tr><td><a href="/s_Opportunity.jsp?id={n}">{name}</a></td><td>Community</td></tr>'
        for n, name in enumerate(CALLS, start=1)
    )
    + "</table></body></html>"
)

# The labels head a column each; the values are in the row below: no label cell beside a value.
DETAIL = """<html><body><h1>{name}</h1><table class="Grid">
<tr><td class="GridHeader">Deadline</td><td class="GridHeader">Award range</td></tr>
<tr><td>{closes} March 2027</td><td>Up to £{amount},000</td></tr>
</table></body></html>"""


def smartsimple(site) -> None:
    site.add("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
    site.add("/s_Login.jsp", LISTING)
    for n, name in enumerate(CALLS, start=1):
        site.add(f"/s_Opportunity.jsp?id={n}", DETAIL.format(name=name, closes=n + 10, amount=n))


def entry(site) -> dict:
    return {
        "id": "county_grid",
        "kind": "listing",
        "urls": [f"{site.url}/s_Login.jsp"],
        "funder": "County Community Foundation",
        "item": "table.Grid tr:has(a)",
        "fields": {"title": "a::text", "url": "a::attr(href)"},
        "detail": {"fields": {"closes": {"label": "Closing date"}, "amount": {"label": "Amount"}}},
    }


def test_a_first_crawl_whose_labels_match_no_call_fails_naming_field_and_label(site, tmp_path):
    # Before: "county_grid  ok  5  5", exit 0, every detail field empty and nothing said.
    smartsimple(site)
    config, db = write_config(tmp_path / "config", [entry(site)]), tmp_path / "fw.db"
    crawl = fundwatch("crawl", config=config, db=db)
    said = crawl.stdout + crawl.stderr
    assert crawl.returncode == 1, said
    for line in (
        "county_grid: closes (label 'Closing date' on its detail pages) matched none of the 5 calls",
        "county_grid: amount (label 'Amount' on its detail pages) matched none of the 5 calls",
    ):
        assert line in said
    stored = sqlite_utils.Database(db)
    assert [run["outcome"] for run in stored["runs"].rows] == ["failed"]
    assert stored["opportunities"].count == 5  # the listing read right: its calls are stored
    status = fundwatch("sources", "status", config=config, db=db)
    assert status.returncode == 1 and "matched none of the 5 calls" in status.stdout


def test_sources_try_says_the_same_and_exits_1(site, tmp_path):
    smartsimple(site)
    config = write_config(tmp_path / "config", [entry(site)])
    tried = fundwatch("sources", "try", "county_grid", config=config, db=tmp_path / "x.db")
    lines = tried.stdout.splitlines()
    assert tried.returncode == 1, tried.stdout + tried.stderr
    want = "problem: closes (label 'Closing date' on its detail pages) matched none of the 5 calls"
    assert any(line.startswith(want) for line in lines), tried.stdout


def test_a_field_absent_from_some_calls_only_is_no_problem(site, tmp_path):
    # The rule is none of at least three: a call with no amount beside four that have one is
    # honest (tests/test_field_matches.py: the rule itself).
    smartsimple(site)
    for n, name in enumerate(CALLS, start=1):
        amount = "" if n == 1 else f"<dt>Amount</dt><dd>Up to £{n},000</dd>"
        page = f"<html><body><h1>{name}</h1><dl><dt>Closing date</dt><dd>{n + 10} March 2027</dd>"
        site.add(f"/s_Opportunity.jsp?id={n}", page + amount + "</dl></body></html>")
    config, db = write_config(tmp_path / "config", [entry(site)]), tmp_path / "fw.db"
    crawl = fundwatch("crawl", config=config, db=db)
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr
    assert "matched none" not in crawl.stdout + crawl.stderr


def test_a_crawl_stopped_part_way_is_not_judged_by_its_fields(site, tmp_path):
    # Stopped (SIGTERM) while its second page is held: the run says it was stopped, which health
    # passes over, not that a field matched nothing, which would turn the source failing.
    smartsimple(site)
    site.add(
        "/s_Login.jsp", LISTING.replace("</table>", '</table><a class="next" href="/p2">2</a>')
    )
    site.add("/p2", LISTING, hang=60)
    listing = {**entry(site), "next_page": "a.next::attr(href)"}
    listing["fields"] = {**listing["fields"], "summary": "td.GridSummary"}  # on no call
    del listing["detail"]
    config, db = write_config(tmp_path / "config", [listing]), tmp_path / "fw.db"
    crawl = start_fundwatch("crawl", config=config, db=db)
    try:
        site.wait_held("/p2")
        crawl.send_signal(signal.SIGTERM)
        out, err = crawl.communicate(timeout=60)
    finally:
        if crawl.poll() is None:
            crawl.kill()
        site.release()
    [run] = sqlite_utils.Database(db)["runs"].rows
    assert run["reason"] == STOPPED_RUN, out + err
