"""Records an API answer links to rather than nests, put in place as the service's own client
library does, so a field reaches a linked funder's name by path. A JMESPath starts at the item and
cannot climb to the answer's root, where the linked records are, so without this a curator could
only fall back on the source's funder.

- Contentful's delivery API: a link `{"sys": {"type": "Link", "linkType": "Entry", "id": …}}`
  is the entry (or asset) of that id in `includes` (or among the items themselves):
  `fields.funder.fields.name`.
- JSON:API: a relationship's `{"type": …, "id": …}` is the resource of that type and id in
  `included`: `relationships.funder.data.attributes.name` (its `type` and `id` are still there).
- Kontent.ai's Delivery API: a linked-items element `{"type": "modular_content", "value":
  ["codename", …]}` lists codenames, the items in the answer's `modular_content` keyed by them:
  `elements.funder.value[0].elements.name.value`.
- Storyblok's Content Delivery API with `resolve_relations`: a relation field of a component (a
  block with a `component` name) holds the related story's uuid (a list of them for several), the
  stories in the answer's `rels`: `content.funder.content.name`.
"""

from __future__ import annotations

from typing import Any

from spiders.kontent_components import with_components

# Linked records may link on (an entry's funder's region…) and back again (Contentful allows
# cycles): a few levels serve every field a call needs, and a cycle stops there.
MAX_DEPTH = 4

Index = dict[tuple[str, str], dict]


def resolve_links(data: Any) -> Any:
    """The answer with each link replaced by the record it names, where the answer holds it."""
    if not isinstance(data, dict):
        return data
    index = {**_contentful(data), **_jsonapi(data), **_kontent(data), **_storyblok(data)}
    if not index:
        return data
    return {key: _resolved(value, index, 0) for key, value in data.items()}


def _contentful(data: dict) -> Index:
    includes = data.get("includes")
    if not isinstance(includes, dict):
        return {}
    records = [*(includes.get("Entry") or []), *(includes.get("Asset") or [])]
    records += data.get("items") if isinstance(data.get("items"), list) else []
    index: Index = {}
    for record in records:
        sys = record.get("sys") if isinstance(record, dict) else None
        if isinstance(sys, dict) and sys.get("type") in ("Entry", "Asset") and sys.get("id"):
            index[("contentful", f"{sys['type']}/{sys['id']}")] = record
    return index


def _jsonapi(data: dict) -> Index:
    included = data.get("included")
    if not isinstance(included, list):
        return {}
    primary = data.get("data") if isinstance(data.get("data"), list) else []
    return {
        ("jsonapi", f"{record['type']}/{record['id']}"): record
        for record in [*included, *primary]
        if isinstance(record, dict) and record.get("type") and record.get("id") is not None
    }


def _kontent(data: dict) -> Index:
    linked = data.get("modular_content")
    if not isinstance(linked, dict):
        return {}
    return {("kontent", name): item for name, item in linked.items() if isinstance(item, dict)}


def _storyblok(data: dict) -> Index:
    rels = data.get("rels")
    if not isinstance(rels, list):
        return {}
    return {
        ("storyblok", story["uuid"]): story
        for story in rels
        if isinstance(story, dict) and isinstance(story.get("uuid"), str)
    }


def _related(value: Any, index: Index) -> Any:
    """A Storyblok relation field's uuid (or uuids) as the stories the answer holds."""
    if isinstance(value, str):
        return index.get(("storyblok", value), value)
    if isinstance(value, list) and value and all(isinstance(name, str) for name in value):
        return [index.get(("storyblok", name), name) for name in value]
    return value


def _link_key(value: dict) -> tuple[str, str] | None:
    """What a link object names, or None when the object is not a link."""
    sys = value.get("sys")
    if set(value) == {"sys"} and isinstance(sys, dict) and sys.get("type") == "Link":
        return ("contentful", f"{sys.get('linkType')}/{sys.get('id')}")
    if {"type", "id"} <= set(value) <= {"type", "id", "meta"}:  # a JSON:API resource identifier
        return ("jsonapi", f"{value['type']}/{value['id']}")
    return None


def _resolved(value: Any, index: Index, depth: int) -> Any:
    if isinstance(value, list):
        return [_resolved(element, index, depth) for element in value]
    if not isinstance(value, dict):
        return value
    key = _link_key(value)
    if key is not None and key in index:
        if depth >= MAX_DEPTH:
            return value
        value, depth = index[key], depth + 1
    names = value.get("value")
    if value.get("type") == "modular_content" and isinstance(names, list) and depth < MAX_DEPTH:
        # Kontent.ai's linked items: each codename is the item the answer holds under it.
        found = [
            index.get(("kontent", name), name) if isinstance(name, str) else name for name in names
        ]
        value, depth = {**value, "value": found}, depth + 1
    if value.get("type") == "rich_text" and isinstance(value.get("value"), str):
        # Kontent.ai's components, each an empty <object> in the HTML: their words in place.
        value = with_components(value, lambda name: index.get(("kontent", name)))
    if isinstance(value.get("component"), str) and depth < MAX_DEPTH:
        # Only a component's own fields: a story's `uuid` beside its content names itself.
        related = {name: _related(inner, index) for name, inner in value.items()}
        if related != value:
            value, depth = related, depth + 1
    return {name: _resolved(inner, index, depth) for name, inner in value.items()}
