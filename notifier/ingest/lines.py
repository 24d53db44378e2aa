"""Pure: the lines of a feed export → raw sightings, each bad line with its number and why.

A line is one JSON object with the fields of spiders/items.py (what a spider yields, before
normalising). Anything else on a line is a problem with that line alone: the rest still count.
"""

from __future__ import annotations

import json
import types
from collections.abc import Iterator
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, Union, get_args, get_origin, get_type_hints

from spiders.items import OpportunitySighting

HINTS = get_type_hints(OpportunitySighting)
FIELDS = tuple(f.name for f in fields(OpportunitySighting))


@dataclass(frozen=True)
class FeedLine:
    number: int  # 1-based, as editors count
    sighting: OpportunitySighting | None = None
    problem: str | None = None


def _accepts(hint: Any, value: Any) -> bool:
    """Does a JSON value fit the field's type? A date a spider parsed arrives as ISO 8601 text."""
    union = get_origin(hint) in (Union, types.UnionType)
    for option in get_args(hint) if union else (hint,):
        if value is None and option is type(None):
            return True
        if isinstance(value, str) and option in (str, datetime):
            return True
        if option is float and isinstance(value, int | float) and not isinstance(value, bool):
            return True
        if get_origin(option) is list and isinstance(value, list):
            return all(isinstance(v, str) for v in value)
    return False


def parse_line(text: str) -> OpportunitySighting:
    """One line as a raw sighting; ValueError says what is wrong with it."""
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON: {error.msg} (column {error.colno})") from None
    if not isinstance(record, dict):
        raise ValueError(f"expected a JSON object, found {type(record).__name__}")
    unknown = sorted(set(record) - set(FIELDS))
    named = ", ".join(map(repr, unknown[:5])) + (", …" if len(unknown) > 5 else "")
    if unknown and "source_id" not in record:
        # Every line fundwatch writes names its source: without one, and with fields it never
        # writes, this is some other JSON (an API's answer, another tool's export), not a line
        # from another version of fundwatch.
        raise ValueError(
            f"no source_id, and fields no spider writes ({named}): not a fundwatch feed export"
        )
    if unknown:
        raise ValueError(f"unknown field {named} (written by another fundwatch version?)")
    if not isinstance(record.get("source_id"), str) or not record["source_id"]:
        raise ValueError("no source_id: which source was this read from?")
    wrong = [name for name, value in record.items() if not _accepts(HINTS[name], value)]
    if wrong:
        raise ValueError(f"field {', '.join(map(repr, wrong))} has the wrong type")
    return OpportunitySighting(**record)


def iter_lines(data: bytes) -> Iterator[FeedLine]:
    """Every non-blank line, read or with its problem. Split on newlines only: JSON text may hold
    a raw U+2028 that str.splitlines() would take for a line break."""
    for number, raw in enumerate(data.split(b"\n"), 1):
        if not raw.strip():
            continue
        try:
            yield FeedLine(number, sighting=parse_line(raw.decode("utf-8")))
        except UnicodeDecodeError as error:
            yield FeedLine(number, problem=f"not UTF-8 text: {error.reason}")
        except ValueError as error:
            yield FeedLine(number, problem=str(error))


def read_lines(data: bytes) -> list[FeedLine]:
    return list(iter_lines(data))


def first_source(data: bytes) -> str | None:
    """The source of the first line that reads: the file's source. Reads no further than that."""
    return next((line.sighting.source_id for line in iter_lines(data) if line.sighting), None)
