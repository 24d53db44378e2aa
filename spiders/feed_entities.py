"""HTML's named entities in a feed that declares none of them.

RSS 0.91 feeds carry Netscape's DOCTYPE, whose DTD declares HTML's Latin-1 entities, so old CMSs
write `&pound;`, `&ndash;` and `&copy;` bare in titles and text. No XML parser loads that DTD
(nor should it: it is a fetch to another host), so the strict parse stops at the first one as an
"undefined entity" and the feed would be called malformed, failing the run, though every
character is plain. Each such entity is written as the numeric reference it stands for before
parsing; one the document declares itself (its internal subset) and XML's own five are left.
"""

from __future__ import annotations

import re
from html.entities import html5

from config.lazy_pattern import lazy_pattern

# XML's own entities, always defined.
XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})

ENTITY = lazy_pattern(rb"&([A-Za-z][A-Za-z0-9]{1,31});")
DECLARED = lazy_pattern(rb"<!ENTITY\s+([A-Za-z][A-Za-z0-9]*)\s")


def numeric_html_entities(body: bytes) -> bytes:
    """`body` with each named HTML entity it does not declare as numeric references (pure).

    A name HTML does not know ("&foo;") is left for the parser to call malformed. Read on bytes,
    as the entities' names are ASCII in any encoding a feed's XML declaration may name but
    UTF-16/32, where nothing matches and the body is returned as it was."""
    if b"&" not in body:
        return body
    declared = {name.decode("ascii") for name in DECLARED.findall(body)}

    def numeric(match: re.Match[bytes]) -> bytes:
        name = match[1].decode("ascii")
        chars = html5.get(f"{name};")
        if name in XML_ENTITIES or name in declared or chars is None:
            return match[0]
        return "".join(f"&#{ord(char)};" for char in chars).encode("ascii")

    return ENTITY.sub(numeric, body)
