"""Normalising functions, driven by the tables in tests/cases (curators add rows there, not here)."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta, timezone

import pytest

from spiders.eligibility import council_eligibility
from spiders.eligibility.buyers import is_council_name
from spiders.normalise import canonical_url, clean_text, normalise_status, parse_date, parse_money
from spiders.normalise.dates_in_text import labelled_date
from spiders.normalise.money import parse_amounts
from spiders.normalise.notice_kind import opportunity_kind
from tests.case_tables import table as case_table

ROW_KEYS = {
    "input", "expected", "note", "tz", "end_of_day", "base", "opens_at", "closes_at", "now", "items"
}  # fmt: skip


def table(name: str) -> list:
    return case_table(name, keys=ROW_KEYS)


def utc(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


# ---- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize("case", table("dates.yaml"))
def test_parse_date(case: dict) -> None:
    # A row's `now` is the crawl's clock, which places a day written with no year.
    result = parse_date(
        case["input"],
        case.get("tz", "Europe/London"),
        end_of_day=case.get("end_of_day", False),
        now=utc(case.get("now")),
    )
    if case["expected"] is None:
        assert result is None
    else:
        assert result is not None, "expected a date"
        assert result.utcoffset() == timedelta(0), "always UTC"
        assert result.isoformat() == case["expected"]


def test_parse_date_converts_aware_datetimes_to_utc() -> None:
    bst = timezone(timedelta(hours=1))
    assert parse_date(datetime(2026, 9, 8, 16, 0, tzinfo=bst)) == datetime(
        2026, 9, 8, 15, 0, tzinfo=UTC
    )


@pytest.mark.parametrize(
    "junk",
    [
        "\x00",
        "9" * 40,
        "32/13/2024",
        "-1 March 2024",
        "4 Smarch 2024",
        "££££",
        "2024-13-45T99:99:99",
        "Thursday",
        "11:00am",
        "(Midnight)",
        "0/0/0000",
        "1e308",
        " " * 10_000,
    ],
)
def test_parse_date_never_raises_on_junk(junk: str) -> None:
    result = parse_date(junk)
    assert result is None or result.tzinfo is not None


# ---- money -----------------------------------------------------------------------------------


MONEY_CASES = case_table("money.yaml", keys=ROW_KEYS | {"money"})


@pytest.mark.parametrize("case", MONEY_CASES)
def test_parse_amounts(case: dict) -> None:
    result = parse_amounts(case["input"])
    assert list(result) == case["expected"]
    assert (result.min, result.max, result.total) == tuple(case["expected"])
    if result.min is not None and result.max is not None:
        assert result.min <= result.max


@pytest.mark.parametrize("case", MONEY_CASES)
def test_parse_money_reads_the_first_amount_only(case: dict) -> None:
    low, high = parse_money(case["input"])
    assert [low, high] == case.get("money", case["expected"][:2])
    if low is not None and high is not None:
        assert low <= high


# ---- URLs ------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", table("urls.yaml"))
def test_canonical_url(case: dict) -> None:
    result = canonical_url(case["input"], case.get("base"))
    assert result == case["expected"]
    if result is not None:
        assert result.startswith(("http://", "https://"))
        assert canonical_url(result) == result, "canonicalising twice changes nothing"


def test_a_reference_that_is_a_tracker_link_keeps_no_subscriber_id():
    # A feed's guid that is its (tracked) link names the call; the subscriber's id is no part of
    # it (round 20: Mailchimp's e=, HubSpot's _hsenc, a 32-hex sid).
    from spiders.normalise.urls import untracked_ref

    tracker = "https://x.us5.list-manage.com/track/click?u=7c&id=a1&e=7d3f#2"
    assert untracked_ref(tracker) == "https://x.us5.list-manage.com/track/click?u=7c&id=a1#2"
    page = "https://www.example.org.uk/grants/x?_hsenc=p2A&sid=5d41402abc4b2a76b9719d911017c592"
    assert untracked_ref(page) == "https://www.example.org.uk/grants/x"


# ---- text ------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", table("text.yaml"))
def test_clean_text(case: dict) -> None:
    result = clean_text(case["input"], items=case.get("items", False))
    assert result == case["expected"]
    if result is not None:
        assert result == result.strip() and "  " not in result


# ---- status ----------------------------------------------------------------------------------

DEFAULT_NOW = "2026-06-01T09:00:00Z"


@pytest.mark.parametrize("case", table("status.yaml"))
def test_normalise_status(case: dict) -> None:
    result = normalise_status(
        case["input"],
        utc(case.get("opens_at")),
        utc(case.get("closes_at")),
        utc(case.get("now", DEFAULT_NOW)),
    )
    assert result == case["expected"]


def test_status_follows_now_across_a_calls_life() -> None:
    opens, closes = utc("2026-03-01T00:00:00Z"), utc("2026-03-31T22:59:00Z")
    seen = [
        normalise_status(None, opens, closes, utc(now))
        for now in ("2026-02-28T12:00:00Z", "2026-03-15T12:00:00Z", "2026-04-01T00:00:00Z")
    ]
    assert seen == ["upcoming", "open", "closed"]


@pytest.mark.parametrize(
    "junk",
    [
        "1" * 100_000,
        "£" + "9" * 400,
        "£" + "1," * 20_000,
        "up to " * 20_000 + "£5",
        "x 1" + " 000" * 20_000 + " x",
    ],
)
def test_parse_money_refuses_absurd_numbers(junk: str) -> None:
    low, high = parse_money(junk)
    assert all(value is None or math.isfinite(value) for value in (low, high))
    assert all(value is None or math.isfinite(value) for value in parse_amounts(junk))


def test_parse_amounts_on_many_figures() -> None:
    # Thousands of figures, cues and dashes (benchmarks/hostile_input.py measures the speed).
    text = "Total fund: £4m; up to £1 - " * 5_000 + "Maximum award £950,000"
    assert parse_amounts(text) == (None, 1.0, 4_000_000.0)


def test_hostile_markup_is_cleaned() -> None:
    # Its speed (an unclosed tag repeated once took seconds) is measured in benchmarks/hostile_input.py.
    # Nothing but unclosed tags is no text at all.
    assert clean_text("<p" * 50_000) is None
    assert clean_text("Fund <a href='x'") == "Fund"
    assert clean_text("Fund <p<p<p") == "Fund"
    # A real comparison is text, not a tag, and survives.
    assert clean_text("Award if a < b and b > c") == "Award if a < b and b > c"
    assert clean_text("Grants < £5,000") == "Grants < £5,000"
    # Escaped markup is shown, not stripped: &lt;p reads as "<p".
    assert clean_text("&lt;p") == "<p"
    assert clean_text("Use &lt;p&gt; tags") == "Use <p> tags"


# ---- any value -------------------------------------------------------------------------------

# What an API or a feed may put in a text field: a number, a flag, a list, bytes, a date.
NOT_TEXT = [
    0,
    7,
    3.5,
    float("nan"),
    True,
    b"Closed",
    ["Open"],
    {"status": "Open"},
    ("x",),
    datetime(2027, 1, 1),
]


@pytest.mark.parametrize("value", NOT_TEXT, ids=repr)
def test_a_value_that_is_not_text_is_read_as_text_never_raised_on(value) -> None:
    now = utc(DEFAULT_NOW)
    assert normalise_status(value, None, None, now) in (None, "upcoming", "open", "closed")
    assert canonical_url(value) is None
    assert labelled_date(value, "closes") is None
    assert opportunity_kind(value, value) == "funding"
    assert is_council_name(value) is False
    assert council_eligibility(value, value)[0] in ("yes", "partner", "no", "unclear")
    assert parse_amounts(value) is not None and parse_money(value) is not None
    assert parse_date(value) is None or parse_date(value).tzinfo is not None


def test_bytes_are_read_as_the_words_they_hold() -> None:
    assert normalise_status(b"Closed", None, None, utc(DEFAULT_NOW)) == "closed"
