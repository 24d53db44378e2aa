"""JSON APIs by configuration alone (kind: api): the item list and each field by a JMESPath, paging by
a next link in the body (`next_page`) or a page parameter (`page_param`; `step` makes it an offset),
and query parameters (`params`) on every start URL.

A body that is not JSON, or holds no list where `item` points, is a problem naming the URL and what
was expected. A field path that fails on one item leaves that field empty. Values are read as what
they are: text fields get text (numbers written plainly, lists joined with ", ", an object by its
name, title or description, true as "yes" and false as nothing, so `flag && 'words'` reads as the
words or nothing), money keeps its numbers (`amount` from a number, a list of numbers as a range, or
an OCDS value {amount, currency} in pounds; `fund_total` from a number).

A parameter value may hold a moving date, `{now-14d}` (UTC, written YYYY-MM-DDTHH:MM:SS as Find a
Tender wants it) or `{now-30d:%Y-%m-%d}` with a format, so an API is asked for a recent window
rather than everything since a day that only gets further away.
"""

from __future__ import annotations

import json
import math
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
from config.models import Source, parse_duration
from spiders.base import SourceSpider

# Without it, ASP.NET Web APIs (Contracts Finder, Find a Tender) may answer Scrapy's default Accept
# header, which prefers XML to */*, with XML.
ACCEPT = "application/json"
DATE_FORMAT = "%Y-%m-%dT%H:%M:%S"
MOVING_DATE = re.compile(r"\{now(?:-(?P<ago>\d+[mhdw]))?(?::(?P<format>[^{}]+))?\}")
TEXT_KEYS = ("name", "title", "description", "text", "value")  # what an object is read as
PLAIN_NUMBER = re.compile(r"^\s*£?\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*$")


@dataclass
class Paths:
    """Every JMESPath of one source, compiled once; `broken` says which would not compile."""

    item: ParsedResult | None = None
    next_page: ParsedResult | None = None
    fields: dict[str, ParsedResult] = field(default_factory=dict)
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
    for name, expression in source.fields.items():
        parsed = compiled(f"field {name!r}", str(expression))
        if parsed is not None:
            paths.fields[name] = parsed
    return paths


class ApiSpider(SourceSpider):
    def __init__(self, source: Source, **kwargs: Any):
        self.paths = compile_paths(source)  # before the base class asks what is broken
        super().__init__(source, **kwargs)
        self._failed_fields: set[str] = set()

    def broken_selectors(self) -> list[str]:
        return [f"{reason} (source {self.source.id})" for reason in self.paths.broken]

    async def start(self) -> AsyncIterator[Any]:
        async for request in super().start():
            yield _asking_for_json(request)

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
        try:
            data = json.loads(response.body)
        # JSONDecodeError and UnicodeDecodeError are ValueErrors; nesting deeper than Python's
        # recursion limit ("[[[[…") is a RecursionError, and must not escape the callback either.
        except (ValueError, RecursionError) as exc:
            kind = (response.headers.get(b"Content-Type") or b"no Content-Type").decode("latin-1")
            self.problem(f"not JSON on {response.url} ({kind}): expected a JSON body: {exc}")
            return
        items = self._search(self.paths.item, data)
        if not isinstance(items, list):
            self.problem(
                f"expected a list of items at {self.source.item!r} on {response.url}, found "
                f"{describe(items)}: the API's answer may have changed shape"
            )
            return
        refs = []
        for element in items:
            sighting = self.sighting(response, **self._read(element))
            refs.append(sighting.ref or sighting.url or "")
            yield sighting
        request = self._next_page(response, data, page, refs)
        if request is not None:
            yield _asking_for_json(request)

    def _read(self, element: Any) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, path in self.paths.fields.items():
            try:
                raw = path.search(element)
            except JMESPathError as exc:  # a function given the wrong type by one item
                if name not in self._failed_fields:
                    self._failed_fields.add(name)
                    self.logger.warning("field %r could not be read from an item: %s", name, exc)
                continue
            values.update(field_values(name, raw))
        total_text = values.pop("fund_total_text", None)
        if total_text:  # a pot given in words is read by the money rules, labelled as the pot
            values["amount"] = "; ".join(filter(None, [values.get("amount"), total_text]))
        return {name: value for name, value in values.items() if value is not None}

    def _search(self, path: ParsedResult | None, data: Any) -> Any:
        try:
            return path.search(data) if path is not None else None
        except JMESPathError:
            return None

    def _next_page(
        self, response: Response, data: Any, page: int, refs: list[str]
    ) -> Request | None:
        if self.source.page_param is not None:  # a number or, with a step, an offset
            return self.next_numbered_page(response, page, refs)
        if self.paths.next_page is None or not refs:
            return None  # an empty page ends it, even if the API still offers a cursor
        href = self._search(self.paths.next_page, data)
        if href is not None and not isinstance(href, str):
            self.problem(
                f"expected a URL at {self.source.next_page!r} on {response.url}, found "
                f"{describe(href)}: the API's answer may have changed shape"
            )
            return None
        if not href or response.urljoin(href) == response.url:
            return None
        return self.follow_next(response, href, page)


