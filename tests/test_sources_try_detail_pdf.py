"""`fundwatch sources try` on a listing whose call links now lead to a PDF (round 14's
detail_404_pdf_redirect: an address answering 302 to the guidance note): the detail page was
counted read, so its fields showed "— not found" and the fill rate blamed the selectors."""

from __future__ import annotations

from tests.crawl_helpers import fundwatch, write_config
from tests.unseen_serving import try_on_loopback


def test_a_detail_link_that_leads_to_a_pdf_is_said_not_read(tmp_path):
    result, hits = try_on_loopback("detail_404_pdf_redirect", tmp_path)
    assert ("/community/grants-and-funding/warm-homes-top-up", 302) in hits
    out = result.stdout
    assert "detail pages not read: 1 (HTTP 404); 1 (not a web page (application/pdf))" in out
    assert "  amount       3/5 (60%)  (2 without their detail page)" in out
    assert "  eligibility  3/5 (60%)  (2 without their detail page)" in out


def test_a_detail_page_that_is_a_web_page_is_read(tmp_path, site):
    # The other side: an HTML detail page behind a redirect is read as before.
    site.add("/grants", "<ul><li><a href='/old/1'>Village Halls Fund</a></li></ul>")
    site.add("/old/1", "", status=302, redirect="{{SITE}}/new/1")
    site.add("/new/1", "<p id='who'>Town and parish councils can apply.</p>")
    entry = {
        "id": "village_halls",
        "kind": "listing",
        "urls": [f"{site.url}/grants"],
        "item": "li",
        "fields": {"title": "a::text", "url": "a::attr(href)"},
        "detail": {"fields": {"eligibility": "#who"}},
    }
    config = write_config(tmp_path / "config", [entry])
    result = fundwatch("sources", "try", "village_halls", config=config, db=tmp_path / "n.db")
    assert result.returncode == 0, result.stderr
    assert "detail pages not read" not in result.stdout
    assert "  eligibility  1/1 (100%)" in result.stdout
