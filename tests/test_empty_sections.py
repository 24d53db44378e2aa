"""A listing's several `urls` (an A to Z directory's letters) where some pages hold no calls: an
empty section once another page matched, said as a note; before, each failed the run "no items
matched … the page layout may have changed" (round 38's jadu_a_to_z_empty_letters: 12 problems,
though all six records were read). A run where no page matched still fails naming each."""

from __future__ import annotations

from scrapy.http import HtmlResponse
from scrapy.settings import Settings

from config.models import Source
from spiders.registry import make_spider

ITEM = '<ul class="records"><li><a href="/r/1">Small Grants</a></li></ul>'
EMPTY = "<p>There are no items for this letter.</p>"


def _run(pages: list[str], extra: dict | None = None):
    urls = [f"https://www.example.gov.uk/a_to_z/{letter}" for letter in "ABC"[: len(pages)]]
    source = Source.model_validate(
        {
            "id": "az",
            "kind": "listing",
            "urls": urls,
            "item": "ul.records li",
            "fields": {"title": "a::text", "url": "a::attr(href)"},
            **(extra or {}),
        }
    )
    spider = make_spider(source)
    spider.settings = Settings()
    items = []
    for url, body in zip(urls, pages, strict=True):
        page = HtmlResponse(url=url, body=f"<html><body>{body}</body></html>".encode())
        items += list(spider.parse(page, page=1))
    return spider, items


def test_an_empty_letter_before_or_after_one_with_calls_is_a_note():
    for pages in ([EMPTY, ITEM, EMPTY], [ITEM, EMPTY]):
        spider, items = _run(pages)
        assert len(items) == 1
        assert spider.problems == []  # before: one "no items matched …" per empty letter
        assert len(spider.not_followed) == len(pages) - 1
        assert "an empty section" in spider.not_followed[0]


def test_no_page_matching_still_fails_naming_each():
    spider, items = _run([EMPTY, EMPTY])
    assert items == []
    assert [problem.split(" on ")[0] for problem in spider.problems] == [
        "no items matched 'ul.records li'"
    ] * 2


def test_one_url_with_no_items_fails_as_before():
    spider, _ = _run([EMPTY])
    assert len(spider.problems) == 1 and spider.not_followed == []
