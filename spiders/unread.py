"""What a page holds but no reader of it takes for the call's words, taken out of its tree once,
before any field is read: elements it does not show (spiders/not_shown.py), footnote markers
(spiders/footnotes.py) and old values struck through beside their replacements
(spiders/struck_values.py). Every field, however selected, then reads the page as people do."""

from __future__ import annotations

from lxml import etree
from scrapy.http import Response

from spiders.footnotes import drop_footnote_marks
from spiders.not_shown import drop_not_shown
from spiders.struck_values import drop_struck_values


def drop_unread(response: Response) -> None:
    """Mutates the response's parsed page in place (see above)."""
    drop_not_shown(response)
    root = getattr(response.selector, "root", None)
    if isinstance(root, etree._Element):
        drop_footnote_marks(root, response.body)
        drop_struck_values(root, response.body)
