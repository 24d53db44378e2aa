"""Round 38's `date_column_open_now` (tests/sites/README.md): a table whose Opens and Deadline
columns hold a date or the scheme's state instead ("Open now", "Ongoing", "Open all year",
"Rolling", "TBC"). The Opens column's state words were shown "no date in 'Open now'" and counted
"read but not usable", as a broken selector is; and a scheme "Open now" whose deadline is "TBC"
was stored with no status. `sources try --json` gave no count but the fill rate itself."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from config.models import Source
from spiders.items import OpportunitySighting
from spiders.normalise.sighting import normalise
from tests.unseen_serving import try_on_loopback

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
SOURCE = Source(id="s", kind="feed", urls=["https://example.org.uk/feed"])


@pytest.mark.parametrize(
    ("opens", "closes", "status"),
    [
        ("Open now", "TBC", "open"),  # before: None
        ("Open all year", None, "open"),
        ("Ongoing", "To be confirmed", "open"),
        ("Opening spring 2027", "TBC", "upcoming"),
        ("Open now", "31 January 2027", "open"),  # the dates decide, as before
        ("4 January 2027", "TBC", "upcoming"),
    ],
)
def test_an_opening_field_holding_the_calls_state_is_its_status(opens, closes, status):
    raw = OpportunitySighting(source_id="s", title="Fund", url="https://example.org.uk/f",
                              opens=opens, closes=closes)  # fmt: skip
    assert normalise(raw, SOURCE, NOW).status == status


def test_state_words_in_the_opens_column_are_counted_as_a_status_not_unusable(tmp_path):
    result, _ = try_on_loopback("date_column_open_now", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert "  opens        a status: 'Open now'" in lines  # before: "no date in 'Open now'"
    # Before: "opens  3/7 (43%)  (4 read but not usable)".
    assert "  opens        3/7 (43%)  (4 gave a status)" in lines
    want = "  closes       2/7 (29%)  (1 gave a status)  (3 with no deadline)  (1 to be confirmed)"
    assert want in lines


def test_the_json_fill_rates_carry_the_counts_the_text_shows(tmp_path):
    result, _ = try_on_loopback("date_column_open_now", tmp_path, "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    summary = json.loads(result.stdout.splitlines()[-1])
    # Before: {"found": 2, "items": 7, "percent": 29} and nothing more.
    assert summary["fill_rate"]["closes"] == {
        "found": 2,
        "items": 7,
        "percent": 29,
        "required": False,
        "without_detail_page": 0,
        "unusable": 0,
        "gave_a_status": 1,
        "no_deadline": 3,
        "closing_date_only": 0,
        "to_be_confirmed": 1,
    }
    assert summary["fill_rate"]["opens"]["gave_a_status"] == 4
    assert summary["fill_rate"]["title"]["required"] is True
