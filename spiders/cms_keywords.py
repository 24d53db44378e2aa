"""A CMS's template keyword printed as it was written because the field behind it was empty.

Squiz Matrix replaces `%asset_metadata_funding_amount%` (or `%globals_…%`, `%frontend_asset_…%`,
with modifiers: `%asset_metadata_closing_date^as_date:l j F Y g:ia%`) with the asset's value; an
asset whose metadata field was never filled shows the keyword itself. MODX does the same with
its tags (`[[+tv.deadline]]`, `[[*closing_date]]`). Read as words, such a keyword was stored as
the call's amount ("Funding available: %asset_metadata_funding_amount%") and shown in every
digest. It is nothing the page says: taken out of the text before any field is read, so the
field is as empty as the CMS's own.
"""

from __future__ import annotations

from lxml import etree

from config.lazy_pattern import lazy_pattern

_KEYWORD = lazy_pattern(
    r"%(?:asset|globals|frontend_asset|nested)_[A-Za-z0-9_.:-]+(?:\^[^%<>\n]*)?%"
    r"|\[\[[+*~$%!][A-Za-z0-9_.-]+(?:[:?&][^\]]*)?\]\]"
)
# Whether a page may hold one, in two scans of its bytes (a page's every pass pays for its own).
_SQUIZ_MARK = lazy_pattern(rb"%(?:asset|globals|frontend_asset|nested)_")


def without_keywords(text: str) -> str:
    """`text` without the template keywords in it (see above)."""
    return _KEYWORD.sub("", text)


def drop_keywords(root: etree._Element, body: bytes) -> None:
    """The tree's text and attributes without unreplaced keywords; a page with none is not walked."""
    if b"[[" not in body and not _SQUIZ_MARK.search(body):
        return
    for element in root.iter():
        if element.text and _KEYWORD.search(element.text):
            element.text = without_keywords(element.text)
        if element.tail and _KEYWORD.search(element.tail):
            element.tail = without_keywords(element.tail)
        if isinstance(element.tag, str):
            for name, value in element.attrib.items():
                if _KEYWORD.search(value):
                    element.set(name, without_keywords(value))
