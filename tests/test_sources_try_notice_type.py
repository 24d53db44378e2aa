"""`fundwatch sources try` shows a procurement notice's type with the kind read from it, and its
contact (round 31's fts_notice_results: a Find a Tender-style search). Configured, both were
neither shown nor counted, so a curator could not see whether notices were told apart."""

from __future__ import annotations

from tests.crawl_helpers import fundwatch, write_config
from tests.unseen_serving import try_on_loopback


def test_the_notice_type_is_shown_with_its_kind_and_counted(tmp_path):
    result, _ = try_on_loopback("fts_notice_results", tmp_path)
    out = result.stdout
    assert result.returncode == 0, out + result.stderr
    assert "(kind: market engagement)" in out
    assert "UK6: Contract award notice - Procurement Act 2023" in out
    assert out.count("(kind: planned procurement)") == 2
    assert "  notice_type  5/5 (100%)" in out


def test_a_contact_that_is_configured_is_shown_or_marked_missing(tmp_path, site):
    site.add(
        "/notices",
        "<div class='n'><a href='/n/1'>Market engagement: bus shelters</a>"
        "<p class='c'>procurement@eastmere.gov.uk</p></div>"
        "<div class='n'><a href='/n/2'>Planned procurement: grants system</a></div>",
    )
    entry = {
        "id": "notices",
        "kind": "listing",
        "urls": [f"{site.url}/notices"],
        "item": "div.n",
        "fields": {"title": "a::text", "url": "a::attr(href)", "contact": "p.c"},
    }
    config = write_config(tmp_path / "config", [entry])
    result = fundwatch("sources", "try", "notices", config=config, db=tmp_path / "n.db")
    assert "  contact      procurement@eastmere.gov.uk" in result.stdout
    assert "  contact      — not found" in result.stdout
    assert "  contact      1/2 (50%)" in result.stdout
