"""Property tests over the pure normalisers: whatever text a page holds, they answer (None where
nothing usable is there) and never raise, and what they answer keeps its promises."""

from __future__ import annotations

import dataclasses
import math
from datetime import UTC, datetime, timedelta
from functools import cache

from hypothesis import given
from hypothesis import strategies as st

from config.loader import load_tags
from config.models import Source
from spiders.eligibility import PHRASE_LIMIT, council_eligibility
from spiders.items import OpportunitySighting
from spiders.normalise import canonical_url, clean_text, normalise_status, parse_date
from spiders.normalise.money import parse_amounts, parse_money
from spiders.normalise.sighting import normalise
from spiders.tagging import compile_rules, tag_sighting
from tests.crawl_helpers import ROOT
from tests.reliability.fuzz import PROFILE, any_text, funding_text

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
ZONES = ["Europe/London", "UTC", "America/New_York", "Australia/Lord_Howe"]
SOURCE = Source.model_validate(
    {"id": "fuzzed", "kind": "feed", "urls": ["https://funder.example.gov.uk/calls"]}
)


def test_the_properties_can_fail():
    """The contracts checked below are not vacuous: a value that breaks them is caught."""
    assert not _is_amount(float("nan")) and not _is_amount(-1.0)
    assert not _is_utc("2027-01-12")


def _is_amount(value) -> bool:
    return value is None or (isinstance(value, float) and math.isfinite(value) and value >= 0)


def _is_utc(value) -> bool:
    return value is None or (isinstance(value, datetime) and value.utcoffset() == timedelta(0))


@PROFILE
@given(any_text)
def test_clean_text_is_plain_single_spaced_text_or_none(text):
    cleaned = clean_text(text)
    assert cleaned is None or (cleaned and cleaned == cleaned.strip())
    if cleaned:
        assert "  " not in cleaned and "\n" not in cleaned and "\u200b" not in cleaned


@PROFILE
@given(any_text, st.sampled_from(ZONES), st.booleans())
def test_dates_are_aware_utc_or_none(text, zone, end_of_day):
    assert _is_utc(parse_date(text, zone, end_of_day=end_of_day))


@PROFILE
@given(any_text)
def test_money_is_a_finite_non_negative_ordered_range(text):
    low, high = parse_money(text)
    amounts = parse_amounts(text)
    for value in (low, high, *amounts):
        assert _is_amount(value), (text, value)
    if amounts.min is not None and amounts.max is not None:
        assert amounts.min <= amounts.max


@PROFILE
@given(
    st.one_of(st.none(), any_text),
    st.one_of(st.none(), st.datetimes(timezones=st.just(UTC))),
    st.one_of(st.none(), st.datetimes(timezones=st.just(UTC))),
)
def test_status_is_known_and_a_past_closing_date_always_closes(text, opens, closes):
    status = normalise_status(text, opens, closes, NOW)
    assert status in (None, "upcoming", "open", "closed")
    if closes is not None and closes <= NOW:
        assert status == "closed"


@PROFILE
@given(any_text, st.sampled_from([None, "https://funder.example.gov.uk/a/b?x=1", "javascript:x"]))
def test_links_are_http_or_https_or_none(text, base):
    url = canonical_url(text, base)
    assert url is None or url.startswith(("http://", "https://"))


@PROFILE
@given(st.one_of(st.none(), any_text), st.one_of(st.none(), any_text))
def test_eligibility_is_a_verdict_with_its_words(eligibility, summary):
    council_eligibility.cache_clear()  # judge every example afresh, not from an earlier answer
    verdict, phrase = council_eligibility(eligibility, summary)
    assert verdict in ("yes", "partner", "no", "unclear")
    if verdict == "unclear":
        assert phrase is None
    else:
        assert phrase and len(phrase) <= PHRASE_LIMIT * 2 + 10


# Every field a source fills with text, as the raw item declares them (new ones are fuzzed too).
TEXT_FIELDS = tuple(
    f.name
    for f in dataclasses.fields(OpportunitySighting)
    if f.name != "source_id" and f.type.startswith("str |")
)


@cache
def rules():
    return compile_rules(load_tags(ROOT / "config"))


@PROFILE
@given(
    st.fixed_dictionaries(
        {},
        optional={
            name: st.one_of(st.none(), funding_text, st.text(max_size=80)) for name in TEXT_FIELDS
        },
    )
)
def test_a_whole_item_of_junk_normalises_and_tags_without_raising(fields):
    sighting = normalise(OpportunitySighting(source_id="fuzzed", **fields), SOURCE, NOW)
    tagged = tag_sighting(sighting, rules())
    assert tagged.url is None or tagged.url.startswith(("http://", "https://"))
    assert _is_utc(tagged.opens_at) and _is_utc(tagged.closes_at)
    assert all(_is_amount(v) for v in (tagged.amount_min, tagged.amount_max, tagged.fund_total))
