"""An api source's plain XML answer (an open-data export of the funder's own schema,
`<grants><grant><title>…`, not RSS or Atom) as the JSON an api reads, so `item` and the fields are
JMESPath as for JSON. The README named no way to read one: `kind: api` failed "not JSON", and a
feed has no such items.

The shape, as the common XML-to-JSON conventions give it, with one rule to keep it predictable:
- the answer is `{<root's name>: <root>}`, so `grants.grant[*]` reads `<grants><grant>…`;
- an element holding elements is an object of its children by name (namespaces dropped), its
  attributes as `"@name"` keys (`"@id"`, quoted in JMESPath: `'"@id"'`);
- a child holding elements of its own (a record) is always a list, even of one, so an export with
  a single `<grant>` is read by the same `grant[*]`; a nested block is then `award[0].max`;
- a text-only element is its text (its attributes are not read), `null` when empty; a text-only
  name written more than once is a list of the texts.

Returns (data, problem), as spiders/page_json.py does.
"""

from __future__ import annotations

from typing import Any

from lxml import etree
from scrapy.http import Response

from spiders.failures import content_type
from spiders.safe_xml import DATA_XML

_XML_TYPES = ("application/xml", "text/xml")


def is_xml(response: Response) -> bool:
    """Sent as XML (`application/xml`, `text/xml`, or a `+xml` type other than a feed's)."""
    kind = content_type(response, missing="").lower().split(";")[0].strip()
    return kind in _XML_TYPES or (
        kind.endswith("+xml") and kind not in ("application/rss+xml", "application/atom+xml")
    )


def answer_xml(response: Response) -> tuple[Any, str | None]:
    try:
        root = etree.fromstring(response.body, DATA_XML)  # no DTD, entity or network
    except etree.XMLSyntaxError as exc:
        kind = content_type(response)
        return None, f"not XML on {response.url} ({kind}): {exc}"
    return {etree.QName(root).localname: _value(root)}, None


def _value(element: etree._Element) -> Any:
    children = [child for child in element if isinstance(child.tag, str)]
    if not children:
        text = (element.text or "").strip()
        return text or None
    found: dict[str, Any] = {f"@{name}": value for name, value in element.attrib.items()}
    for child in children:
        name = etree.QName(child).localname
        value = _value(child)
        record = any(isinstance(inner.tag, str) for inner in child)
        if record:
            previous = found.get(name)
            found[name] = (
                [*(previous if isinstance(previous, list) else [previous]), value]
                if (name in found)
                else [value]
            )
        elif name in found:
            previous = found[name]
            found[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            found[name] = value
    return found
