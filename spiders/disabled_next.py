"""Whether the link a `next_page` selector found is a pager's greyed-out "Next" on the last page.

CMS pagers keep their "Next" on the last page and only mark it disabled: Liferay's page iterator
writes `<li class="disabled"><a href="javascript:;">Next</a></li>`, HubSpot's blog boilerplate
`<a class="blog-pagination__next-link blog-pagination__next-link--disabled" href="…/page/3">`
(a page that answers 404), Bootstrap `<li class="page-item disabled"><a aria-disabled="true"
href="#">`. A curator writes the selector from page 1, where the link is live, so on the last page
it was followed: a javascript: link failed the crawl as "not a link", a /page/3 as an HTTP 404.
A link marked so is the end of the listing; an unmarked javascript: link (ASP.NET's
__doPostBack) is still a pager fundwatch cannot follow, and says so.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree
from parsel import Selector
from parsel.csstranslator import css2xpath

from config.lazy_pattern import lazy_pattern

# "disabled" as a class of its own or a BEM/utility modifier: "disabled", "is-disabled",
# "pager__item--disabled", "next-link--disabled"; not a word inside another ("undisabled").
_DISABLED_CLASS = lazy_pattern(r"(?:^|[\s_-])disabled(?:\s|$)", re.IGNORECASE)
# How far up a marked ancestor still speaks for the link: the link's <li> (and a <span> inside it).
_ANCESTORS = 2


@lru_cache(maxsize=256)
def _located(query: str) -> etree.XPath:
    expression = query.removeprefix("xpath:").strip() if query.startswith("xpath:") else None
    # Smart strings: an @href found keeps the element it belongs to (getparent()).
    return etree.XPath(expression or css2xpath(query), namespaces=Selector._default_namespaces)


def _marked(element: etree._Element) -> bool:
    return (
        bool(_DISABLED_CLASS.search(element.get("class") or ""))
        or (element.get("aria-disabled") or "").strip().lower() == "true"
        or element.get("disabled") is not None
    )


def next_link_disabled(node: Selector, query: str | None) -> bool:
    """True when the first match of `query` is (or sits in) an element marked disabled."""
    if not query or not isinstance(node.root, etree._Element):
        return False
    try:
        found = _located(query)(node.root)
    except Exception:  # noqa: BLE001 - the field reader reports a selector that does not compile
        return False
    if not isinstance(found, list) or not found:
        return False
    first = found[0]
    element = first if isinstance(first, etree._Element) else getattr(first, "getparent", None)
    if callable(element):
        element = element()
    depth = 0
    while isinstance(element, etree._Element) and depth <= _ANCESTORS:
        if _marked(element):
            return True
        element, depth = element.getparent(), depth + 1
    return False
