"""Find a Grant's JSON as the site holds a grant a funder left unfinished (tests/sites/README.md,
Round 39, find_a_grant_drift): a close at 00:00 GMT, which the site shows as "11:59pm (Midnight)"
the day before, was stored as 23:59 on the day itself, a day late; and the £0 Contentful holds for
an award and pot left unset was stored as a grant of £0 to £0 from a £0 scheme."""

from __future__ import annotations

import json

from scrapy.http import HtmlResponse

from config.loader import load_sources
from spiders.custom.find_a_grant import FindAGrantSpider
from spiders.normalise.sighting import normalise, unset_zeros
from spiders.sources import SNAPSHOT_NOW
from tests.crawl_helpers import ROOT

GRANT = {
    "grantName": "Pride in Place: town centre activation grants",
    "label": "pride-in-place-town-centre-activation-grants",
    "grantFunder": "Ministry of Housing, Communities and Local Government",
    "grantApplicantType": ["Local authority"],
    "grantMinimumAward": 0,
    "grantMinimumAwardDisplay": "£0",
    "grantMaximumAward": 0,
    "grantMaximumAwardDisplay": "£0",
    "grantTotalAwardAmount": 0,
    "grantTotalAwardDisplay": "£0",
    "grantApplicationOpenDate": "2026-11-02T00:00:00+00:00",
    "grantApplicationCloseDate": "2027-01-15T00:00:00+00:00",
}


def stored(grant: dict):
    source = next(s for s in load_sources(ROOT / "config") if s.id == "find_a_grant")
    data = {"props": {"pageProps": {"searchResult": [grant], "totalGrants": 1}}}
    body = f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(data)}</script>'
    page = HtmlResponse(
        url="https://www.find-government-grants.service.gov.uk/grants", body=body.encode()
    )
    (item,) = FindAGrantSpider(source).parse(page)
    return normalise(item, source, SNAPSHOT_NOW)


def test_a_close_at_midnight_is_the_last_minute_of_the_day_before_as_the_site_shows():
    sighting = stored(GRANT)
    assert sighting.closes_at.isoformat() == "2027-01-14T23:59:00+00:00"
    # An opening at midnight is that day's first minute, as before; other closes are as given.
    assert sighting.opens_at.isoformat() == "2026-11-02T00:00:00+00:00"
    later = stored({**GRANT, "grantApplicationCloseDate": "2027-01-15T12:00:00.000Z"})
    assert later.closes_at.isoformat() == "2027-01-15T12:00:00+00:00"


def test_zero_awards_and_pot_are_no_amount():
    sighting = stored(GRANT)
    assert (sighting.amount_min, sighting.amount_max, sighting.fund_total) == (None, None, None)


def test_a_range_from_zero_is_kept():
    assert unset_zeros(0, 5000, None) == (0, 5000, None)
    assert unset_zeros(None, 0, 0) == (None, None, None)
