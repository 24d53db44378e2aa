"""`::text` in a field selector reads what a person reads in the element: its own words with those
of its inline children (emphasis, links, spans), not the text of a block nested in it. Scrapy's
`::text` alone (direct text nodes) read "Heat <em>network</em> fund" as "Heat fund", and a title
inside a <span> as nothing, so the call was never stored."""

from __future__ import annotations

import pytest
from parsel import Selector

from spiders.extract import FieldReader

CASES = [
    # (markup inside <li>, selector, expected)
    ("<a href='/1'>Heat <em>network</em> fund</a>", "a::text", "Heat network fund"),
    ("<h3><a href='/1'><span>Only in a span</span></a></h3>", "h3 a::text", "Only in a span"),
    ("<span class='d'>Closes <b>3 March 2027</b></span>", "span.d::text", "Closes 3 March 2027"),
    (
        "<p>Councils <strong>must</strong> bid by <a>5 March</a>.</p>",
        "p::text",
        "Councils must bid by 5 March.",
    ),
    (
        "<td>Up to £5m<div class='note'>per project, see guidance</div></td>",
        "td::text",
        "Up to £5m",
    ),
    ("<p>Text<script>track()</script> here</p>", "p::text", "Text here"),
    ("<p>One</p><p>Two <i>too</i></p>", "p::text", "One Two too"),
    # Scrapy's own meanings stay where a selector asks for them.
    ("<div class='x'>Own <b>bold</b><p>block</p></div>", "div.x *::text", "Own bold block"),
    ("<p>Own <b>bold</b></p>", "xpath:.//p/text()", "Own"),
    ("<div class='x'>Kept <div>and block</div></div>", "div.x", "Kept and block"),
    # A bare ::text is the item's own words (a <li> whose facts sit beside its link): it crashed
    # the crawl with cssselect's "Expected selector, got <EOF>".
    (
        "<a href='/a.pdf'>Access Fund (PDF)</a> – closing date 15.01.2027<div>block</div>",
        "::text",
        "Access Fund (PDF) – closing date 15.01.2027",
    ),
]


@pytest.mark.parametrize("markup,selector,expected", CASES)
def test_text_is_read_as_people_read_it(markup, selector, expected):
    (node,) = Selector(text=f"<ul><li>{markup}</li></ul>").css("li")
    assert FieldReader(node).read(selector) == expected


def test_nothing_there_is_none():
    (node,) = Selector(text="<ul><li><a href='/1'></a></li></ul>").css("li")
    assert FieldReader(node).read("a::text") is None
