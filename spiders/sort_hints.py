"""Pure: a table's column heading as its name, without the words a sortable table adds to it.

A sortable grid writes how to sort into the heading itself, for screen readers: Power Pages'
`<th><a>Closing date<span class="sr-only sort-hint">. sort descending</span></a></th>`, a
plugin's "Closing date, sortable column, sorted ascending". Screen-reader text is kept elsewhere
(it is often the label), but these words say what clicking does, not what the column holds, so
`{label: "Closing date"}` found nothing under "Closing date. sort descending".
"""

from __future__ import annotations

import re

from lxml import etree

from config.lazy_pattern import lazy_pattern

_SORT_HINT = lazy_pattern(
    r"\s*[.,:;(\-–]?\s*(?:(?:click|activate|press|select)\s+to\s+)?"
    r"(?:sortable(?:\s+column)?|sort(?:ed)?(?:\s+by)?(?:\s+column)?\s+(?:ascending|descending)"
    r"|sort(?:ed)?\s+(?:this\s+)?column)\b.*$",
    re.IGNORECASE,
)


def heading_words(heading: etree._Element) -> str:
    """The heading's words as a reader names the column: its text, any sorting hint after it gone."""
    text = " ".join(heading.text_content().split())
    return _SORT_HINT.sub("", text) or text
