"""Compile every selector a source names — CSS (with Scrapy's ::text and ::attr()), `xpath:` XPath, and
JMESPath for api sources — so a broken one is found by `sources check`, not by a failing crawl."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jmespath
from cssselect import SelectorError
from jmespath.exceptions import IncompleteExpressionError, JMESPathError, LexerError
from lxml import etree
from parsel import Selector

from config.lazy_pattern import lazy_pattern

# parsel's EXSLT prefixes, so `xpath:` selectors using them compile as they run (the crawl's
# spiders/extract.py reads the same ones)
NAMESPACES = Selector._default_namespaces
# A little of everything, so an XPath whose function is unknown fails when evaluated here.
SAMPLE = Selector(text="<html><body><div class='x'><a href='/'>a</a><p>p</p></div></body></html>")


def css_problem(query: str) -> str | None:
    try:
        SAMPLE.css(query)
    except (SelectorError, ValueError) as exc:
        # An XPath pasted from the browser's "Copy XPath" fails as CSS with only "got <DELIM '/'>",
        # which does not tell a curator that XPath is fine here once it says so.
        hint = " (it reads as XPath: write it 'xpath:…')" if _reads_as_xpath(query) else ""
        return f"bad CSS selector {query!r}: {exc}{hint}"
    return None


# What only XPath writes: a path from the root or the node (`//div`, `./h3`), a bracketed path
# (`(//a)[1]`), an axis (`following-sibling::p`), an attribute test (`[@class`) or `text()`.
# Compiling is not enough alone: `div.grant > a` is a valid XPath comparison.
XPATH_SHAPE = lazy_pattern(
    r"^\s*(?:\.{0,2}/|\(|@|(?:ancestor|descendant|following|preceding)(?:-or-self|-sibling)?::"
    r"|(?:parent|child|self|attribute)::)|\[@|text\(\)"
)


def _reads_as_xpath(query: str) -> bool:
    """A query that is no CSS but has XPath's shape and compiles, and runs, as XPath."""
    if not XPATH_SHAPE.search(query):
        return False
    try:
        etree.XPath(query.strip(), namespaces=NAMESPACES)
        SAMPLE.xpath(query.strip())
    except (etree.XPathError, ValueError):
        return False
    return True


def xpath_problem(query: str) -> str | None:
    expression = query.removeprefix("xpath:").strip()
    try:
        etree.XPath(expression, namespaces=NAMESPACES)
        SAMPLE.xpath(expression)
    except (etree.XPathError, ValueError) as exc:
        return f"bad XPath {expression!r}: {str(exc).removeprefix('XPath error: ')}"
    return None


def jmespath_problem(query: str) -> str | None:
    try:
        jmespath.compile(query)
    except JMESPathError as exc:
        if isinstance(exc, IncompleteExpressionError):
            message = "incomplete expression"
        elif isinstance(exc, LexerError):
            message = exc.message
        else:
            message = getattr(exc, "msg", None) or str(exc).splitlines()[0]
        position = getattr(exc, "lex_position", None)
        where = f" at character {position + 1}" if isinstance(position, int) else ""
        return f"bad JMESPath {query!r}: {message}{where}"
    return None


def selector_problem(kind: str, query: Any) -> str | None:
    """What is wrong with one selector of a source of `kind`, or None (labels are not compiled)."""
    if not isinstance(query, str) or not query.strip():
        return None  # a label selector, or a blank that validation reports
    if kind == "api":
        return jmespath_problem(query)
    if query.startswith("xpath:"):
        return xpath_problem(query)
    return css_problem(query)


def named_selectors(entry: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """(field path, selector) for every selector in one raw sources.yaml entry."""
    for key in ("item", "next_page", "json_script"):
        if key in entry:
            yield key, entry[key]
    paging = entry.get("page_param")
    if entry.get("kind") == "api" and isinstance(paging, dict) and "from" in paging:
        yield "page_param.from", paging["from"]
    fields = entry.get("fields")
    if isinstance(fields, dict):
        for name, query in fields.items():
            yield f"fields.{name}", query
    detail = entry.get("detail")
    if isinstance(detail, dict) and entry.get("kind") == "api" and "url" in detail:
        yield "detail.url", detail["url"]
    if isinstance(detail, dict) and isinstance(detail.get("fields"), dict):
        for name, query in detail["fields"].items():
            yield f"detail.fields.{name}", query


def entry_problems(entry: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(field path, problem) for each broken selector of one raw entry."""
    kind = str(entry.get("kind") or "listing")
    for where, query in named_selectors(entry):
        # an api's JSON is found in its page by CSS or XPath, as a listing's items are
        problem = selector_problem("listing" if where == "json_script" else kind, query)
        if problem:
            yield where, problem
