"""A value of £0 is one left unset, not an offer of nothing (tests/sites/README.md, Round 39):
Contracts Finder shows a notice whose buyer gave no value as {"amount": 0}. The text rules already
read "£0" so (spiders/normalise/money.py); an api's number did not, and a notice was stored as
worth £0 to £0, its description's own award never read."""

from __future__ import annotations

from spiders.api_values import field_values


def test_an_ocds_value_of_zero_is_no_amount():
    values = field_values("amount", [None, {"amount": 0, "currency": "GBP"}])
    assert (values.get("amount"), values.get("amount_min"), values.get("amount_max")) == (
        None,
        None,
        None,
    )
    assert field_values("amount", 0).get("amount_max") is None


def test_a_range_from_zero_is_still_a_range():
    values = field_values("amount", [{"amount": 0}, {"amount": 5000}])
    assert (values["amount_min"], values["amount_max"]) == (0, 5000)
