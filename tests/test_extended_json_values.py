"""MongoDB Extended JSON's wrapped values ({"$date": …}, {"$numberInt": …}) are the values they
stand for wherever an api field points at one (spiders/typed_values.py). Round 36's Wix site keeps
its records in a warmup script whose "Date and Time" fields are {"$date": "…Z"}: `closes:
closingDate` read no date at all, and every deadline was lost without a word."""

from __future__ import annotations

from datetime import UTC, datetime

from spiders.api_values import field_values
from spiders.typed_values import plain_value
from tests.unseen_sites import read_offline


def test_each_wrapper_is_its_value():
    assert plain_value({"$date": "2027-01-29T17:00:00.000Z"}) == "2027-01-29T17:00:00.000Z"
    assert plain_value({"$date": {"$numberLong": "1801242000000"}}) == 1801242000000
    assert plain_value({"$numberInt": "2000"}) == 2000
    assert plain_value({"$numberDouble": "2.5"}) == 2.5
    assert plain_value({"$numberDecimal": "2500.00"}) == 2500.0
    assert plain_value({"$oid": "5f1c2d9a33b14e0a9a417c8e"}) == "5f1c2d9a33b14e0a9a417c8e"
    # Not a wrapper: a key beside it, or a wrapper of nothing usable.
    assert plain_value({"$date": "x", "y": 1}) == {"$date": "x", "y": 1}
    assert plain_value({"$date": {"a": 1}}) is None


def test_a_date_field_pointed_at_a_wrapped_date_reads_the_date():
    assert field_values("closes", {"$date": "2027-01-29T17:00:00.000Z"}) == {
        "closes": "2027-01-29T17:00:00.000Z"
    }
    # Canonical form: epoch milliseconds, UTC.
    assert field_values("closes", {"$date": {"$numberLong": "1801242000000"}}) == {
        "closes": "2027-01-29T17:00:00+00:00"
    }


def test_a_range_of_wrapped_numbers_is_a_range():
    got = field_values("amount", {"min": {"$numberInt": "500"}, "max": {"$numberLong": "2500"}})
    assert (got["amount_min"], got["amount_max"]) == (500, 2500)


def test_the_wix_sites_deadlines_are_read():
    calls, problems = read_offline("wix_warmup_repeater")
    assert problems == []
    closes = {call.title: call.closes_at for call in calls}
    assert closes["Community Kitchens Fund"] == datetime(2027, 1, 29, 17, 0, tzinfo=UTC)
    assert closes["Surplus Food Vans"] == datetime(2026, 9, 4, 16, 0, tzinfo=UTC)
    assert closes["Holiday Food Top-up"] is None  # no closingDate in its record: rolling
