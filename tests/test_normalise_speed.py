"""normalise()'s shortcuts give the answers of the long way: money wording, dates and field text a
source repeats are read once (spiders/normalise/cached.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from config.models import Source
from config.yaml_file import parse_yaml
from spiders.items import OpportunitySighting
from spiders.normalise import cached, dates, money, text
from spiders.normalise.sighting import normalise

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
SOURCE = Source(id="ukri", kind="feed", urls=["https://www.ukri.org/opportunity/"])


def _call(n: int, **fields) -> OpportunitySighting:
    return OpportunitySighting(
        source_id="ukri", title=f"Net zero fund {n}", url=f"/opportunity/call-{n}/", **fields
    )


def counted(monkeypatch: pytest.MonkeyPatch, module, name: str) -> list[str]:
    """The first argument of every call of `module.name` from now on, in order."""
    seen: list[str] = []
    real = getattr(module, name)

    def counting(value, *args, **kwargs):
        seen.append(value)
        return real(value, *args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return seen


def test_money_wording_a_source_repeats_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each call's amount was read again (~40 µs of the pipeline benchmark's ~140 µs a call).
    read = counted(monkeypatch, money, "_figures")
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


def test_a_closing_date_a_source_repeats_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each call's dates were read again from the field's words (~8 µs a call of the benchmark).
    read = counted(monkeypatch, dates, "date_text")
    cached.parse_date.cache_clear()
    calls = [_call(n, opens="1 December 2026", closes="15 January 4:00pm") for n in range(100)]
    stored = [normalise(call, SOURCE, NOW) for call in calls]
    assert {(s.opens_at.isoformat(), s.closes_at.isoformat()) for s in stored} == {
        ("2026-12-01T00:00:00+00:00", "2027-01-15T16:00:00+00:00")
    }
    assert sorted(set(read)) == ["1 December 2026", "15 January 4:00pm"]
    assert len(read) == 2
    # Another clock places the yearless day again, in its own year.
    later = normalise(calls[0], SOURCE, datetime(2027, 11, 25, 9, tzinfo=UTC))
    assert later.closes_at.isoformat() == "2028-01-15T16:00:00+00:00"


@pytest.mark.parametrize("tz", ["Europe/London", "UTC"])
def test_cached_dates_are_the_readers_dates(tz: str) -> None:
    rows = parse_yaml((Path(__file__).parent / "cases" / "dates.yaml").read_text("utf-8"))
    texts = [row["input"] for row in rows if isinstance(row["input"], str)]
    clocks = [
        None,
        datetime(2026, 11, 25, 9, tzinfo=UTC),
        datetime(2026, 12, 31, 23, 30, tzinfo=UTC),
        datetime(2027, 1, 1, 4, 30, tzinfo=ZoneInfo("Asia/Karachi")),  # the same instant
        datetime(2026, 10, 25, 1, 30, fold=1, tzinfo=ZoneInfo("Europe/London")),
        datetime(2026, 10, 25, 1, 30, fold=0, tzinfo=ZoneInfo("Europe/London")),
    ]
    cached.parse_date.cache_clear()
    for now in clocks:
        for end_of_day in (False, True):
            for words in texts:
                want = dates.parse_date(words, tz, end_of_day=end_of_day, now=now)
                got = cached.parse_date(words, tz, end_of_day=end_of_day, now=now)
                assert (got, words, now) == (want, words, now)


def test_a_long_summary_read_for_its_money_is_not_kept() -> None:
    # Up to 4,096 whole summaries of any length were kept; now only text of ≤ 1,000 characters.
    cached.parse_amounts.cache_clear()
    prose = "Grants of up to £50,000 are available. " + "The fund supports local places. " * 40
    stored = normalise(_call(1, summary=prose), SOURCE, NOW)
    assert (stored.amount_min, stored.amount_max) == (None, 50_000.0)
    assert cached._amounts.cache_info().currsize == 0
    short = normalise(_call(2, summary=prose[:60]), SOURCE, NOW)
    assert (short.amount_min, short.amount_max) == (None, 50_000.0)
    assert cached._amounts.cache_info().currsize == 1


def test_a_field_is_cleaned_once_however_often_normalise_reads_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The closing date was cleaned three times a call (its date, its window, the status), the
    # opening date twice, the status twice; and every call's status words, funder and dates again.
    cleaned = counted(monkeypatch, text, "plain_marks")
    cached.clean_text.cache_clear()
    fields = {
        "opens": "1 December 2026",
        "closes": "15 January 2027 4:00pm",
        "status": "Open",
        "funder": "UK Research and Innovation",
        "summary": "<p>Councils can bid for retrofit projects.</p>",
        "eligibility": "<ul><li>Local authorities</li><li>Charities</li></ul>",
    }
    stored = [normalise(_call(n, **fields), SOURCE, NOW) for n in range(50)]
    assert {(s.status, s.funder, s.eligibility) for s in stored} == {
        ("open", "UK Research and Innovation", "Local authorities • Charities")
    }
    assert len(stored) == len({s.title for s in stored}) == 50
    # Each title once (50) and each field's words once (6): 500 at 909903b.
    assert len(cleaned) == 56
