"""An A to Z's cross-reference ("Footpath grants – see Parish Paths Grants", linking the grant's
page, no facts): stored as a call of its own, and the grant itself moved to a "#section" of its
page (round 34's a_to_z_see_entries: 9 calls stored for 5, four of them at fragment addresses)."""

from __future__ import annotations

from spiders.cross_references import without_cross_references
from spiders.items import OpportunitySighting
from spiders.same_page import tell_apart

PAGE = "https://www.ashbyvale.gov.uk/community/grants-a-to-z"


def entry(title, url, **facts):
    return OpportunitySighting(source_id="az", title=title, url=url, **facts)


def test_an_entry_pointing_at_a_call_is_that_call():
    alias = entry("Footpath grants", "/grants/paths", summary="– see Parish Paths Grants")
    grant = entry("Parish Paths Grants", "/grants/paths", closes="26 February 2027")
    other = entry("Play Area Fund", "/grants/play", amount="£10,000 to £40,000")
    kept = without_cross_references([alias, grant, other], PAGE)
    assert kept == [grant, other]
    tell_apart(kept, PAGE)
    assert grant.ref is None  # stored at its own page, not "…/grants/paths#parish-paths-grants"


def test_calls_sharing_a_link_that_all_say_something_or_nothing_stay():
    rounds = [
        entry("Village Green Fund 2025", "/grants/green", closes="31 October 2025"),
        entry("Village Green Fund 2026", "/grants/green", closes="29 January 2027"),
    ]
    names = [entry("Arts Fund", "/portal"), entry("Heritage Fund", "/portal")]
    assert without_cross_references(rounds, PAGE) == rounds
    assert without_cross_references(names, PAGE) == names
