"""An api's money in pence: portals that keep sums as whole pence say so in the key
("min_pence", "amountInPence"). Read as pounds, a JSON:API portal's grants of 500000 to 2500000
pence (an unseen fifth-round site) stored nothing, and a number read as pounds is 100 times
the award."""

from __future__ import annotations

import pytest

from spiders.api_values import field_values, money


def test_a_range_whose_ends_say_pence_is_in_pounds():
    assert money({"min_pence": 500000, "max_pence": 2500000, "currency": "GBP"}) == (
        "£5,000 - £25,000",
        5000.0,
        25000.0,
    )
    assert money({"minPence": None, "maxPence": 1000000}) == ("Up to £10,000", None, 10000.0)


def test_an_amount_in_pence_is_in_pounds_for_the_award_and_the_pot():
    assert money({"amountInPence": 123456}) == ("£1,234.56", 1234.56, 1234.56)
    assert money([{"amount_pence": 100000}, {"amount_pence": 200000}])[1:] == (1000.0, 2000.0)
    assert field_values("fund_total", {"amount_pence": 40000000, "currency": "GBP"}) == {
        "fund_total": 400000.0
    }


@pytest.mark.parametrize(
    ("raw", "read"),
    [
        ({"min": 5000}, ("From £5,000", 5000.0, None)),
        ({"amount": 5, "currency": "GBP"}, ("£5", 5.0, 5.0)),
        ({"expense": 5}, (None, None, None)),  # no word "pence" in it
    ],
)
def test_a_key_that_does_not_say_pence_is_read_as_before(raw, read):
    assert money(raw) == read
