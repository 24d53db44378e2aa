"""A `<template>`'s content is read alike by every path that reads a page: the tree's selectors
read a template's cards and words (lxml parses them as ordinary children), but a value read in
lines (spiders/parted_text.py) skipped them and clean_text dropped them, so "Who can apply" held
a template's second line by a selector and lost it by its label. A template that is a script's
pattern ("{{ title }}") is no call at all (spiders/unread.py)."""

from __future__ import annotations

from lxml import html
from scrapy.http import HtmlResponse, Request

from config.models import Source
from spiders.listing import ListingSpider
from spiders.normalise.text import clean_text
from spiders.parted_text import parted_text

URL = "https://www.example-trust.org.uk/grants"
WHO = "<p>Town and parish councils</p><template><p>Community groups</p></template>"


def test_a_values_lines_and_its_text_both_hold_its_template():
    value = html.fragment_fromstring(f"<dd>{WHO}</dd>")
    assert parted_text(value) == "Town and parish councils; Community groups"
    assert clean_text(WHO) == "Town and parish councils Community groups"


def _items(page: str, fields: dict) -> list:
    source = Source.model_validate(
        {"id": "trust", "kind": "listing", "urls": [URL], "item": "article", "fields": fields}
    )
    response = HtmlResponse(URL, body=page.encode(), request=Request(URL))
    return [i for i in ListingSpider(source).parse(response) if not isinstance(i, Request)]


def test_a_label_and_a_selector_read_the_same_template_words():
    page = f"""<article><h2><a href="/parks">Pocket Parks</a></h2>
    <dl><dt>Who can apply</dt><dd>{WHO}</dd></dl></article>
    <template class="more"><article><h2><a href="/trees">Street Trees</a></h2></article></template>"""
    by_label = _items(
        page,
        {
            "title": "h2 a::text",
            "url": "h2 a::attr(href)",
            "eligibility": {"label": "Who can apply"},
        },
    )
    by_selector = _items(
        page, {"title": "h2 a::text", "url": "h2 a::attr(href)", "eligibility": "dd"}
    )
    assert [i.title for i in by_label] == ["Pocket Parks", "Street Trees"]
    assert by_label[0].eligibility == "Who can apply: Town and parish councils; Community groups"
    assert by_selector[0].eligibility == "Town and parish councils Community groups"


def test_a_template_that_is_a_scripts_pattern_is_not_a_call():
    page = """<article><h2><a href="/parks">Pocket Parks</a></h2></article>
    <template id="card"><article><h2><a href="/grants/{{ slug }}">{{ title }}</a></h2></article></template>
    <template id="card2"><article><h2><a href="${url}">Grant</a></h2></article></template>"""
    items = _items(page, {"title": "h2 a::text", "url": "h2 a::attr(href)"})
    assert [i.title for i in items] == ["Pocket Parks"]