def _asking_for_json(request: Request) -> Request:
    request.headers.setdefault(b"Accept", ACCEPT)
    return request


def fill_dates(value: str, moment: datetime) -> str:
    """'{now-14d}' → '2026-11-11T09:00:00' (UTC); '{now-30d:%Y-%m-%d}' → '2026-10-26'."""

    def written(match: re.Match[str]) -> str:
        ago = parse_duration(match["ago"]) if match["ago"] else None
        when = moment - ago if ago is not None else moment
        return when.strftime(match["format"] or DATE_FORMAT)

    return MOVING_DATE.sub(written, value)


def field_values(name: str, raw: Any) -> dict[str, Any]:
    """One field's value as the item keeps it: money with its numbers, everything else as text."""
    if name == "amount":
        text, low, high = money(raw)
        return {"amount": text, "amount_min": low, "amount_max": high}
    if name == "fund_total":
        total = number(raw if not isinstance(raw, dict) else raw.get("amount"))
        if total is not None:
            return {"fund_total": total}
        words = as_text(raw)
        return {"fund_total_text": f"Total fund: {words}" if words else None}
    return {name: as_text(raw)}


# An award range as an object: {"min": 5000, "max": 50000}, {"minimum": …}, {"from": …, "to": …},
# {"minAmount": …, "maxAmount": …} (keys compared without case or underscores).
_LOW_KEYS = {"min", "minimum", "from", "low", "lower", "minamount", "amountmin", "minaward"}
_HIGH_KEYS = {"max", "maximum", "to", "high", "upper", "maxamount", "amountmax", "maxaward"}


def money(raw: Any) -> tuple[str | None, float | None, float | None]:
    """(text, min, max): a number is one amount, a list of numbers a range, {amount, currency} in
    pounds a number, {min, max} a range (either end may be missing); words stay words for the
    money rules; another currency is text only."""
    if isinstance(raw, dict) and "amount" not in raw:
        ends = _range_ends(raw)
        if ends is not None:
            return ends
    values = raw if isinstance(raw, list) else [raw]
    numbers: list[float] = []
    for value in values:
        if isinstance(value, dict):
            currency = value.get("currency")
            if currency and str(currency).upper() != "GBP":
                shown = as_text(value.get("amount"))
                return (f"{shown} {currency}" if shown else None), None, None
            value = value.get("amount")
        amount = number(value) if not isinstance(value, str) else None
        if amount is not None:
            numbers.append(amount)
    if not numbers:  # words for the money rules; a flag is no amount
        return (None if isinstance(raw, bool) else as_text(raw)), None, None
    low, high = min(numbers), max(numbers)
    text = pounds(low) if low == high else f"{pounds(low)} - {pounds(high)}"
    return text, low, high


def _range_ends(raw: dict[str, Any]) -> tuple[str | None, float | None, float | None] | None:
    """An object naming a range's ends, as (text, min, max); None when it names neither end."""
    keys = {str(key).lower().replace("_", ""): value for key, value in raw.items()}
    if not (keys.keys() & (_LOW_KEYS | _HIGH_KEYS)):
        return None
    currency = keys.get("currency")
    if currency and str(currency).upper() != "GBP":
        return None, None, None  # not pounds: no amount rather than a wrong one
    low = next((number(keys[k]) for k in _LOW_KEYS if number(keys.get(k)) is not None), None)
    high = next((number(keys[k]) for k in _HIGH_KEYS if number(keys.get(k)) is not None), None)
    if low is not None and high is not None:
        low, high = min(low, high), max(low, high)
        text = pounds(low) if low == high else f"{pounds(low)} - {pounds(high)}"
    elif high is not None:
        text = f"Up to {pounds(high)}"
    elif low is not None:
        text = f"From {pounds(low)}"
    else:
        text = None
    return text, low, high


def number(value: Any) -> float | None:
    """A JSON number, or text that is only a number ("4,000,000", "£250000"); never a boolean."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str) and PLAIN_NUMBER.match(value):
        return float(value.replace(",", "").replace("£", "").strip())
    return None


def pounds(amount: float) -> str:
    return f"£{amount:,.0f}" if amount.is_integer() else f"£{amount:,.2f}"


def as_text(value: Any) -> str | None:
    """Text for a text field: numbers written plainly, lists joined with ", ", objects by name."""
    if value is None:
        return None
    if isinstance(value, bool):  # false is no text, so `flag && 'words'` reads as words or nothing
        return "yes" if value else None
    if isinstance(value, int | float):
        if not math.isfinite(value):
            return None
        return str(int(value)) if float(value).is_integer() else str(value)
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list):
        parts = [text for text in (as_text(v) for v in value) if text]
        return ", ".join(dict.fromkeys(parts)) or None
    if isinstance(value, dict):
        for key in TEXT_KEYS:
            if isinstance(value.get(key), str | int | float):
                text = as_text(value[key])
                if text:
                    return text
    return None


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
