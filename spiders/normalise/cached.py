"""The pure readers normalise() asks of every call, cached on their words: a source's calls repeat
their money wording ("Up to £10,000", "Award range: £500,000 - £2,000,000; Total fund:
£12,000,000"), their dates ("Closing date: 31 March 2027 at 5pm") and their fields' text (status
words, funder, eligibility), and reading them again was ~40, ~14 and ~12 µs of a call's ~140 µs
(the pipeline benchmark, store_scale.py). Answers are numbers, datetimes and strings, shared safely
between calls; only short text is kept, so the caches hold a few MB at most."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from spiders.normalise import dates, money, text

# Longer text is a whole summary read for its money (cued_only), rarely seen twice: not kept, so
# the cache holds a few MB at most.
_AMOUNT_TEXT_LIMIT = 1000


def parse_amounts(value: str | None, *, cued_only: bool = False) -> money.Amounts:
    """money.parse_amounts, cached for text up to _AMOUNT_TEXT_LIMIT characters; cued_only is part
    of the key: a field's reading and prose's differ."""
    if isinstance(value, str) and len(value) <= _AMOUNT_TEXT_LIMIT:
        return _amounts(value, cued_only)
    return money.parse_amounts(value, cued_only=cued_only)


@lru_cache(maxsize=4096)
def _amounts(text: str, cued_only: bool) -> money.Amounts:
    return money.parse_amounts(text, cued_only=cued_only)


parse_amounts.cache_clear = _amounts.cache_clear  # type: ignore[attr-defined]

_DATE_TEXT_LIMIT = 200  # longer is a paragraph, never read as a date (dates.py): not kept


def parse_date(
    value: str | datetime | date | None,
    tz: str = "Europe/London",
    *,
    end_of_day: bool = False,
    now: datetime | None = None,
) -> datetime | None:
    """dates.parse_date, cached for a date field's text. The crawl's clock is part of the key (it
    places a day written with no year), with its zone and fold: equal instants in two zones may
    fall in two years, and a clock's fold is left out of its equality and hash."""
    if isinstance(value, str) and len(value) <= _DATE_TEXT_LIMIT:
        clock = None if now is None else (now, now.tzinfo, now.fold)
        return _date_text(value, tz, end_of_day, clock)
    return dates.parse_date(value, tz, end_of_day=end_of_day, now=now)


@lru_cache(maxsize=8192)
def _date_text(
    text: str, tz: str, end_of_day: bool, clock: tuple[datetime, object, int] | None
) -> datetime | None:
    return dates.parse_date(
        text, tz, end_of_day=end_of_day, now=None if clock is None else clock[0]
    )


parse_date.cache_clear = _date_text.cache_clear  # type: ignore[attr-defined]


_FIELD_TEXT_LIMIT = 500  # a field's words, a short summary: longer is rarely seen twice


def clean_text(value: str | None, *, items: bool = False) -> str | None:
    """text.clean_text, cached for a field's text: normalise() cleans the same field two or three
    times (the closing date for its date, its window and the status), and a source's calls share
    their status words, funder, dates and eligibility."""
    if isinstance(value, str) and len(value) <= _FIELD_TEXT_LIMIT:
        return _clean(value, items)
    return text.clean_text(value, items=items)


@lru_cache(maxsize=4096)  # ≤ 500 characters each: a few MB
def _clean(value: str, items: bool) -> str | None:
    return text.clean_text(value, items=items)


clean_text.cache_clear = _clean.cache_clear  # type: ignore[attr-defined]
