"""A new opportunity's fields from its one sighting (storage/opportunities.derive_one, on the store's
hot path) are what deriving from a list of one listing gives, whatever the sighting holds."""

from __future__ import annotations

import pytest

from storage.opportunities import _derive, derive_one
from tests.test_storage import sighting

VARIANTS = [
    {},
    {"summary": "", "funder": None, "eligibility": "", "amount_text": ""},
    {"council_eligible": "unclear", "eligibility_phrase": None, "tags": ["b", "a", "b"]},
    {"council_eligible": "partner", "tags": []},
    {"kind": "tender", "buyer": "Leeds City Council", "buyer_council": True, "contact": "x@y.uk"},
    {"kind": "funding", "buyer": "", "contact": None},
    {"title": "Innovate UK Smart Grants: round 3 2027 to 2028", "funder": "Innovate UK"},
    {"title": "LUF round 4", "opens_at": None, "closes_at": None, "status": None},
]


@pytest.mark.parametrize("fields", VARIANTS)
def test_a_new_calls_fields_are_those_derived_from_a_list_of_its_one_sighting(fields):
    record = sighting("find_a_grant", "https://fag.example/1", **fields).stored()
    assert derive_one(record) == _derive([record], [record["source_id"]])
    assert list(derive_one(record)) == list(_derive([record], [record["source_id"]]))
