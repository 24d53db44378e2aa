"""A listing page that matched no items but embeds another page in an <iframe> names that page in
its problem (spiders/embedded_frames.py): round 26's `iframe_embedded_grants` council page, read
with the entry as first written, failed only "no items matched … the page layout may have
changed", though its list was the CVS directory its iframe shows."""

from __future__ import annotations

from parsel import Selector

from spiders.embedded_frames import frame_addresses, frame_words
from tests.unseen_sites import read_offline

COUNCIL_PAGE = "https://www.dunmere.gov.uk/community/grants-and-funding"
EMBED = "https://funding.dunmerecvs.org.uk/embed/listing?area=dunmere&theme=council"


def _join(base: str):
    from urllib.parse import urljoin

    return lambda href: urljoin(base, href)


def test_the_council_page_as_first_written_names_the_embedded_list():
    calls, problems = read_offline("iframe_embedded_grants", {"urls": [COUNCIL_PAGE]})
    assert calls == []
    assert len(problems) == 1
    assert problems[0].startswith(
        f"no items matched 'table.funding-table tbody tr' on {COUNCIL_PAGE}"
    )
    assert f"the page embeds {EMBED} in an <iframe>" in problems[0]
    assert "put that address in urls" in problems[0]


def test_the_embedded_address_reads_every_call():
    calls, problems = read_offline("iframe_embedded_grants")
    assert problems == []
    assert len(calls) == 5


def test_frames_that_hold_no_list_are_not_named():
    page = Selector(
        text="""<html><body>
        <noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-K7Q2"></iframe></noscript>
        <iframe src="https://www.youtube-nocookie.com/embed/x1y2z3"></iframe>
        <iframe src="https://www.google.com/maps/embed?pb=!1m18"></iframe>
        <iframe src="about:blank"></iframe>
        <iframe src="/widgets/grants-list?council=7"></iframe>
        <iframe src="/widgets/grants-list?council=7"></iframe>
        <iframe src="https://docs.google.com/spreadsheets/d/e/2PACX-1v/pubhtml?widget=true"></iframe>
        </body></html>"""
    )
    assert frame_addresses(page, _join("https://www.example.gov.uk/grants")) == [
        "https://www.example.gov.uk/widgets/grants-list?council=7",
        "https://docs.google.com/spreadsheets/d/e/2PACX-1v/pubhtml?widget=true",
    ]


def test_a_page_with_no_frame_adds_nothing():
    page = Selector(text="<html><body><p>No grants at the moment.</p></body></html>")
    assert frame_words(page, _join("https://www.example.gov.uk/")) == ""
