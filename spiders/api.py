"""JSON APIs by configuration alone (kind: api): the item list and each field by a JMESPath, paging by
a next link in the body (`next_page`) or a page parameter (`page_param`; `step` makes it an offset,
`from` a cursor token the answer gives), else by the answer's `Link: <…>; rel="next"` header,
and query parameters (`params`) on every start URL.

A body that is not JSON, or holds no list where `item` points, is a problem naming the URL and what
was expected. A field path that fails on one item leaves that field empty. Values are read as what
they are (spiders/api_values.py): text fields get text, money keeps its numbers.

A parameter value may hold a moving date, `{now-14d}` (UTC, written YYYY-MM-DDTHH:MM:SS as Find a
Tender wants it) or `{now-30d:%Y-%m-%d}` with a format, so an API is asked for a recent window
rather than everything since a day that only gets further away.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import jmespath
from jmespath.exceptions import JMESPathError
from jmespath.parser import ParsedResult
from scrapy.http import Request, Response
from w3lib.url import add_or_replace_parameters

from config.clock import now
from config.lazy_pattern import lazy_pattern
from config.model_parts import parse_duration
from config.models import Source
from config.selectors import selector_problem
from spiders.answer_format import with_answer_format
from spiders.api_detail import ApiDetail, detail_paths
from spiders.api_values import field_values
from spiders.base import SourceSpider
from spiders.consent_wall import ask_past_wall, wall_words
from spiders.detail_pages import DetailPages
from spiders.field_matches import names_a_null
from spiders.link_header import next_link
from spiders.linked_records import resolve_links
from spiders.page_json import answer_json, asking_for_json
from spiders.page_value import with_page_value
from spiders.tombstones import without_tombstones
from spiders.unread import read_as_shown

# Without it, ASP.NET Web APIs (Contracts Finder, Find a Tender) may answer Scrapy's default Accept
# header, which prefers XML to */*, with XML.
DATE_FORMAT = "%Y-%m-%dT%H:%M:%S"
# What a next link looks like: an address, or a path, query or page name to join to the page's
# ("page-2.json"). A bare word ("eyJhZnRlciI6MTAwM30") is a cursor token.
_LINK = lazy_pattern(
    r"[a-z][a-z0-9+.-]*://|[/?.#]|[^/?]*[/?]|[\w-]+\.(?:html?|json|xml|php|aspx?|jsp)$",
    re.IGNORECASE,
)
MOVING_DATE = lazy_pattern(r"\{now(?:-(?P<ago>\d+[mhdw]))?(?::(?P<format>[^{}]+))?\}")


@dataclass
class Paths:
    """Every JMESPath of one source, compiled once; `broken` says which would not compile."""

    item: ParsedResult | None = None
    next_page: ParsedResult | None = None
    cursor: ParsedResult | None = None  # page_param's `from`: the next page's token
    fields: dict[str, ParsedResult] = field(default_factory=dict)
    detail_url: ParsedResult | None = None  # detail: the JMESPath of the item's detail document
    detail_fields: dict[str, ParsedResult] = field(default_factory=dict)
    broken: list[str] = field(default_factory=list)


def compile_paths(source: Source) -> Paths:
    paths = Paths()

    def compiled(where: str, expression: str) -> ParsedResult | None:
        try:
            return jmespath.compile(expression)
        except JMESPathError as exc:
            reason = str(exc).splitlines()[0]
            paths.broken.append(f"{where} is not a JMESPath ({expression!r}): {reason}")
            return None

    paths.item = compiled("'item'", source.item or "")
    if source.next_page:
        paths.next_page = compiled("'next_page'", source.next_page)
    if source.page_param is not None and source.page_param.from_:
        paths.cursor = compiled("'page_param.from'", source.page_param.from_)
    for name, expression in source.fields.items():
        parsed = compiled(f"field {name!r}", str(expression))
        if parsed is not None:
            paths.fields[name] = parsed
    paths.detail_url, paths.detail_fields = detail_paths(compiled, source.detail)
    return paths


class ApiSpider(ApiDetail, DetailPages, SourceSpider):
    def __init__(self, source: Source, **kwargs: Any):
        self.paths = compile_paths(source)  # before the base class asks what is broken
        super().__init__(source, **kwargs)
        self._failed_fields: set[str] = set()

    def broken_selectors(self) -> list[str]:
        script = self.source.json_script
        # A page_param that is a GraphQL variable is refused when the entry is loaded (config/page_variables.py).
        broken = self.paths.broken + [
            f"'json_script' is a {problem}"
            for problem in [selector_problem("listing", script) if script else None]
            if problem
        ]
        return [f"{reason} (source {self.source.id})" for reason in broken]

    async def start(self) -> AsyncIterator[Any]:
        async for request in super().start():
            yield asking_for_json(request)

    def start_url(self, url: str) -> str:
        """The base's URL with `params` and the first page, with any moving date filled in."""
        url = super().start_url(url)
        moving = {
            name: fill_dates(value, now())
            for name, value in self.source.params.items()
            if MOVING_DATE.search(value)
        }
        return add_or_replace_parameters(url, moving) if moving else url

    def parse(self, response: Response, page: int = 1) -> Iterator[Any]:
        data, problem = answer_json(response, self.source.json_script)
        if problem is not None:
            if again := ask_past_wall(response):
                yield again  # a consent wall's page, not the answer: asked again with its cookie
                return
            self.problem(problem + wall_words(response))
            return
        # Contentful's and JSON:API's links put in place, so fields reach what they link to.
        data = resolve_links(data)
        items = self._search(self.paths.item, data)
        if not isinstance(items, list):
            said = answer_errors(data)
            # What the answer holds, where the path found nothing in it (walk15: a curator's
            # mistyped `item` gave no clue where the list was): "data[*]" is then plain to see.
            whole = f" (the answer is {describe(data)})" if items is None and data else ""
            self.problem(
                f"expected a list of items at {self.source.item!r} on {response.url}, found "
                f"{describe(items)}{whole}: "
                + (
                    f"the API answered with errors: {said}"
                    if said
                    else "the API's answer may have changed shape"
                )
            )
            return
        # A deleted record kept by its id alone (OAI-PMH's status="deleted") is no call.
        records = without_tombstones([(element, self._read(element)) for element in items])
        sightings = [self.sighting(response, **values) for _, values in records]
        refs = self.page_refs(response, sightings)
        for (element, _), sighting, ref in zip(records, sightings, refs, strict=True):
            if not self.met_before(ref):  # an earlier page's call: its document was asked for
                yield self.detail_request(response, element, sighting)  # or the call, if no detail
        request = self._next_page(response, data, page, refs)
        if request is not None:
            yield asking_for_json(request)

    def _read(self, element: Any, paths: dict[str, ParsedResult] | None = None) -> dict[str, Any]:
        values: dict[str, Any] = {}
        blank: list[str] = []
        for name, path in (self.paths.fields if paths is None else paths).items():
            try:
                raw = path.search(element)
            except JMESPathError as exc:  # a function given the wrong type by one item
                if name not in self._failed_fields:
                    self._failed_fields.add(name)
                    self.logger.warning("field %r could not be read from an item: %s", name, exc)
                continue
            values.update(field_values(name, raw))
            if raw is None and names_a_null(path.expression, element):
                blank.append(name)  # the API gives it as none: the path fits (field_matches.py)
        for name, value in values.items():  # HTML in a text field is read as a page is
            if isinstance(value, str) and name not in ("url", "ref"):
                values[name] = read_as_shown(value)
        total_text = values.pop("fund_total_text", None)
        if total_text:  # a pot given in words is read by the money rules, labelled as the pot
            values["amount"] = "; ".join(filter(None, [values.get("amount"), total_text]))
        return {name: value for name, value in values.items() if value is not None} | (
            {"present": blank} if blank else {}
        )

    def _search(self, path: ParsedResult | None, data: Any) -> Any:
        try:
            return path.search(data) if path is not None else None
        except JMESPathError:
            return None

    def _next_page(
        self, response: Response, data: Any, page: int, refs: list[str]
    ) -> Request | None:
        spec = self.source.page_param
        if spec is not None and not spec.from_:  # a number or, with a step, an offset
            return self.next_numbered_page(response, page, refs)
        if spec is not None:
            return self._next_cursor(response, data, page, refs, spec.name)
        if self.paths.next_page is None:
            # Paging kept out of the body, in a `Link: <…>; rel="next"` header (spiders/link_header.py).
            header = next_link(response.headers.getlist("Link"))
            return self.follow_next(response, header, page, refs) if header and refs else None
        if not refs:
            return None  # an empty page ends it, even if the API still offers a cursor
        href = self._search(self.paths.next_page, data)
        if href is not None and not isinstance(href, str):
            self.problem(
                f"expected a URL at {self.source.next_page!r} on {response.url}, found "
                f"{describe(href)}: the API's answer may have changed shape"
            )
            return None
        if href and not _LINK.match(href):
            # A bare token joined as a path was fetched, and the crawl failed with a 404 on an
            # address nobody wrote ("…/v2/eyJhZnRlciI6MTAwM30").
            self.problem(
                f"the value at {self.source.next_page!r} on {response.url} is not a link "
                f"({href!r}): if it is a cursor token, page by it with page_param: "
                f"{{name: <its query parameter>, from: {self.source.next_page!r}}}"
            )
            return None
        if not href or response.urljoin(href) == response.url:
            return None
        # Squarespace's next link drops the ?format=json its answer was asked with (answer_format.py).
        href = with_answer_format(response.url, response.urljoin(href))
        return self.follow_next(response, href, page, refs)

    def _next_cursor(
        self, response: Response, data: Any, page: int, refs: list[str], name: str
    ) -> Request | None:
        """The next page asked with the token this answer gives (none, or an empty page: the end)."""
        token = self._search(self.paths.cursor, data)
        if token is None or token == "" or not refs:
            return None
        if isinstance(token, bool) or not isinstance(token, str | int):
            where = self.source.page_param.from_ if self.source.page_param else ""
            self.problem(
                f"expected a cursor token at {where!r} on {response.url}, found "
                f"{describe(token)}: the API's answer may have changed shape"
            )
            return None
        url = with_page_value(response.url, name, token)
        if url == response.url:
            self.not_followed.append(
                f"{url}: the answer gave back the cursor it was asked with (the end, or a site "
                f"that ignores the {name!r} parameter and answers page 1 again)"
            )
            return None
        return self.follow_next(response, url, page, refs)


