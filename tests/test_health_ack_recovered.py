"""`sources ack` reads a source failing, then writes its acknowledgement: a crawl (the service's)
that recovers the source in between must not be acknowledged over.

Repro: acknowledge() stamped acked_at on whatever state the row held by then, and the command said
"salix: acknowledged; curators get no more reminders until it recovers (failing since <the
moment it recovered>: None)" of a source that was healthy. The write now judges the state itself:
not failing, nothing is stamped, and the command says the source recovered.
"""

from __future__ import annotations

from datetime import timedelta

from notifier.health.watch import watch_sources
from storage.health import acknowledge, health_states
from tests.notify_helpers import NOW
from tests.test_health import crawl, source


def test_a_source_that_recovered_before_the_acknowledgement_is_not_acknowledged(db):
    salix = source()
    crawl(db, salix, NOW - timedelta(hours=6))
    crawl(db, salix, NOW, problems=["HTTP 500 on https://salix.example/feed"])
    assert watch_sources(db, [salix], NOW, ("log",)).failing == ["salix"]  # what ack read

    later = NOW + timedelta(hours=1)
    crawl(db, salix, later)  # the service's crawl, between ack's read and its write
    assert watch_sources(db, [salix], later, ("log",)).recovered == ["salix"]

    assert acknowledge(db, "salix", later) is None  # before: the ok row, stamped
    assert health_states(db)["salix"]["acked_at"] is None


def test_a_failing_source_is_acknowledged(db):
    salix = source()
    crawl(db, salix, NOW, problems=["timed out"])
    watch_sources(db, [salix], NOW, ("log",))
    held = acknowledge(db, "salix", NOW)
    assert held["state"] == "failing" and held["acked_at"] == health_states(db)["salix"]["acked_at"]
