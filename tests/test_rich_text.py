"""A headless CMS's rich-text field read as its words (kind api): Contentful's Rich Text document,
Strapi's Blocks, Sanity's Portable Text. Before, such a tree was read as an object by its name or
title, found none, and the field was stored empty: an eligibility written in the CMS's editor left
the council verdict unclear."""

from __future__ import annotations

import json

from config.models import Source
from spiders.api_values import as_text
from spiders.eligibility import council_eligibility
from spiders.items import OpportunitySighting
from spiders.normalise.sighting import normalise
from spiders.rich_text import rich_text
from spiders.sources import SNAPSHOT_NOW


def text(value: str, **marks) -> dict:
    return {"nodeType": "text", "value": value, "marks": [], "data": {}, **marks}


def node(kind: str, *content) -> dict:
    return {"nodeType": kind, "data": {}, "content": list(content)}


CONTENTFUL = node(
    "document",
    node("paragraph", text("Who can apply: ", marks=[{"type": "bold"}]), text("these groups:")),
    node(
        "unordered-list",
        node("list-item", node("paragraph", text("town and parish councils"))),
        node(
            "list-item",
            node(
                "paragraph",
                text("charities (see "),
                node("hyperlink", text("our guide")),
                text(")"),
            ),
        ),
    ),
)


def test_contentfuls_rich_text_is_its_words_a_line_a_block():
    assert as_text(CONTENTFUL) == (
        "Who can apply: these groups:\ntown and parish councils\ncharities (see our guide)"
    )


def test_strapi_blocks_and_sanity_portable_text_are_read_too():
    strapi = [
        {"type": "paragraph", "children": [{"type": "text", "text": "Closing date: "},
                                           {"type": "text", "text": "5 March 2027", "bold": True}]},
        {"type": "paragraph", "children": [{"type": "text", "text": "Grants up to £5,000."}]},
    ]  # fmt: skip
    assert as_text(strapi) == "Closing date: 5 March 2027\nGrants up to £5,000."
    sanity = [{"_type": "block", "_key": "a1", "children": [{"_type": "span", "text": "Open"}]}]
    assert as_text(sanity) == "Open"


def test_prismic_rich_text_is_a_line_a_block():
    # Round 19 (prismic_rich_text): each block holds its own words beside `spans`, with no
    # children, so the field was read as a list of objects: "Who can apply:, Parish councils, …".
    def block(kind: str, words: str) -> dict:
        return {"type": kind, "text": words, "spans": [], "direction": "ltr"}

    prismic = [
        block("paragraph", "Who can apply:"),
        block("list-item", "Parish councils"),
        {"type": "image", "url": "https://images.prismic.io/x.jpg", "alt": None},
        block("list-item", "Village heritage groups"),
    ]
    assert as_text(prismic) == "Who can apply:\nParish councils\nVillage heritage groups"
    assert council_eligibility(as_text(prismic), None)[0] == "yes"
    # A list of objects that only have a type is not such a tree.
    assert as_text([{"type": "category", "name": "Heritage"}]) == "Heritage"


def test_other_objects_and_lists_read_as_before():
    assert as_text({"type": "category", "name": "Community", "children": []}) == "Community"
    assert as_text([{"name": "Charities"}, {"name": "Parish councils"}]) == (
        "Charities, Parish councils"
    )
    assert rich_text({"id": 3}) is None and rich_text([]) is None


def test_a_deep_or_huge_tree_stops_costing():
    deep: dict = node("paragraph", text("x"))
    for _ in range(5000):
        deep = node("list-item", deep)
    assert rich_text(deep) is None  # past the deepest level nothing is read, and nothing raised


def test_an_eligibility_in_rich_text_decides_the_verdict():
    source = Source(id="cf", kind="api", urls=["https://cdn.contentful.com/x"], item="items[*]",
                    fields={"title": "t", "url": "u"})  # fmt: skip
    raw = OpportunitySighting(
        source_id="cf", title="Halls", url="https://www.cf.example/halls",
        eligibility=as_text(CONTENTFUL),
    )  # fmt: skip
    stored = normalise(raw, source, SNAPSHOT_NOW)
    assert council_eligibility(stored.eligibility, stored.summary)[0] == "yes"


def test_the_document_as_a_client_library_wraps_it_is_read_too():
    # gatsby-source-contentful's {raw: "<JSON string>", references} (a Gatsby page-data.json) and
    # Contentful GraphQL's {json: {…}}. Before: None (the field stored empty, the verdict unclear).
    gatsby = {"raw": json.dumps(CONTENTFUL), "references": []}
    assert as_text(gatsby) == as_text(CONTENTFUL)
    assert as_text({"json": CONTENTFUL, "links": {}}) == as_text(CONTENTFUL)
    # A `raw` that is not such a document is read as before.
    assert rich_text({"raw": "Parish councils", "name": "x"}) is None
    assert rich_text({"raw": "{not json"}) is None


def test_a_lexical_editor_state_is_read_too():
    # Round 32 (payload_cms_docs): Payload CMS 3's rich text is Lexical's editor state, the tree
    # under a `root` key ({"root": {"type": "root", "children": [...]}}), a `linebreak` node a
    # line's end. Before: None (every eligibility stored empty, every verdict unclear).
    def words(value: str) -> dict:
        return {"type": "text", "text": value, "format": 0, "detail": 0, "mode": "normal"}

    lexical = {"root": {"type": "root", "version": 1, "children": [
        {"type": "paragraph", "children": [words("Who can apply:")], "direction": "ltr"},
        {"type": "list", "listType": "bullet", "children": [
            {"type": "listitem", "value": 1, "children": [words("Local authorities")]},
            {"type": "listitem", "value": 2, "children": [words("Drainage boards")]}]},
        {"type": "paragraph", "children": [
            words("Closing date:"), {"type": "linebreak", "version": 1}, words("5 March 2027")]},
    ]}}  # fmt: skip
    assert as_text(lexical) == (
        "Who can apply:\nLocal authorities\nDrainage boards\nClosing date:\n5 March 2027"
    )
    assert council_eligibility(as_text(lexical), None)[0] == "yes"
    # An object with a `root` that is no such tree is read as before.
    assert rich_text({"root": "/grants", "name": "x"}) is None
