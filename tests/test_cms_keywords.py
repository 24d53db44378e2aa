"""A template keyword a CMS printed as written, its field being empty (Squiz Matrix's
`%asset_metadata_…%`, MODX's `[[+tv.…]]`), is no word of the page."""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse

from config.models import LabelSelector
from spiders.cms_keywords import without_keywords
from spiders.item_fields import read_fields
from spiders.unread import drop_unread


@pytest.mark.parametrize(
    "text, left",
    [
        ("%asset_metadata_funding_amount%", ""),
        ("%asset_metadata_closing_date^as_date:l j F Y g:ia%", ""),
        (
            "Updated %globals_asset_updated_readabledate% by the Civic Office",
            "Updated  by the Civic Office",
        ),
        ("[[+tv.grant_amount]]", ""),
        ("[[*closing_date:date=`%d %B %Y`]]", ""),
        # Percentages and ordinary brackets are words.
        ("Up to 50% of costs, or 100% for councils", "Up to 50% of costs, or 100% for councils"),
        ("Grants [[capital]] only", "Grants [[capital]] only"),
    ],
)
def test_only_the_keyword_goes(text, left):
    assert without_keywords(text) == left


def test_an_unfilled_field_reads_as_not_found():
    page = b"""<table class="facts"><tr><th>Funding available</th>
    <td>%asset_metadata_funding_amount%</td></tr><tr><th>Closing date</th>
    <td>%asset_metadata_closing_date^as_date:l j F Y g:ia%</td></tr>
    <tr><th>Status</th><td>Opening spring 2027</td></tr></table>"""
    response = HtmlResponse(url="https://www.example.ac.uk/funding", body=page, encoding="utf-8")
    drop_unread(response)
    read = read_fields(
        response.selector,
        {
            "amount": LabelSelector(label="Funding available"),
            "closes": LabelSelector(label="Closing date"),
            "status": LabelSelector(label="Status"),
        },
    )
    # Before: "Funding available: %asset_metadata_funding_amount%" was read as the amount.
    assert read.get("amount") is None and read.get("closes") is None
    assert read["status"] == "Opening spring 2027"
