"""A call named only on its own page (a sitemap's: its title read there) whose page fails this
crawl: its title is unread, not missing. Before, it was dropped as "missing title", a second
problem naming the one failed page, and the call went unseen in that run; now a call stored
before is stored with its title as it was (seen, unchanged), and one never stored is not stored
(its page's failure says why). The crawls are tests/test_unseen_round38_e2e.py's."""

from __future__ import annotations

from datetime import timedelta

import pytest

from spiders.unread_fields import stored_unread
from storage.record import listing_stored, record_sighting
from storage.sighting import Sighting
from tests.notify_helpers import NOW

URL = "https://www.cotswoldedgecf.org.uk/funding/grants/village-halls-net-zero-fund/"
UNREAD = stored_unread(["title", "closes", "amount"])


def call(**fields) -> Sighting:
    base = {"source_id": "cecf", "url": URL, "ref": URL}
    return Sighting(**{**base, **fields})


def test_only_unread_required_fields_are_held():
    assert call(unread=UNREAD).held_unread()
    assert not call(title="Halls", unread=UNREAD).held_unread()  # nothing missing
    assert not call().held_unread()  # missing, and not for a failed page


def test_a_stored_call_whose_page_failed_is_kept_as_stored(db):
    first = record_sighting(db, call(title="Village Halls Net Zero Fund", amount_max=15000.0),
                            run_id=None, now=NOW)  # fmt: skip
    held = record_sighting(db, call(unread=UNREAD), run_id=None, now=NOW + timedelta(hours=6))
    # Before: ValueError("a sighting without title cannot be stored").
    assert (held.opportunity_id, held.kind) == (first.opportunity_id, "unchanged")
    (row,) = db["opportunities"].rows
    assert (row["title"], row["amount_max"]) == ("Village Halls Net Zero Fund", 15000.0)


def test_a_call_never_stored_is_not_stored_with_no_title(db):
    assert not listing_stored(db, "nothing-of-that-id")
    with pytest.raises(ValueError, match="never stored before"):
        record_sighting(db, call(unread=UNREAD), run_id=None, now=NOW)
    assert db["opportunities"].count == 0
