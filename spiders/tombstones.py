"""Records an API keeps only to say they are gone.

A repository or sync API lists a withdrawn call by its id alone: OAI-PMH's `<header
status="deleted">` with no `<metadata>` (kept so harvesters learn of the deletion), a change
feed's `{"id": 103, "deleted": true}`. Read by the curator's fields, such a record gives its `ref`
and nothing else, and was stored as nothing: the crawl failed "'oai:…:call/103' … is missing
title, url" though every call was read. It is no call, so it is passed over, but only beside
records that read as calls: when no record on the page gives a title, the fields may have stopped
matching and the run still fails naming them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

# What a record gone from the API still gives: the id it was known by.
ID_ONLY = frozenset({"ref"})


def is_tombstone(values: dict[str, Any]) -> bool:
    """Nothing read from the record but its id (pure)."""
    return set(values) - {"present"} <= ID_ONLY  # "present": the fields it holds as null


def without_tombstones(records: Sequence[tuple[Any, dict[str, Any]]]) -> list[tuple[Any, dict]]:
    """(element, values read) pairs with the id-only records left out, where any record on the
    page reads a title (pure); otherwise all of them, for the run to fail on."""
    if not any(values.get("title") for _, values in records):
        return list(records)
    return [(element, values) for element, values in records if not is_tombstone(values)]
