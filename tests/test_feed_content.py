"""A feed item's facts in its full text: WordPress's "full text" RSS puts a teaser in <description>
and the whole post in <content:encoded>; Atom has <summary> and <content>. The fuller one is the
item's summary, so its closing date and money are read. Before, only <description> was read, and a
curator's feed stored every call with no deadline and no amount."""

from __future__ import annotations

from scrapy.http import Request, XmlResponse

from config.models import Source
from spiders.feed import FeedSpider
from spiders.normalise.sighting import normalise
from spiders.sources import SNAPSHOT_NOW

URL = "https://www.fund.example/category/funding/feed/"
RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Funding</title><link>https://www.fund.example</link><description>Grants</description>
<item><title>Village Halls Energy Fund</title><link>https://www.fund.example/halls/</link>
<description><![CDATA[<p>Our new fund helps village halls. Read on.</p>]]></description>
<content:encoded><![CDATA[<p>Our new fund helps village halls.</p><ul>
<li><strong>Grant size:</strong> £5,000 to £30,000</li>
<li><strong>Closing date:</strong> 12 noon, Friday 26 February 2027</li></ul>]]></content:encoded>
</item>
<item><title>Teaser only</title><link>https://www.fund.example/teaser/</link>
<description>Grants of up to £2,000. Closing date: 15 January 2027.</description></item>
</channel></rss>"""


def test_the_fuller_text_of_an_item_is_read():
    source = Source(id="halls", kind="feed", urls=[URL])
    response = XmlResponse(URL, body=RSS.encode(), request=Request(URL))
    spider = FeedSpider(source)
    stored = [normalise(item, source, SNAPSHOT_NOW) for item in spider.parse(response)]
    assert spider.problems == []
    halls, teaser = stored
    assert halls.summary.startswith("Our new fund helps village halls. Grant size:")
    assert halls.closes_at.isoformat() == "2027-02-26T12:00:00+00:00"
    assert (halls.amount_min, halls.amount_max) == (5000, 30000)
    # An item with no content:encoded reads its description as before.
    assert teaser.closes_at.isoformat() == "2027-01-15T23:59:00+00:00"
    assert teaser.amount_max == 2000
