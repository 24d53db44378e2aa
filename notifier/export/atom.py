"""An Atom 1.0 document (RFC 4287), written with ElementTree so every text and attribute is escaped.

XML 1.0 cannot carry most control characters at all, escaped or not; `xml_text` removes them (and
bidi controls) first, so a hostile title is still a well-formed feed whose title reads as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from xml.etree import ElementTree as ET

from config.clock import zulu
from config.lazy_pattern import lazy_pattern
from notifier.channels.escape import BIDI_CONTROLS
from notifier.present import safe_url

ATOM = "http://www.w3.org/2005/Atom"
# Not allowed anywhere in an XML 1.0 document: C0 controls but tab/LF/CR, surrogates, FFFE/FFFF.
_NOT_XML = lazy_pattern("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BIDI = lazy_pattern("[" + "".join(sorted(BIDI_CONTROLS)) + "]")

ET.register_namespace("", ATOM)


def xml_text(text: str | None) -> str:
    return _BIDI.sub("", _NOT_XML.sub("", text or ""))


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    updated: datetime
    summary: str
    link: str | None = None  # the call on its funder's site: only http(s) ever gets out
    related: str | None = None  # the call's page on this repository
    categories: list[tuple[str, str]] = field(default_factory=list)  # (term, label)


def _text(parent: ET.Element, name: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}", attributes)
    element.text = xml_text(text)
    return element


def _link(parent: ET.Element, rel: str, href: str | None, **attributes: str) -> bool:
    target = safe_url(href)
    if target:
        ET.SubElement(parent, f"{{{ATOM}}}link", {"rel": rel, "href": target, **attributes})
    return bool(target)


def atom_feed(
    *,
    feed_id: str,
    title: str,
    subtitle: str,
    updated: datetime,
    entries: list[Entry],
    self_url: str | None = None,
    alternate_url: str | None = None,
    rights: str = "",
) -> bytes:
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", feed_id)
    _text(feed, "title", title, type="text")
    _text(feed, "subtitle", subtitle, type="text")
    _text(feed, "updated", zulu(updated))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "fundwatch")
    _text(feed, "generator", "fundwatch")
    if rights:
        _text(feed, "rights", rights, type="text")
    _link(feed, "self", self_url, type="application/atom+xml")
    _link(feed, "alternate", alternate_url, type="text/html")
    for item in entries:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", item.id)
        _text(entry, "title", item.title, type="text")
        _text(entry, "updated", zulu(item.updated))
        _text(entry, "published", zulu(item.updated))
        linked = _link(entry, "alternate", item.link, type="text/html")
        _link(entry, "related", item.related, type="text/html", title="fundwatch page")
        for term, label in item.categories:
            ET.SubElement(
                entry, f"{{{ATOM}}}category", {"term": xml_text(term), "label": xml_text(label)}
            )
        _text(entry, "summary", item.summary, type="text")
        if not linked:  # RFC 4287 4.1.1: an entry with no alternate link must have content
            _text(entry, "content", item.summary, type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
