"""A linked funder read by path: Contentful's `{"sys": {"type": "Link", …}}` and JSON:API's
relationship identifiers are the records the answer ships beside its items. Before, a JMESPath
from the item could not reach them: the round 12 Contentful site stored two calls under the
source's default funder instead of the council its entry links to."""

from __future__ import annotations

import json

from scrapy.http import Request, TextResponse

from config.models import Source
from spiders.api import ApiSpider
from spiders.linked_records import resolve_links


def link(entry_id: str) -> dict:
    return {"sys": {"type": "Link", "linkType": "Entry", "id": entry_id}}


def entry(entry_id: str, **fields) -> dict:
    return {"sys": {"type": "Entry", "id": entry_id}, "fields": fields}


CONTENTFUL = {
    "items": [
        entry("c1", title="Village Halls", funder=link("f1")),
        entry("c2", title="Transport", funder=link("gone")),
    ],
    "includes": {"Entry": [entry("f1", name="Westmorland and Furness Council")]},
}


def test_a_contentful_link_is_the_included_entry():
    halls, transport = resolve_links(CONTENTFUL)["items"]
    assert halls["fields"]["funder"]["fields"]["name"] == "Westmorland and Furness Council"
    assert transport["fields"]["funder"] == link("gone")  # not in the answer: left as it was


def test_a_jsonapi_relationship_is_the_included_resource():
    answer = {
        "data": [
            {
                "type": "fund",
                "id": "7",
                "relationships": {"funder": {"data": {"type": "org", "id": "3"}}},
            }
        ],
        "included": [{"type": "org", "id": "3", "attributes": {"name": "Fenbrook Council"}}],
    }
    funder = resolve_links(answer)["data"][0]["relationships"]["funder"]["data"]
    assert funder["attributes"]["name"] == "Fenbrook Council" and funder["id"] == "3"


def test_a_kontent_linked_items_element_is_the_items_in_modular_content():
    # Round 19 (kontent_linked_items): the element lists codenames, the items are in the answer's
    # modular_content; elements.funder.value[0].elements.name.value found nothing (0 of 5 funders).
    def funder(*codenames: str) -> dict:
        return {"type": "modular_content", "name": "Funder", "value": list(codenames)}

    answer = {
        "items": [
            {"system": {"codename": "a"}, "elements": {"funder": funder("npa")}},
            {"system": {"codename": "b"}, "elements": {"funder": funder("gone")}},
        ],
        "modular_content": {
            "npa": {
                "system": {"codename": "npa"},
                "elements": {"name": {"value": "South Downs NPA"}},
            }
        },
        "pagination": {"next_page": ""},
    }
    linked, unlinked = resolve_links(answer)["items"]
    assert (
        linked["elements"]["funder"]["value"][0]["elements"]["name"]["value"] == "South Downs NPA"
    )
    assert unlinked["elements"]["funder"]["value"] == ["gone"]  # not in the answer: as it was


def test_a_kontent_rich_texts_components_are_put_in_place():
    # Round 19 (kontent_linked_items): a component in a rich text is an empty <object>, its words
    # in modular_content; "Individuals and businesses cannot apply." was lost from the eligibility.
    def obj(rel: str, codename: str) -> str:
        return (
            f'<object type="application/kenticocloud" data-type="item" data-rel="{rel}"'
            f' data-codename="{codename}"></object>'
        )

    rich = {
        "type": "rich_text",
        "name": "Who can apply",
        "modular_content": ["note", "card"],
        "value": "<p>Community groups can apply.</p>"
        + obj("component", "note")
        + obj("link", "card"),
    }
    answer = {
        "items": [{"elements": {"eligibility": rich}}],
        "modular_content": {
            "note": {
                "elements": {"text": {"type": "text", "value": "Businesses & individuals cannot."}}
            },
            "card": {"elements": {"title": {"type": "text", "value": "Another fund"}}},
        },
    }
    (item,) = resolve_links(answer)["items"]
    assert item["elements"]["eligibility"]["value"] == (
        "<p>Community groups can apply.</p><div><p>Businesses &amp; individuals cannot.</p></div>"
        + obj("link", "card")
    )


def test_a_storyblok_relation_is_the_story_in_rels():
    # Round 19 (storyblok_resolved_rels): resolve_relations leaves the related story's uuid in the
    # component's field and the story in the answer's rels; content.funder.content.name found
    # nothing (0 of 5 funders, one call stored under the source's default instead of a council).
    council = {"uuid": "u-escc", "content": {"component": "funder", "name": "East Sussex CC"}}
    answer = {
        "stories": [
            {"uuid": "u-call", "content": {"component": "grant", "funder": "u-escc", "tags": []}},
            {
                "uuid": "u-escc",
                "content": {"component": "grant", "funder": "", "partners": ["u-escc"]},
            },
        ],
        "rels": [council],
    }
    call, also_listed = resolve_links(answer)["stories"]
    assert call["content"]["funder"]["content"]["name"] == "East Sussex CC"
    assert also_listed["uuid"] == "u-escc"  # a story's own uuid is not a relation
    assert also_listed["content"]["funder"] == ""
    assert also_listed["content"]["partners"][0]["content"]["name"] == "East Sussex CC"
    # A story related to itself stops after a few levels.
    looped = {"uuid": "u-loop", "content": {"component": "funder", "parent": "u-loop"}}
    resolved = resolve_links({"stories": [looped], "rels": [looped]})["stories"][0]
    assert isinstance(resolved["content"]["parent"], dict)


def test_links_in_a_cycle_stop_and_an_answer_without_includes_is_unchanged():
    looped = {
        "items": [entry("a", next=link("b"))],
        "includes": {"Entry": [entry("b", next=link("a"))]},
    }
    json.dumps(resolve_links(looped))  # finite
    plain = {"items": [{"type": "grant", "id": 1}]}
    assert resolve_links(plain) is plain


def test_the_api_spider_reads_a_linked_funders_name():
    source = Source(
        id="cf",
        kind="api",
        urls=["https://cdn.contentful.com/spaces/x/entries"],
        item="items[*]",
        fields={
            "title": "fields.title",
            "url": "join('', ['https://www.cf.example/', sys.id])",
            "funder": "fields.funder.fields.name",
        },
    )
    url = source.urls[0]
    response = TextResponse(
        url, body=json.dumps(CONTENTFUL).encode(), request=Request(url), encoding="utf-8"
    )
    halls, transport = ApiSpider(source).parse(response)
    assert halls.funder == "Westmorland and Furness Council" and transport.funder is None
