"""Pure: a headless CMS's rich-text field as the words it shows. Such a field is a tree, not a
string: Contentful's Rich Text (`{"nodeType": "document", "content": [{"nodeType": "paragraph",
"content": [{"nodeType": "text", "value": "…"}]}]}`), Strapi's Blocks and Slate
(`[{"type": "paragraph", "children": [{"type": "text", "text": "…"}]}]`), Sanity's Portable Text
(`[{"_type": "block", "children": [{"_type": "span", "text": "…"}]}]`), Prismic's rich text (a
list of blocks each holding its own words: `[{"type": "paragraph", "text": "…", "spans": []}]`).
Read as an object by its name or title, it had none, and a call's eligibility or summary was
stored empty (Prismic's blocks: their texts joined by commas, "Who can apply:, Parish councils").

The same tree may come wrapped as its client library hands it over: gatsby-source-contentful
(and so a Gatsby site's page-data.json) gives a Rich Text field as `{"raw": "<the document as a
JSON string>", "references": [...]}`, Contentful's GraphQL API as `{"json": {…document…}}`. A
curator points at the field, as for any rich text; the wrapper was read as no tree, and the
field stored empty (tests/sites/gatsby_page_data: every verdict `unclear`). Payload CMS 3 gives
Lexical's editor state, the tree under `root` (`{"root": {"type": "root", "children": [...]}}`):
it was read as no tree too (tests/sites/payload_cms_docs)."""

from __future__ import annotations

import json
import re
from typing import Any

from config.lazy_pattern import lazy_pattern

# A node that starts a line of its own: a paragraph, heading, list item, quote; inline nodes
# (a hyperlink, a span, text, bold) run on in their paragraph.
_BLOCK = lazy_pattern(r"paragraph|heading|list|quote|block|document|table|row|cell|hr", re.I)
_MOST_NODES = 10_000  # a hostile tree stops costing here…
_DEEPEST = 64  # …and nesting past any editor's lists within lists is not followed


_LONGEST_RAW = 1_000_000  # characters of a `raw` string parsed; a field's text is far shorter


def rich_text(value: Any) -> str | None:
    """The tree's words, a line per block; None when `value` is not such a tree."""
    value = _unwrapped(value)
    if not _is_tree(value):
        return None
    lines: list[str] = []
    budget = [_MOST_NODES]
    _walk(value, lines, budget, 0)
    text = "\n".join(" ".join(line.split()) for line in "".join(lines).split("\n"))
    return "\n".join(line for line in text.split("\n") if line) or None


def _unwrapped(value: Any) -> Any:
    """The document inside Gatsby's `{raw: "…"}`, Contentful GraphQL's `{json: {…}}` or Lexical's
    `{root: {…}}`, else `value`."""
    if not isinstance(value, dict) or _kind(value) is not None:
        return value
    inner = value.get("json", value.get("raw", value.get("root")))
    if isinstance(inner, str) and len(inner) <= _LONGEST_RAW and inner.lstrip()[:1] in ("{", "["):
        try:
            inner = json.loads(inner)
        except ValueError:
            return value
    return inner if _is_tree(inner) else value


def _kind(node: dict) -> str | None:
    kind = node.get("nodeType", node.get("_type", node.get("type")))
    return kind if isinstance(kind, str) else None


def _children(node: dict) -> list | None:
    children = node.get("content", node.get("children"))
    return children if isinstance(children, list) else None


def _prismic(node: dict) -> bool:
    """A Prismic block: its words and their marks (`spans`) in itself, or an image or embed."""
    return isinstance(node.get("spans"), list) or node.get("type") in ("image", "embed")


def _is_tree(value: Any) -> bool:
    nodes = value if isinstance(value, list) else [value]
    return bool(nodes) and all(
        isinstance(node, dict)
        and _kind(node) is not None
        and (_children(node) is not None or _prismic(node))
        for node in nodes
    )


def _walk(node: Any, lines: list[str], budget: list[int], depth: int) -> None:
    budget[0] -= 1
    if budget[0] < 0 or depth > _DEEPEST:
        return
    if isinstance(node, list):
        for child in node:
            _walk(child, lines, budget, depth + 1)
        return
    if not isinstance(node, dict):
        return
    children = _children(node)
    if children is None:  # a leaf: Contentful's text `value`, Slate's and Sanity's `text`
        if _kind(node) == "linebreak":  # Lexical's Shift+Enter: a line's end inside a paragraph
            lines.append("\n")
            return
        words = node.get("value", node.get("text"))
        words = words if isinstance(words, str) else ""
        # A Prismic block is a line of its own, as a paragraph node is.
        lines.extend(["\n", words, "\n"] if _prismic(node) else [words])
        return
    block = bool(_BLOCK.search(_kind(node) or ""))
    if block:
        lines.append("\n")
    for child in children:
        _walk(child, lines, budget, depth + 1)
    if block:
        lines.append("\n")
