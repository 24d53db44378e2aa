"""A listing whose calls are bare headings, each followed by its paragraphs with no element
wrapping a call (spiders/heading_sections.py): what a heading item lacks is read in its section,
up to the next heading of the same or a higher rank."""

from __future__ import annotations

from parsel import Selector

from config.models import LabelSelector
from spiders.extract import select
from spiders.listing import read_fields

PAGE = """<main><h1>Grants</h1><p><strong>Closing date:</strong> 1 May 2027</p>
<h2 id="a">Halls Fund</h2><p>Repairs.</p><p><strong>Closing date:</strong> 15 January 2027</p>
<h3>Who can apply</h3><p>Parish councils.</p>
<h2 id="b">Youth Grant</h2><p><strong>Grant size:</strong> Up to £2,500</p>
<h2>Contact</h2><p><strong>Closing date:</strong> never</p></main>"""

FIELDS = {
    "title": "::text",
    "url": "xpath:concat('#', @id)",
    "closes": LabelSelector(label=["Closing date", "Deadline"]),
    "amount": LabelSelector(label=["Grant size", "Grants"]),
    "eligibility": LabelSelector(label="Who can apply"),
}


def fields_of(item: str) -> list[dict]:
    return [read_fields(node, FIELDS) for node in select(Selector(text=PAGE), item)]


def test_each_heading_reads_its_own_section_only():
    halls, youth = fields_of("main h2[id]")
    assert halls["title"] == "Halls Fund" and halls["url"] == "#a"
    assert halls["closes"] == "15 January 2027"  # not the page's 1 May above, nor Contact's
    assert halls["eligibility"] == "Who can apply: Parish councils."  # a lower heading is inside
    assert halls["amount"] is None  # the Youth Grant's, after the next <h2>
    assert youth["closes"] is None and youth["amount"] == "Grant size: Up to £2,500"


def test_an_item_that_is_no_heading_reads_only_itself():
    (paragraph,) = fields_of("xpath://h2[@id='b']/following-sibling::p[1]")
    assert paragraph["amount"] == "Grant size: Up to £2,500"
    assert paragraph["closes"] is None  # Contact's paragraph is a sibling, not part of it


BULLETIN = """<dl class="bulletin"><dt><a href="/a">Resilience Grants</a></dt>
<dd>Core costs.</dd><dd>Deadline: 14.01.2027</dd><dd>Grants: Min. £1,000 / Max. £15,000</dd>
<dt><a href="/b">Parish Capital Grants</a></dt><dd>Deadline: by noon, 29 January 2027</dd>
<dd>Who can apply: Town and parish councils</dd></dl>"""


def test_a_dt_item_reads_its_own_dds_only():
    # A bulletin's calls as one <dl>'s <dt>s read nothing of their <dd>s ("Deadline: …").
    nodes = select(Selector(text=BULLETIN), "dl.bulletin > dt")
    got = [read_fields(node, {**FIELDS, "url": "a::attr(href)"}) for node in nodes]
    assert [(f.get("closes"), f.get("amount"), f.get("eligibility")) for f in got] == [
        ("14.01.2027", "Grants: Min. £1,000 / Max. £15,000", None),
        ("by noon, 29 January 2027", None, "Who can apply: Town and parish councils"),
    ]


EMAIL_BULLETIN = """<td class="body"><p>Welcome to this month's funding.</p>
<p style="font-size:18px"><strong>Community Energy Fund 2027</strong></p>
<p>Grants of up to £25,000. Closing date: Thursday 28 January 2027, 12 noon.</p>
<p><a href="https://www.westfen.gov.uk/grants/energy">Find out more</a></p>
<p><strong>Village Halls Net Zero Grants</strong></p>
<p>Applications close at 5pm on Fri 12th March 2027.</p>
<p><a href="https://www.westfen.gov.uk/grants/halls">Find out more</a></p>
<p>Read our <strong>privacy notice</strong>.</p></td>"""


def test_a_paragraph_all_in_bold_is_a_heading_with_its_section():
    # An email bulletin's calls: each a <p><strong>…</strong></p> and the paragraphs after it. The
    # bold paragraph had no section, so no call had a link, and a `p` summary read the heading.
    item = "xpath://td/p[strong][normalize-space(.) = normalize-space(strong)]"
    fields = {"title": "::text", "url": "a::attr(href)", "summary": "p"}
    read = [read_fields(node, fields) for node in select(Selector(text=EMAIL_BULLETIN), item)]
    assert [(f["title"], f["url"]) for f in read] == [
        ("Community Energy Fund 2027", "https://www.westfen.gov.uk/grants/energy"),
        ("Village Halls Net Zero Grants", "https://www.westfen.gov.uk/grants/halls"),
    ]
    assert read[0]["summary"].startswith("Grants of up to £25,000. Closing date: Thursday")
    assert "Fri 12th March 2027" in read[1]["summary"]
    assert "Community Energy" not in read[1]["summary"]  # the section ends at the next bold one
