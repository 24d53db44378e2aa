"""A page saved as UTF-8 but labelled ISO-8859-1 by its host's default (spiders/charset.py) is
read as UTF-8; a real windows-1252 page, a BOM and a plain ASCII page keep what they say.
Round 26's `utf8_labelled_latin1` (tests/sites/README.md) was stored "CafÃ© & Community Hub",
"Young Peopleâ€™s Voice", its amounts read from "Â£2,000 â€“ Â£10,000" wrong on 4 of 5 calls."""

from __future__ import annotations

from scrapy.http import HtmlResponse

from spiders.charset import with_true_charset
from tests.unseen_sites import read_offline

PAGE = '<html><head><meta charset="utf-8"></head><body><p>Café grants: £2,000 – £10,000</p></body></html>'


def _page(body: bytes, content_type: str) -> HtmlResponse:
    return HtmlResponse(
        url="https://example.org.uk/grants.html", body=body, headers={"Content-Type": content_type}
    )


def test_utf8_bytes_labelled_latin1_are_read_as_written():
    response = _page(PAGE.encode("utf-8"), "text/html; charset=ISO-8859-1")
    assert "Â£" in response.text  # Scrapy believes the header, as a browser does
    read = with_true_charset(response)
    assert "Café grants: £2,000 – £10,000" in read.css("p::text").get()


def test_every_western_single_byte_label_is_doubted_the_same_way():
    for label in ("iso-8859-1", "windows-1252", "latin1", "us-ascii", '"ISO-8859-15"'):
        response = _page(PAGE.encode("utf-8"), f"text/html;charset={label}")
        assert "£2,000" in with_true_charset(response).text, label


def test_utf8_bytes_under_a_stale_meta_label_are_read_as_written():
    # Before: "Parks â€“ improvement fund" and "Â£49.50 to Â£499.99" read as £49.50 alone; the
    # header names no charset, so the page's own <meta charset="iso-8859-1"> was believed.
    for meta in (
        '<meta charset="iso-8859-1">',
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
    ):
        body = PAGE.replace('<meta charset="utf-8">', meta).encode("utf-8")
        read = with_true_charset(_page(body, "text/html"))
        assert "Café grants: £2,000 – £10,000" in read.css("p::text").get(), meta
    # A header naming UTF-8 is read so already; a real windows-1252 page keeps its <meta>.
    real = PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    page = _page(real.encode("cp1252"), "text/html")
    assert with_true_charset(page) is page and "£2,000 – £10,000" in page.text


def test_a_real_windows_1252_page_keeps_its_charset():
    response = _page(PAGE.encode("cp1252"), "text/html; charset=windows-1252")
    assert with_true_charset(response) is response
    assert "£2,000 – £10,000" in response.text


def test_ascii_a_bom_other_charsets_and_no_charset_are_left_alone():
    ascii_page = _page(b"<p>Grants of up to GBP 5,000</p>", "text/html; charset=ISO-8859-1")
    assert with_true_charset(ascii_page) is ascii_page
    bom = _page(b"\xef\xbb\xbf" + PAGE.encode("utf-8"), "text/html; charset=ISO-8859-1")
    assert with_true_charset(bom) is bom  # Scrapy reads a BOM first already
    for kind in ("text/html; charset=utf-8", "text/html", "text/html; charset=shift_jis"):
        page = _page(PAGE.encode("utf-8"), kind)
        assert with_true_charset(page) is page, kind


def test_the_listing_reads_the_mislabelled_page_as_its_author_wrote_it():
    calls, problems = read_offline("utf8_labelled_latin1")
    assert problems == []
    titles = {call.title: call for call in calls}
    assert "Café & Community Hub Start-up" in titles and "Young People’s Voice" in titles
    playground = titles["Playground Renewal Grants"]
    assert (playground.amount_min, playground.amount_max) == (2000, 10000)
