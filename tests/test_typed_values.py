"""Firestore's typed values ({"stringValue": …}, {"integerValue": "250"}, …) are the values they
stand for wherever an api field points at one (spiders/typed_values.py). Round 23's Firestore
site read right with each field pointed inside its type (`fields.title.stringValue`); pointed at
the typed object itself (`fields.title`), every call had no title, link, date, sum or status."""

from __future__ import annotations

from spiders.api_values import field_values
from spiders.typed_values import plain_value
from tests.unseen_sites import expected, read_offline


def test_each_type_is_its_value():
    assert plain_value({"stringValue": "Fund"}) == "Fund"
    assert plain_value({"integerValue": "250"}) == 250
    assert plain_value({"doubleValue": 2.5}) == 2.5
    assert plain_value({"booleanValue": False}) is False
    assert plain_value({"nullValue": None}) is None
    assert plain_value({"timestampValue": "2027-01-22T17:00:00Z"}) == "2027-01-22T17:00:00Z"
    listed = {"arrayValue": {"values": [{"stringValue": "Schools"}, {"stringValue": "Councils"}]}}
    assert plain_value(listed) == ["Schools", "Councils"]
    assert plain_value({"arrayValue": {}}) == []
    mapped = {
        "mapValue": {"fields": {"name": {"stringValue": "Trust"}, "n": {"integerValue": "1"}}}
    }
    assert plain_value(mapped) == {"name": "Trust", "n": 1}


def test_other_objects_are_left_alone():
    for raw in ({"value": "x"}, {"stringValue": "x", "other": 1}, {"min": 1}, "x", 5):
        assert plain_value(raw) == raw


def test_fields_pointed_at_typed_objects_read_as_their_values():
    assert field_values("title", {"stringValue": "Fund"}) == {"title": "Fund"}
    assert field_values("status", {"booleanValue": True}) == {"status": "Open"}
    pair = [{"nullValue": None}, {"integerValue": "3000"}]
    amount = field_values("amount", pair)
    assert (amount["amount_min"], amount["amount_max"]) == (None, 3000)


def test_the_firestore_site_read_with_fields_pointed_at_the_typed_objects():
    fields = {
        "title": "fields.title",
        "url": "fields.url",
        "ref": "name",
        "funder": "fields.funder",
        "opens": "fields.opens",
        "closes": "fields.closes",
        "amount": "[fields.minAward, fields.maxAward]",
        "status": "fields.open",
        "eligibility": "fields.eligibility",
    }
    calls, problems = read_offline("firestore_typed_values", {"fields": fields})
    assert problems == []
    got = [
        (c.title, c.url, c.funder, c.closes_at and c.closes_at.isoformat(), c.amount_max, c.status)
        for c in calls
    ]
    want = [
        (i["title"], i["url"], i["funder"], i["closes_at"], i["amount_max"], i["status"])
        for i in expected("firestore_typed_values")["items"]
    ]
    assert got == want
