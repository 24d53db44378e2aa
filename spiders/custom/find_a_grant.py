"""Find a Grant (Cabinet Office): the grants search, read from the page's __NEXT_DATA__ JSON.

The service has no feed or public API. Its Next.js pages embed the search results as JSON, which is
sturdier than the cards; the cards are the fallback when the script is missing or unreadable. Values are
passed on raw (ISO strings from the JSON, "21 May 2022, 11:59pm (Midnight)" from the cards): the
normalise pipeline reads them, in UTC, because the service shows GMT all year.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from parsel import Selector
from scrapy.http import Response

from spiders.base import SourceSpider
from spiders.items import OpportunitySighting

NEXT_DATA = "script#__NEXT_DATA__::text"
CARDS = "ul.grants_list > li"
NEXT_PAGE = "li.moj-pagination__item--next a.moj-pagination__link::attr(href)"
NO_GRANTS = "h2[data-cy=cyNoGrantFoundMessage]"


class FindAGrantSpider(SourceSpider):
    def parse(self, response: Response, page: int = 1) -> Iterator[Any]:
        if not self.readable(response):
            return
        grants = list(self._from_json(response)) or list(self._from_cards(response))
        if not grants and not _is_no_grants_page(response):
            self.problem(f"no grants found on {response.url}: the page layout may have changed")
        yield from grants
        request = self.follow_next(response, response.css(NEXT_PAGE).get(), page)
        if request is not None:
            yield request

    def _from_json(self, response: Response) -> Iterator[OpportunitySighting]:
        for grant in _search_results(response):
            if not isinstance(grant, dict) or not grant.get("grantName") or not grant.get("label"):
                continue  # the site skips these too: a card needs a name and a label
            label = str(grant["label"])
            yield self.sighting(
                response,
                title=_text(grant.get("grantName")),
                url=_parse_url(response, label),
                ref=label,
                summary=_text(grant.get("grantShortDescription")),
                funder=_text(grant.get("grantFunder")),
                opens=_text(grant.get("grantApplicationOpenDate")),
                closes=_close_date(grant.get("grantApplicationCloseDate")),
                amount=_amount_text(
                    _parse_amount(
                        grant.get("grantMinimumAwardDisplay"), grant.get("grantMaximumAwardDisplay")
                    ),
                    _text(grant.get("grantTotalAwardDisplay")),
                ),
                amount_min=_parse_number(grant.get("grantMinimumAward")),
                amount_max=_parse_number(grant.get("grantMaximumAward")),
                fund_total=_parse_number(grant.get("grantTotalAwardAmount")),
                eligibility=_parse_eligibility(
                    ", ".join(_strings(grant.get("grantApplicantType"))),
                    ", ".join(_strings(grant.get("grantLocation"))),
                ),
            )

    def _from_cards(self, response: Response) -> Iterator[OpportunitySighting]:
        for card in response.css(CARDS):
            link = card.css("a[data-cy=cyGrantNameAndLink]")
            title, href = _parse_title(link), link.attrib.get("href")
            if not title or not href:
                self.problem(
                    f"a grant card without a name or link on {response.url}: the page layout may have changed"
                )
                continue
            rows = _parse_rows(card)
            yield self.sighting(
                response,
                title=title,
                url=response.urljoin(href),
                ref=_parse_label(href),
                summary=_element_text(card.css("p[data-cy^=cyGrantShortDescriptions]")) or None,
                funder=rows.get("Funding organisation"),
                opens=rows.get("Opening date"),
                closes=rows.get("Closing date"),
                amount=_amount_text(
                    rows.get("How much you can get"), rows.get("Total size of grant scheme")
                ),
                eligibility=_parse_eligibility(rows.get("Who can apply"), rows.get("Location")),
            )


AWARD_LABEL = "How much you can get"
TOTAL_LABEL = "Total size of grant scheme"


def _search_results(response: Response) -> list[Any]:
    """props.pageProps.searchResult from the __NEXT_DATA__ script, or [] when it is missing or unreadable."""
    raw = response.css(NEXT_DATA).get()
    if not raw:
        return []
    try:
        data = json.loads(raw)
        results = data["props"]["pageProps"]["searchResult"]
    except (ValueError, KeyError, TypeError, RecursionError):  # "[[[[…" past the recursion limit
        return []
    return results if isinstance(results, list) else []


def _is_no_grants_page(response: Response) -> bool:
    """The site's own "No grants found" answer: an empty search, not a broken page."""
    if response.css(NO_GRANTS):
        return True
    raw = response.css(NEXT_DATA).get()
    try:
        return json.loads(raw)["props"]["pageProps"]["totalGrants"] == 0 if raw else False
    except (ValueError, KeyError, TypeError, RecursionError):  # "[[[[…" past the recursion limit
        return False


