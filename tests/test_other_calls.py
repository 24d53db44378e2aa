"""A call's own page ending in other calls' cards ("Related funds", each with its own "Closing
date:"): a fact the call's rows lack is not taken from a neighbour. Before, round 40's
related_funds_details_big stored a related fund's deadline for each of its 71 rolling funds (the
offline check: 'closes_at' 2026-11-20T23:59 for 'Rodhuish Village Hall Grant', expected none); the
page's other-calls blocks are now left out of what its detail fields read (spiders/other_calls.py)."""

from __future__ import annotations

import pytest
from lxml import html
from scrapy.http import HtmlResponse

from config.source_parts import LabelSelector
from spiders.item_fields import read_fields
from spiders.other_calls import drop_other_calls, other_calls_blocks

FIELDS = {"closes": LabelSelector(label="Closing date"), "amount": LabelSelector(label="Grant")}
OWN = """<h1>Rodhuish Village Hall Grant</h1>
<dl><dt>Status</dt><dd>Open all year</dd><dt>Grant</dt><dd>Up to £5,000</dd></dl>"""
CARDS = """<div class="card"><h3><a href="/funding/a">Ashcombe Play Area Grant</a></h3>
<p>Closing date: 20/11/2026</p><p>Grant: Up to £150,000</p></div>"""


def read(page: str) -> dict:
    body = f"<html><body><main><article>{OWN}</article>{page}</main></body></html>".encode()
    response = HtmlResponse("https://www.example.org.uk/funding/r", body=body, encoding="utf-8")
    drop_other_calls(response.selector.root, response.body)
    return read_fields(response.selector, FIELDS)


@pytest.mark.parametrize(
    "block",
    [
        f'<aside class="related"><h2>Related funds</h2>{CARDS}</aside>',
        f'<section id="similar-opportunities"><h2>Apply for more</h2>{CARDS}</section>',
        f"<div><h2>Other grants you could apply for</h2>{CARDS}</div>",
        f"<aside><h3>You might also be interested in</h3>{CARDS}</aside>",
        f'<div class="c-recommended-content">{CARDS}</div>',
        # The heading not its block's first element: the cards are its next siblings.
        f"<section><p>Share this page</p><h2>Other funds</h2>{CARDS}{CARDS}</section>",
    ],
)
def test_other_calls_cards_give_the_call_none_of_their_facts(block):
    assert read(block) == {"closes": None, "amount": "Grant: Up to £5,000"}


def test_without_dropping_them_the_neighbours_deadline_was_read():
    # What the fix stops: the label found in the first related card.
    body = f"<main>{OWN}<aside class='related'><h2>Related funds</h2>{CARDS}</aside></main>"
    node = HtmlResponse("https://x.org.uk/", body=body.encode(), encoding="utf-8").selector
    assert read_fields(node, FIELDS)["closes"] == "20/11/2026"


@pytest.mark.parametrize(
    "block",
    [
        # The call's own key facts in a sidebar: no name or heading of other calls.
        '<aside class="key-facts"><h2>Key facts</h2><p>Closing date: 29 January 2027</p>'
        '<p><a href="/apply">Apply</a></p></aside>',
        # Headed "Other information": not calls.
        "<section><h2>Other information</h2><p>Closing date: 29 January 2027</p>"
        '<a href="/faq">FAQ</a></section>',
        # Headed "Related funds" among the call's sections, with no link under it.
        "<section><p>Intro</p><h2>Related funds</h2><p>Closing date: 29 January 2027</p></section>",
        # A section of the call's own, with a link: no other calls named.
        "<section><p>Intro</p><h2>More about this funding</h2><p>Closing date: 29 January 2027"
        '</p><a href="/guidance">Guidance</a></section>',
        # Named related, but with no link: nothing of another call's to follow.
        '<div class="related-dates"><p>Closing date: 29 January 2027</p></div>',
    ],
)
def test_the_calls_own_facts_stay(block):
    assert read(block)["closes"] == "29 January 2027"


def test_a_block_holding_the_calls_heading_is_the_call():
    root = html.fromstring(
        f'<div class="related-content-wrapper"><a href="/">Home</a>{OWN}'
        "<p>Closing date: 29 January 2027</p></div>"
    )
    assert other_calls_blocks(root) == []
