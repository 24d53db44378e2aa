"""A call's facts buried in its prose: a feed item's or detail page's paragraphs, given as its
summary and no field, read by the whole normalise step (tests/cases/prose_in_text.yaml: closing and
opening instants, [min, max, pot], status, at now 2026-11-25T09:00Z; a key left out is not asked)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from config.models import Source
from spiders.items import OpportunitySighting
from spiders.normalise.sighting import normalise
from tests.case_tables import table

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
_KEYS = ("closes", "opens", "money", "status")


def _read(text: str) -> dict:
    raw = OpportunitySighting(
        source_id="prose", title="A call", url="https://notices.example/1", summary=text
    )
    source = Source(id="prose", kind="feed", urls=["https://notices.example/"])
    stored = normalise(raw, source, NOW)
    iso = [when.isoformat() if when else None for when in (stored.closes_at, stored.opens_at)]
    money = [stored.amount_min, stored.amount_max, stored.fund_total]
    return dict(zip(_KEYS, (*iso, money, stored.status), strict=True))


@pytest.mark.parametrize(
    "case", table("prose_in_text.yaml", keys={"input", *_KEYS, "note"}, required=("input",))
)
def test_facts_in_prose(case):
    got = _read(case["input"])
    assert {key: got[key] for key in _KEYS if key in case} == {
        key: case[key] for key in _KEYS if key in case
    }