def fill_dates(value: str, moment: datetime) -> str:
    """'{now-14d}' → '2026-11-11T09:00:00' (UTC); '{now-30d:%Y-%m-%d}' → '2026-10-26'."""

    def written(match: re.Match[str]) -> str:
        ago = parse_duration(match["ago"]) if match["ago"] else None
        when = moment - ago if ago is not None else moment
        return when.strftime(match["format"] or DATE_FORMAT)

    return MOVING_DATE.sub(written, value)


def describe(value: Any) -> str:
    """What was found instead of what was expected, in a curator's words."""
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        keys = ", ".join(list(value)[:6])
        return f"an object with keys {keys}" if keys else "an empty object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return "text"


def answer_errors(data: Any) -> str | None:
    """What an answer's own `errors` say, where it gives them instead of data: GraphQL answers a
    bad query with HTTP 200 and {"errors": [{"message": …}], "data": null}, JSON:API an error
    document's {"errors": [{"title", "detail"}]}."""
    errors = data.get("errors") if isinstance(data, dict) else None
    if not isinstance(errors, list):
        return None
    said = []
    for error in errors[:3]:
        if isinstance(error, dict):
            words = error.get("message") or error.get("detail") or error.get("title")
            if isinstance(words, str) and words.strip():
                said.append(" ".join(words.split())[:200])
    return "; ".join(said) or None
