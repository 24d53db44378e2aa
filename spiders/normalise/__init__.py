"""Pure functions that turn what a funding page says into comparable values, one concern a module:
text, dates, money, URLs and status; `sighting` puts them together for one spider item.

Scraped text is untrusted and irregular: every function here accepts junk and answers None (or
(None, None)) rather than raising, so one odd listing never stops a crawl.
"""

from spiders.normalise.dates import parse_date
from spiders.normalise.money import parse_money
from spiders.normalise.status import normalise_status
from spiders.normalise.text import clean_text
from spiders.normalise.urls import canonical_url

__all__ = ["canonical_url", "clean_text", "normalise_status", "parse_date", "parse_money"]
