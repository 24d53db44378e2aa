"""An OCDS value that gives only its figure with VAT (tests/sites/README.md, Round 39): Find a
Tender's value object carries `amount` (net) and `amountGross`; a notice giving only
`amountGross` was read as no amount at all, silently."""

from __future__ import annotations

from spiders.api_values import field_values


def test_a_value_with_only_its_gross_figure_is_that_figure():
    values = field_values("amount", {"amountGross": 600000, "currency": "GBP"})
    assert (values["amount_min"], values["amount_max"]) == (600000, 600000)


def test_the_net_amount_wins_over_the_gross():
    values = field_values("amount", {"amountGross": 2880000, "amount": 2400000, "currency": "GBP"})
    assert (values["amount_min"], values["amount_max"]) == (2400000, 2400000)
    net = field_values("amount", {"amountGross": 1200, "amountNet": 1000, "currency": "GBP"})
    assert net["amount_max"] == 1000
