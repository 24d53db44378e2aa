"""Hypothesis strategies shared by the property tests: funding-page words, junk, and mutations of the
real snapshot pages (byte flips, truncation, tag soup, huge attributes, wrong encodings).

Every property test runs under PROFILE: a bounded number of examples, no deadline (a slow CI box is
not a failure), derandomized and without an example database, so a run is the same every time and
writes nothing into the tree.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

PROFILE = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Words that steer the normalisers into their interesting branches, mixed with markup and junk.
FUNDING_WORDS = (
    "£|£10,000|10k|1.5m|2 million|bn|up to|from|to|between|and|-|–|maximum|minimum|"
    "at least|total fund|pot|available|per project|council|councils|local authorities|"
    "parish councils|Research Council|not|eligible|can apply|partner|with|"
    "Who can apply:|charities|NHS trusts|.|,|;|:|\n|- |•|12 January 2027|12/01/2027|"
    "2027-01-12T16:00:00Z|4pm|11:59pm (Midnight)|Midnight|noon|GMT|BST|Monday|"
    "31 February 2027|open|closed|opening soon|closing soon|upcoming|<p>|</p>|<br>|<b|"
    "<script>x</script>|<!--|-->|&amp;|&nbsp;|&#x0;|&#99999999;|&bogus;|\u200b|\xad|"
    "\ufeff|\u202e|\x00|\x0b|http://|https://|javascript:|//|?utm_source=x|#frag|[::1]|"
    ":99999|%|%zz|xn--|\ud7ff|é|字"
).split("|")

funding_text = st.lists(
    st.one_of(st.sampled_from(FUNDING_WORDS), st.text(max_size=12)), max_size=25
).map(" ".join)
any_text = st.one_of(st.text(max_size=300), funding_text)

# JSON values of every shape, for the api kind's fields and whole bodies.
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False)
    | any_text,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)

SOUP = (
    b"<|>|</div>|</ul></li>|<li>|<![CDATA[|]]>|<!--|<script>|<?xml version='1.0'?>|"
    b"<!DOCTYPE x [<!ENTITY e 'x'>]>|&e;|&#x0;|\x00|<p<p<p|\"|'|<a href=|"
    b"<a href='javascript:alert(1)'>x</a>|\xff\xfe|<html><body>|</body></html>|"
    b'<table><tr><td>|<dt>Closing date</dt><dd>|<item><title>|</title></item>|{"|[|]|{|'
    b"}|null|,"
).split(b"|")
ENCODINGS = ["utf-16", "utf-16-be", "utf-32", "cp1252", "latin-1", "shift_jis", "koi8-r"]
CHARSETS = ["utf-8", "utf-16", "iso-8859-1", "shift_jis", "x-bogus", "", "utf-7"]


CONTENT_TYPES = ["application/octet-stream", "application/pdf", "image/png", "text/plain", ""]


class Damaged:
    """A source's pages with one of them damaged; its repr says how, not the megabytes."""

    def __init__(self, source_id: str, path: str, how: str, site: dict[str, tuple[bytes, str]]):
        self.source_id, self.path, self.how, self.site = source_id, path, how, site

    def __repr__(self) -> str:
        return f"Damaged({self.source_id!r}, {self.path!r}, {self.how!r})"


@st.composite
def mutated(draw, body: bytes, content_type: str) -> tuple[bytes, str, str]:
    """One real page, damaged one of the ways real pages are: (body, Content-Type, how)."""
    how = draw(
        st.sampled_from(["flip", "truncate", "soup", "huge", "deep", "encoding", "charset", "type"])
    )
    data = bytearray(body)
    if how == "flip" and data:
        for _ in range(draw(st.integers(1, 64))):
            at = draw(st.integers(0, len(data) - 1))
            data[at] ^= draw(st.integers(1, 255))
    elif how == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif how == "soup":
        for _ in range(draw(st.integers(1, 20))):
            at = draw(st.integers(0, len(data)))
            data[at:at] = draw(st.sampled_from(SOUP))
    elif how == "huge":
        at = body.find(b"<", draw(st.integers(0, max(len(body) - 1, 0))))
        at = at + 2 if at >= 0 else 0
        size = draw(st.sampled_from([10_000, 1_000_000]))
        data[at:at] = b' data-x="' + b"A" * size + b'" '
    elif how == "deep":  # nesting past any recursive parser's limit, wherever it lands
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(st.sampled_from([b"[", b"<div>", b'{"a":'])) * 100_000
    elif how == "encoding":
        text = body.decode("utf-8", "replace")
        data = bytearray(text.encode(draw(st.sampled_from(ENCODINGS)), "replace"))
    elif how == "charset":
        base = content_type.split(";")[0]
        charset = draw(st.sampled_from(CHARSETS))
        content_type = f"{base}; charset={charset}" if charset else base
        how += f" {charset!r}"
    elif how == "type":  # a server that says it is sending something else (or nothing)
        content_type = draw(st.sampled_from(CONTENT_TYPES))
        how += f" {content_type!r}"
    return bytes(data), content_type, how


def replace_somewhere(data: Any, value: Any, pick: int) -> Any:
    """The JSON document with its pick-th node (depth first, modulo the count) replaced by value."""
    nodes: list[tuple[Any, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, child in node.items():
                nodes.append((node, key))
                walk(child)
        elif isinstance(node, list):
            for index, child in enumerate(node):
                nodes.append((node, index))
                walk(child)

    copy = json.loads(json.dumps(data))
    walk(copy)
    if not nodes:
        return value
    parent, key = nodes[pick % len(nodes)]
    parent[key] = value
    return copy
