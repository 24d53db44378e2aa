"""A feed item's HTML and an API's text fields holding HTML are read as a page is (spiders/unread.py):
hidden words, footnote markers and struck old values are not the call's words. Before, they went
through clean_text only, and "<del>31 January</del> 28 February 2027" held two dates, a hidden old
deadline was read as the deadline, and "31 January 2027[1]" read no date."""

from __future__ import annotations

import json

from scrapy.http import Request, TextResponse, XmlResponse

from config.models import Source
from spiders.api import ApiSpider
from spiders.feed import FeedSpider
from spiders.normalise.sighting import normalise
from spiders.sources import SNAPSHOT_NOW
from spiders.unread import read_as_shown

FEED = "https://www.trust.example/feed/"
API = "https://api.trust.example/grants"

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Grants</title><link>https://www.trust.example</link><description>Grants</description>
<item><title>Village Halls Fund</title><link>https://www.trust.example/halls/</link>
<description><![CDATA[<p>Closing date: <span style="display: none">1 December 2026</span>
<del>31 January</del> 28 February 2027.</p>]]></description></item>
<item><title>Play Areas Fund</title><link>https://www.trust.example/play/</link>
<description><![CDATA[<p>Closing date: 31 March 2027<sup class="reference">[1]</sup>.
Grants up to £5,000<span hidden>0</span>.</p>]]></description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Grants</title><id>urn:trust</id>
<updated>2026-11-20T09:00:00Z</updated>
<entry><title>Bus Shelters Fund</title><id>urn:trust:bus</id>
<link href="https://www.trust.example/bus/"/><updated>2026-11-20T09:00:00Z</updated>
<summary type="html">&lt;p&gt;Deadline: 30 April 2027[2]&lt;/p&gt;</summary>
<content type="html">&lt;p&gt;Deadline: 30 April 2027[2]&lt;/p&gt;&lt;p&gt;Awards of
&lt;s&gt;£2,000&lt;/s&gt; £3,000 each.&lt;/p&gt;</content></entry>
</feed>"""


def _feed(body: str) -> list:
    source = Source(id="trust", kind="feed", urls=[FEED])
    response = XmlResponse(FEED, body=body.encode(), request=Request(FEED))
    spider = FeedSpider(source)
    stored = [normalise(item, source, SNAPSHOT_NOW) for item in spider.parse(response)]
    assert spider.problems == []
    return stored


def test_an_rss_items_hidden_words_marks_and_struck_dates_are_not_read():
    halls, play = _feed(RSS)
    assert halls.closes_at.isoformat() == "2027-02-28T23:59:00+00:00"
    assert "1 December" not in halls.summary and "31 January" not in halls.summary
    assert play.closes_at.isoformat() == "2027-03-31T22:59:00+00:00"  # BST from 28 March
    assert play.amount_max == 5000  # not £50,000 with the hidden nought


def test_an_atom_entrys_glued_mark_and_struck_sum_are_not_read():
    (bus,) = _feed(ATOM)
    assert bus.closes_at.isoformat() == "2027-04-30T22:59:00+00:00"
    assert (bus.amount_min, bus.amount_max) == (3000, 3000)


def test_an_apis_html_text_fields_are_read_as_shown():
    source = Source(
        id="trust",
        kind="api",
        urls=[API],
        item="grants[*]",
        fields={"title": "name", "url": "link", "closes": "deadline", "summary": "body"},
    )
    body = {
        "grants": [
            {
                "name": 'Community Fund<span style="DISPLAY:NONE"> (old)</span>',
                "link": "https://www.trust.example/community/",
                "deadline": "<del>31 January 2027</del> 28 February 2027",
                "body": "<p>Up to £4,000<sup>[3]</sup> for groups.</p>",
            }
        ]
    }
    response = TextResponse(API, body=json.dumps(body).encode(), request=Request(API))
    spider = ApiSpider(source)
    (item,) = [normalise(i, source, SNAPSHOT_NOW) for i in spider.parse(response)]
    assert item.title == "Community Fund"
    assert item.closes_at.isoformat() == "2027-02-28T23:59:00+00:00"
    assert item.summary == "Up to £4,000 for groups."


def test_a_fragment_keeps_what_a_reader_can_open_and_plain_words():
    # One rule with the page pass: a "Read more" panel is kept, words without markup are as given.
    shown = read_as_shown(
        '<p>Intro</p><div class="read-more" hidden><p>Closing 1 May 2027</p></div>'
    )
    assert "Closing 1 May 2027" in shown
    assert read_as_shown("Grants for halls & hubs") == "Grants for halls & hubs"
    assert read_as_shown(None) is None
