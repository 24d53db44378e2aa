"""normalise()'s shortcuts give the answers of the long way: money wording a source repeats is read
once (spiders/normalise/cached.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from config.models import Source
from spiders.items import OpportunitySighting
from spiders.normalise import cached, money
from spiders.normalise.sighting import normalise

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
SOURCE = Source(id="ukri", kind="feed", urls=["https://www.ukri.org/opportunity/"])


def _call(n: int, **fields) -> OpportunitySighting:
    return OpportunitySighting(
        source_id="ukri", title=f"Net zero fund {n}", url=f"/opportunity/call-{n}/", **fields
    )


def test_money_wording_a_source_repeats_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each call's amount was read again (~40 µs of the pipeline benchmark's ~140 µs a call).
    read: list[str] = []
    real = money._figures

    def counting(text, *args, **kwargs):
        read.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(money, "_figures", counting)
    cached.parse_amounts.cache_clear()
    amount = "Award range: £500,000 - £2,000,000; Total fund: £12,000,000"
    stored = [normalise(_call(n, amount=amount), SOURCE, NOW) for n in range(100)]
    assert {(s.amount_min, s.amount_max, s.fund_total) for s in stored} == {
        (500_000.0, 2_000_000.0, 12_000_000.0)
    }
    assert len(read) == 1
    # Prose is read with its own rules (cued_only), never answered from a field's reading.
    prose = "£250,000"
    got = [normalise(_call(n, summary=prose), SOURCE, NOW) for n in range(3)]
    assert {(s.amount_min, s.amount_max, s.fund_total) for s in got} == {(None, None, None)}
    field = normalise(_call(0, amount=prose), SOURCE, NOW)
    assert (field.amount_min, field.amount_max, field.fund_total) == (250_000.0, 250_000.0, None)
