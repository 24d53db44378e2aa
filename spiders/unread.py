"""What a page holds but no reader of it takes for the call's words, taken out of its tree once,
before any field is read: elements it does not show (spiders/not_shown.py), footnote markers
(spiders/footnotes.py), old values struck through beside their replacements
(spiders/struck_values.py) and a script's pattern kept in a `<template>`. Every field, however
selected, then reads the page as people do.

A `<template>` of real cards (a "Show more" grid's next calls, tests/sites/template_lazy_items) is
read like the rest of the page, by every reader. One whose words are placeholders ("{{ title }}",
"${deadline}", "<%= amount %>") is the pattern a script fills, not a call: a selector matching its
card read "{{ title }}" as a call's name.
"""

from __future__ import annotations

import re

from lxml import etree
from scrapy.http import Response

from spiders.footnotes import drop_footnote_marks
from spiders.not_shown import drop_not_shown, remove_keeping_tail
from spiders.struck_values import drop_struck_values

_PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\$\{[^}]*\}|<%.*?%>|\{%.*?%\}", re.DOTALL)


def drop_unread(response: Response) -> None:
    """Mutates the response's parsed page in place (see above)."""
    drop_not_shown(response)
    root = getattr(response.selector, "root", None)
    if isinstance(root, etree._Element):
        drop_footnote_marks(root, response.body)
        drop_struck_values(root, response.body)
        if b"<template" in response.body:
            drop_patterns(root)


def drop_patterns(root: etree._Element) -> None:
    """The tree without `<template>`s that are a script's pattern (see above)."""
    for template in list(root.iter("template")):
        words = "".join(template.itertext())
        attributes = " ".join(
            v for e in template.iter() if isinstance(e.tag, str) for v in e.values()
        )
        if _PLACEHOLDER.search(words) or _PLACEHOLDER.search(attributes):
            remove_keeping_tail(template)
