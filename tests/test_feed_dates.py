"""A feed item's own date elements: the RSS event module's <ev:startdate>/<ev:enddate>, or a
publisher's own namespace (<fund:deadline>). Before, a feed was read for its title, link and text
only, so an RSS feed that gave each call's deadline only as such an element (sites10's heritage
trust) stored every call with no closing date and no status."""

from __future__ import annotations

from scrapy.http import Request, XmlResponse

from config.models import Source
from spiders.feed import FeedSpider
from spiders.feed_dates import item_dates
from spiders.normalise.sighting import normalise
from spiders.sources import SNAPSHOT_NOW

URL = "https://www.trust.example/grants/feed.xml"
RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:ev="http://purl.org/rss/1.0/modules/event/"
     xmlns:x="https://www.trust.example/ns#"><channel>
<title>Grants</title><link>https://www.trust.example/</link><description>Grants</description>
<item><title>Repairs</title><link>https://www.trust.example/repairs/</link>
<ev:startdate>2027-01-04</ev:startdate><ev:enddate>2027-02-19T17:00:00Z</ev:enddate>
<description>Urgent repairs.</description></item>
<item><title>Archives</title><link>https://www.trust.example/archives/</link>
<x:closing_date>2027-01-29</x:closing_date><description>Digitising archives.</description></item>
<item><title>Plain</title><link>https://www.trust.example/plain/</link>
<description>Closing date: 15 January 2027.</description></item>
</channel></rss>"""


def test_an_items_date_elements_are_its_opening_and_closing_dates():
    source = Source(id="trust", kind="feed", urls=[URL])
    response = XmlResponse(URL, body=RSS.encode(), request=Request(URL))
    spider = FeedSpider(source)
    repairs, archives, plain = [
        normalise(item, source, SNAPSHOT_NOW) for item in spider.parse(response)
    ]
    assert spider.problems == []
    assert repairs.opens_at.isoformat() == "2027-01-04T00:00:00+00:00"
    assert repairs.closes_at.isoformat() == "2027-02-19T17:00:00+00:00"
    assert repairs.status == "upcoming"
    # Any prefix: the element is known by its local name.
    assert archives.closes_at.isoformat() == "2027-01-29T23:59:00+00:00"
    # An item with no such element reads its text as before.
    assert plain.closes_at.isoformat() == "2027-01-15T23:59:00+00:00"


def test_only_prefixed_date_names_are_read():
    entry = {
        "title": "Deadline",  # feedparser's own keys have no prefix
        "published_parsed": "2026-11-01",
        "dc_date": "2026-11-01",  # a publication date, not the call's
        "ev_enddate": " 2027-02-19 ",
        "fund_deadline": "2027-03-01",  # the first closing element wins
    }
    assert item_dates(entry) == {"closes": "2027-02-19"}


CATEGORIES = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Grants</title><link>https://www.trust.example/</link>
<description>Grants</description>
<item><title>Skills</title><link>https://www.trust.example/skills/</link>
<category>Closed</category><category>Skills</category><description>Bursaries.</description></item>
<item><title>Spaces</title><link>https://www.trust.example/spaces/</link>
<category>Open spaces</category><description>Parks.</description></item>
</channel></rss>"""


def test_a_status_filed_as_a_category_is_the_items_status():
    """sites10 left this unread at first: a feed whose only status is <category>Closed</category>
    stored none. A topic category ("Open spaces") is no status."""
    source = Source(id="trust", kind="feed", urls=[URL])
    response = XmlResponse(URL, body=CATEGORIES.encode(), request=Request(URL))
    skills, spaces = [
        normalise(item, source, SNAPSHOT_NOW) for item in FeedSpider(source).parse(response)
    ]
    assert skills.status == "closed"
    assert spaces.status is None
