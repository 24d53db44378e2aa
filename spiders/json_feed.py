"""A JSON Feed (jsonfeed.org, versions 1 and 1.1) as the Atom document it is, in JSON.

Hugo and Micro.blog sites, WordPress's JSON Feed plugin and some static-site generators publish one
beside or instead of RSS. feedparser reads no JSON, so a `feed` source naming one read no entries
and failed "not a feed". The feed spider hands feedparser this Atom instead, so everything a feed
gets (its dates, categories, detail pages, `next_url` as the next page) a JSON Feed gets too.
"""

from __future__ import annotations

import json
from typing import Any
from xml.etree import ElementTree

from config.lazy_pattern import lazy_pattern

_ATOM = "http://www.w3.org/2005/Atom"
_VERSION = lazy_pattern(rb'"version"\s*:\s*"https?://jsonfeed\.org/version/')


def is_json_feed(body: bytes) -> bool:
    """An answer that is a JSON object naming a jsonfeed.org version near its start."""
    head = body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") and _VERSION.search(head) is not None


def json_feed_as_atom(body: bytes) -> bytes:
    """The feed as Atom XML bytes; ValueError when the JSON cannot be read."""
    document = json.loads(body.decode("utf-8-sig"))
    if not isinstance(document, dict):
        raise ValueError("a JSON Feed is an object")
    ElementTree.register_namespace("", _ATOM)
    feed = ElementTree.Element(f"{{{_ATOM}}}feed")
    _child(feed, "title", _text(document.get("title")))
    _link(feed, "alternate", document.get("home_page_url"))
    _link(feed, "next", document.get("next_url"))
    items = document.get("items")
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            _entry(feed, item)
    return ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True)


def _entry(feed: ElementTree.Element, item: dict[str, Any]) -> None:
    entry = ElementTree.SubElement(feed, f"{{{_ATOM}}}entry")
    _child(entry, "id", _ref(_text(item.get("id"))))
    _child(entry, "title", _text(item.get("title")))
    # With no `url`, the item is the page elsewhere it names (a link blog's post, in the spec's
    # words "the thing you're talking about"), not its `id`: feedparser took an id shaped like a
    # URL for the item's address, over a related link.
    if _text(item.get("url")):
        _link(entry, "alternate", item.get("url"))
        _link(entry, "related", item.get("external_url"))
    else:
        _link(entry, "alternate", item.get("external_url"))
    _child(entry, "published", _text(item.get("date_published")))
    _child(entry, "updated", _text(item.get("date_modified")))
    _child(entry, "summary", _text(item.get("summary")), kind="text")
    if html := _text(item.get("content_html")):
        _child(entry, "content", html, kind="html")
    else:
        _child(entry, "content", _text(item.get("content_text")), kind="text")
    tags = item.get("tags")
    for tag in tags if isinstance(tags, list) else []:
        if term := _text(tag):
            ElementTree.SubElement(entry, f"{{{_ATOM}}}category", term=term)
    authors = item.get("authors") or ([item["author"]] if item.get("author") else [])
    for author in authors if isinstance(authors, list) else []:
        if isinstance(author, dict) and (name := _text(author.get("name"))):
            person = ElementTree.SubElement(entry, f"{{{_ATOM}}}author")
            _child(person, "name", name)


def _text(value: Any) -> str | None:
    """A string or a number as text; anything else (a list, an object) is no text."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | str):
        return str(value).strip() or None
    return None


# An item's `id` is any string ("1", "post-7"); Atom's is an IRI, which feedparser resolves against
# the feed's address ("1" became https://host/1, a link that is no page): a bare id is kept a name.
_SCHEME = lazy_pattern(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _ref(value: str | None) -> str | None:
    return value if value is None or _SCHEME.match(value) else f"urn:jsonfeed:{value}"


def _child(parent: ElementTree.Element, name: str, text: str | None, kind: str | None = None):
    if text:
        element = ElementTree.SubElement(parent, f"{{{_ATOM}}}{name}")
        element.text = _xml_safe(text)
        if kind:
            element.set("type", kind)


def _link(parent: ElementTree.Element, rel: str, href: Any) -> None:
    if href := _text(href):
        ElementTree.SubElement(parent, f"{{{_ATOM}}}link", rel=rel, href=_xml_safe(href))


# Characters XML 1.0 cannot hold at all (JSON can): dropped, as a page's would be.
_NOT_XML = lazy_pattern("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)