def _close_date(value: Any) -> str | None:
    """The closing time as the site shows it: a close at 00:00 GMT is shown as 11:59pm the day
    before ("14 January 2027, 11:59pm (Midnight)": adjustDateTimes.js, research/sources.md §1),
    the last minute anyone may apply, and the cards say so. Passed on as 00:00, the normaliser reads
    it as a date alone (an API's midnight is its day: spiders/normalise/date_common.py) and the
    grant closed at 23:59 that day, a day late."""
    text = _text(value)
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None
    except ValueError:
        return text
    if when is None or when.utcoffset() is None or when.astimezone(UTC).time() != time(0):
        return text
    return (when.astimezone(UTC) - timedelta(minutes=1)).isoformat()


def _parse_title(link: Any) -> str | None:
    return _element_text(link) or None


def _parse_url(response: Response, label: str) -> str:
    return response.urljoin("/grants/" + quote(label, safe="-_.~"))


def _parse_label(href: str) -> str:
    """/grants/{label} → label (the Contentful slug the site uses as the grant's id)."""
    return unquote(urlsplit(href).path.rstrip("/").rsplit("/", 1)[-1])


def _parse_rows(card: Selector) -> dict[str, str]:
    """Summary-list rows by label. The dt has class __value, not __key, so the label text is the only key."""
    rows = {}
    for row in card.css("dl.govuk-summary-list > div"):
        label = _element_text(row.css("dt"))
        if label:
            rows[label] = _element_text(row.css("dd"))
    return rows


def _amount_text(award: str | None, total: str | None) -> str | None:
    """Both amounts with the card's own labels, so one award is never read as the whole pot."""
    parts = [(AWARD_LABEL, award), (TOTAL_LABEL, total)]
    return "; ".join(f"{label}: {value}" for label, value in parts if value) or None


def _parse_amount(minimum: Any, maximum: Any) -> str | None:
    """The card's "How much you can get" wording, built from the *Display strings."""
    low, high = _text(minimum), _text(maximum)
    if low and high:
        return f"From {low} to {high}"
    if high:
        return f"Up to {high}"
    if low:
        return f"From {low}"
    return None


def _parse_number(value: Any) -> float | None:
    """A JSON award amount as a number; anything else (booleans, junk, NaN) is no amount."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = float(value.replace(",", "").strip()) if isinstance(value, str) else float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _parse_eligibility(applicant_types: str | None, locations: str | None) -> str | None:
    """'Who can apply: Local authority, Non-profit. Location: England', for council-eligibility rules to read."""
    parts = []
    if applicant_types:
        parts.append(f"Who can apply: {applicant_types}")
    if locations:
        parts.append(f"Location: {locations}")
    return ". ".join(parts) or None


def _element_text(selection: Any) -> str:
    """All text inside the first element, whitespace collapsed (the card's dd holds <time> plus a suffix)."""
    return " ".join(selection[0].xpath("string(.)").get().split()) if selection else ""


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [text for text in (_text(v) for v in value) if text]
