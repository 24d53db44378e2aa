"""Two feeds fundwatch misread (tests/sites/README.md, round 28).

RSS 0.91 feeds carry Netscape's DOCTYPE, whose DTD declares HTML's entities, and use `&pound;`
bare: the strict parse stopped at it and the run failed "malformed feed … undefined entity" though
every character was plain. A change log Atom feed lists each edit of a call as an entry under the
call's own id, oldest first: the first edit's facts were stored, not the latest's."""

from __future__ import annotations

from scrapy.http import Request, XmlResponse

from config.models import Source
from spiders.feed import FeedSpider
from spiders.feed_entities import numeric_html_entities
from spiders.feed_revisions import latest_revisions
from spiders.normalise.sighting import normalise
from spiders.sources import SNAPSHOT_NOW

URL = "https://www.halls.example/news/grants.rss"
RSS_091 = b"""<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
 "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Halls &ndash; grants</title>
<link>https://www.halls.example/</link><description>Grants</description><language>en-gb</language>
<item><title>Hall Heating &amp; Kitchens</title><link>https://www.halls.example/heating.html</link>
<description>Grants of &pound;2,000 &ndash; &pound;15,000. Closing date: 29 January 2027.</description>
</item></channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Changes</title><id>tag:x,2026:c</id>
<updated>2026-11-20T10:00:00Z</updated>
<entry><id>tag:x,2026:fund/a</id><title>Fund A</title><link href="https://www.x.example/a"/>
<updated>2026-10-01T09:00:00Z</updated><summary>Closing date: 15 January 2027.</summary></entry>
<entry><id>tag:x,2026:fund/a</id><title>Fund A</title><link href="https://www.x.example/a"/>
<updated>2026-11-20T10:00:00Z</updated><summary>Deadline extended. Closing date: 12 February
2027.</summary></entry>
<entry><id>tag:x,2026:fund/b</id><title>Fund B</title><link href="https://www.x.example/b"/>
<updated>2026-11-01T09:00:00Z</updated><summary>Closing date: 4 December 2026.</summary></entry>
</feed>"""


def _read(url: str, body: bytes) -> tuple[FeedSpider, list]:
    source = Source(id="feed", kind="feed", urls=[url])
    spider = FeedSpider(source)
    response = XmlResponse(url, body=body, request=Request(url))
    return spider, [normalise(item, source, SNAPSHOT_NOW) for item in spider.parse(response)]


def test_an_rss_091_feed_using_its_dtds_entities_reads_without_a_problem():
    spider, (call,) = _read(URL, RSS_091)
    # Before: ['malformed feed on …: SAXParseException: …: undefined entity (1 entries read anyway)']
    assert spider.problems == []
    assert call.title == "Hall Heating & Kitchens"
    assert (call.amount_min, call.amount_max) == (2000, 15000)
    assert call.closes_at.isoformat() == "2027-01-29T23:59:00+00:00"


def test_only_entities_html_knows_and_the_document_does_not_declare_are_rewritten():
    body = b'<!DOCTYPE x [<!ENTITY pound "GBP">]><x>&pound; &ndash; &amp; &lt; &foo; &#163;</x>'
    assert numeric_html_entities(body) == (
        b'<!DOCTYPE x [<!ENTITY pound "GBP">]><x>&pound; &#8211; &amp; &lt; &foo; &#163;</x>'
    )
    assert numeric_html_entities(b"<x>&pound;</x>") == b"<x>&#163;</x>"


def test_a_call_edited_several_times_is_stored_as_its_latest_edit():
    _, calls = _read("https://www.x.example/changes.atom", ATOM.encode())
    # Before: Fund A's first edit stood, closing 2027-01-15T23:59:00+00:00.
    assert [(c.title, c.closes_at.isoformat()) for c in calls] == [
        ("Fund A", "2027-02-12T23:59:00+00:00"),
        ("Fund B", "2026-12-04T23:59:00+00:00"),
    ]


def test_revisions_tie_to_the_first_listed_and_entries_without_an_id_each_stand():
    first = {"id": "g1", "link": "https://x.example/a", "title": "newest first"}
    second = {"id": "g1", "link": "https://x.example/a", "title": "older copy"}
    loose = {"title": "no id"}
    assert latest_revisions([first, loose, second, loose]) == [first, loose, loose]


def test_one_guid_on_every_item_at_its_own_link_is_no_revision():
    # A CMS giving every item the feed's address as its <guid>: different calls, all kept.
    items = [{"id": "https://x.example/feed", "link": f"https://x.example/{n}"} for n in "abc"]
    assert latest_revisions(items) == items


def test_entries_dated_only_by_pubdate_are_read_without_feedparsers_fallback_warning():
    """RSS items with a pubDate and no updated date: feedparser's get("updated_parsed") answers
    with the published time and a DeprecationWarning per entry (sites32's 40-page feed printed
    fifty). The entry's own dates are read, and nothing is warned."""
    import warnings

    import feedparser

    from spiders.archive_pages import entry_dates
    from spiders.feed_revisions import latest_revisions

    rss = (
        "<rss version='2.0'><channel><title>f</title>"
        "<item><guid>a</guid><link>https://x.example/a</link>"
        "<pubDate>Mon, 02 Nov 2026 09:00:00 GMT</pubDate></item>"
        "<item><guid>a</guid><link>https://x.example/a</link>"
        "<pubDate>Tue, 03 Nov 2026 09:00:00 GMT</pubDate></item></channel></rss>"
    )
    entries = feedparser.parse(rss).entries
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        kept = latest_revisions(entries)
        dates = entry_dates(entries[0])
    assert [e["published"] for e in kept] == ["Tue, 03 Nov 2026 09:00:00 GMT"]
    assert [d.day for d in dates] == [2]
