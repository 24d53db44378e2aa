"""What a page holds but no reader of it takes for the call's words, taken out of its tree once,
before any field is read: elements it does not show (spiders/not_shown.py), footnote markers
(spiders/footnotes.py), old values struck through beside their replacements
(spiders/struck_values.py), a CMS's template keyword left unreplaced (spiders/cms_keywords.py)
and a script's pattern kept in a `<template>`. Every field, however
selected, then reads the page as people do.

A `<template>` of real cards (a "Show more" grid's next calls, tests/sites/template_lazy_items) is
read like the rest of the page, by every reader. One whose words are placeholders ("{{ title }}",
"${deadline}", "<%= amount %>") is the pattern a script fills, not a call: a selector matching its
card read "{{ title }}" as a call's name.

A feed item's HTML (RSS `description`, `content:encoded`, Atom `summary`, `content`) and an API's
text field holding HTML are read by the same rule, the fragment being the page (read_as_shown):
before, they went through clean_text alone, and a hidden old deadline, "2027[1]" or "<del>31
January</del> 28 February 2027" were read as the call's words.
"""

from __future__ import annotations

import re

from lxml import etree, html
from scrapy.http import Response

from config.lazy_pattern import lazy_pattern
from spiders.cms_keywords import drop_keywords
from spiders.footnotes import drop_footnote_marks
from spiders.not_shown import drop_not_shown_in, remove_keeping_tail
from spiders.struck_values import drop_struck_values

_PLACEHOLDER = lazy_pattern(r"\{\{.*?\}\}|\$\{[^}]*\}|<%.*?%>|\{%.*?%\}", re.DOTALL)


def drop_unread(response: Response) -> None:
    """Mutates the response's parsed page in place (see above)."""
    root = getattr(response.selector, "root", None)
    if isinstance(root, etree._Element):
        drop_unread_in(root, response.body)


def drop_unread_in(root: etree._Element, body: bytes) -> None:
    """The tree without what no reader takes for the call's words; `body` is its bytes, searched
    first so that a page without a marker of a kind pays no walk of the tree for it."""
    drop_not_shown_in(root, body)
    drop_footnote_marks(root, body)
    drop_struck_values(root, body)
    drop_keywords(root, body)  # "%asset_metadata_funding_amount%" left by an empty field
    if b"<template" in body:
        drop_patterns(root)


def read_as_shown(text: str | None) -> str | None:
    """An HTML fragment (a feed item's, an API field's) as it shows: the page pass above run on it
    alone, returned as HTML for clean_text, or as words where it held no markup ("2027[1]").
    Words with neither markup nor a bracket are given back as they are, unparsed."""
    if not text or ("<" not in text and "[" not in text):
        return text
    try:
        root = html.fragment_fromstring(text, create_parent="div")
    except (etree.ParserError, ValueError):  # nothing an HTML parser can hold: read as given
        return text
    drop_unread_in(root, text.encode("utf-8", "replace"))
    if "<" not in text:
        return root.text_content()
    inner = html.tostring(root, encoding="unicode")
    return inner[len("<div>") : -len("</div>")]


def drop_patterns(root: etree._Element) -> None:
    """The tree without `<template>`s that are a script's pattern (see above)."""
    for template in list(root.iter("template")):
        words = "".join(template.itertext())
        attributes = " ".join(
            v for e in template.iter() if isinstance(e.tag, str) for v in e.values()
        )
        if _PLACEHOLDER.search(words) or _PLACEHOLDER.search(attributes):
            remove_keeping_tail(template)
