"""A fund shown in several tabs by applicant ("Community groups", "Town and parish councils"), each
copy linking the same page and saying who can apply in its own tab's words: the copies were one
call, rightly, but only the first copy's words were kept, so a fund the councils' tab offers was
stored as one no council may apply to (round 34's audience_tabs_repeat: council verdict `no` for
two funds open to town and parish councils)."""

from __future__ import annotations

from spiders.eligibility import council_eligibility
from spiders.items import OpportunitySighting
from spiders.listed_twice import once_each

PAGE = "https://www.ravensworthcf.org.uk/funding/"


def card(url, who):
    return OpportunitySighting(source_id="cf", title="Warm Hubs Fund", url=url, eligibility=who)


def test_each_tabs_applicants_are_kept_with_the_one_call():
    groups = card("/funding/warm-hubs/", "Constituted community groups and charities.")
    councils = card("/funding/warm-hubs/?audience=councils", "Town and parish councils")
    schools = card("/funding/warm-hubs/", "Primary schools.")
    assert once_each([groups, councils, schools], PAGE, {}) == [groups]
    assert groups.eligibility == (
        "Constituted community groups and charities. Town and parish councils. Primary schools."
    )
    assert council_eligibility(groups.eligibility)[0] == "yes"


def test_a_copy_saying_no_more_adds_nothing():
    full = card("/funding/warm-hubs/", "Town and parish councils and charities can apply.")
    short = card("/funding/warm-hubs/?ref=featured", "town and parish councils")
    longer = card(
        "/funding/warm-hubs/", "Town and parish councils and charities can apply. Not schools."
    )
    once_each([short, full], PAGE, {})
    assert full.eligibility == "Town and parish councils and charities can apply."
    once_each([full, longer], PAGE, {})
    assert full.eligibility == longer.eligibility
