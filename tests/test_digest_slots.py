"""Digest slots: parsing "mon-fri 08:00"-style specs, their errors, cron fields for the scheduler,
and the latest and next slot in London time across weekends and clock changes."""

from __future__ import annotations

import pytest

from config.schedule import parse_slot_spec
from tests.crawl_helpers import fundwatch, write_config
from tests.digest_helpers import FRI_0800, MON_0800, utc


@pytest.mark.parametrize(
    ("spec", "days", "hour", "minute"),
    [
        ("mon-fri 08:00", {0, 1, 2, 3, 4}, 8, 0),
        ("mon 08:00", {0}, 8, 0),
        ("Mon,Wed,Fri 17:30", {0, 2, 4}, 17, 30),
        ("sat-sun 9:05", {5, 6}, 9, 5),
        ("fri-mon 07:00", {4, 5, 6, 0}, 7, 0),
        ("monday-friday 08:00", {0, 1, 2, 3, 4}, 8, 0),
        ("daily 06:45", set(range(7)), 6, 45),
        ("23:59", set(range(7)), 23, 59),
    ],
)
def test_parse_slot_spec(spec, days, hour, minute):
    parsed = parse_slot_spec(spec)
    assert (set(parsed.days), parsed.hour, parsed.minute) == (days, hour, minute)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("", "expected days and a time"),
        ("mon fri 08:00", "expected days and a time"),
        ("mon-fri 8am", "time '8am' must be HH:MM"),
        ("mon-fri 24:00", "must be HH:MM"),
        ("mon-fri 08:60", "must be HH:MM"),
        ("mun-fri 08:00", "unknown day 'mun'"),
        ("mon,,fri 08:00", "empty day"),
    ],
)
def test_parse_slot_spec_errors_say_what_is_wrong(spec, message):
    with pytest.raises(ValueError, match=message):
        parse_slot_spec(spec)


def test_cron_fields_for_the_scheduler():
    assert parse_slot_spec("mon-fri 08:00").cron_fields() == {
        "day_of_week": "mon,tue,wed,thu,fri",
        "hour": 8,
        "minute": 0,
    }


@pytest.mark.parametrize(
    ("now", "latest"),
    [
        (utc(2026, 11, 21, 10, 0), FRI_0800),  # Saturday: Friday's slot
        (utc(2026, 11, 22, 23, 59), FRI_0800),  # Sunday night
        (utc(2026, 11, 23, 7, 59), FRI_0800),  # Monday before 08:00
        (MON_0800, MON_0800),  # exactly on the slot
        (utc(2026, 11, 24, 7, 0), MON_0800),
        # Clocks went back on Sun 25 Oct 2026: Friday's 08:00 was BST (07:00 UTC), Monday's is GMT.
        (utc(2026, 10, 26, 7, 59), utc(2026, 10, 23, 7, 0)),
        (utc(2026, 10, 26, 8, 0), utc(2026, 10, 26, 8, 0)),
        # Summer: 08:00 London is 07:00 UTC.
        (utc(2026, 7, 6, 7, 30), utc(2026, 7, 6, 7, 0)),
        (utc(2026, 1, 5, 7, 30), utc(2026, 1, 2, 8, 0)),
    ],
)
def test_latest_weekday_slot(now, latest):
    assert parse_slot_spec("mon-fri 08:00").latest(now) == latest


def test_next_slot_skips_the_weekend():
    assert parse_slot_spec("mon-fri 08:00").next_after(FRI_0800) == MON_0800


def test_an_unknown_day_says_every_form_a_schedule_takes(tmp_path):
    # Before: "use mon, tue, wed, thu, fri, sat, sun", though the default itself is "mon-fri 08:00"
    # and "daily 07:30": an officer who wrote "weekdays 08:00" was not told of ranges or daily.
    config = write_config(
        tmp_path / "config", [], settings={"schedule": {"daily_digest": "weekdays 08:00"}}
    )
    done = fundwatch("sources", "check", config=config, db=tmp_path / "fundwatch.db")
    assert done.returncode == 2, done.stdout
    assert done.stderr.strip().endswith(
        "field 'schedule.daily_digest': unknown day 'weekdays' in schedule 'weekdays 08:00': use "
        "mon, tue, wed, thu, fri, sat, sun, a range such as mon-fri, a list such as mon,wed,fri, "
        "or daily"
    ), done.stderr
