"""The first round in the repository: one cut short is resumed as the same round, never as baselines.

Repro: a first round killed after one source had finished left the others to join "a repository
other sources already fill", so their first crawls were baselines and their calls never alerted.
"""

from __future__ import annotations

from datetime import timedelta

from storage.first_round import end_first_round, first_round_owed, open_first_round
from storage.runs import finish_run, start_run
from tests.notify_helpers import NOW

COUNTS = {"pages": 1, "items": 1, "new": 1, "changed": 0, "not_modified": 0}
SOURCES = ["grants", "news", "energy"]


def crawled(db, source_id: str, batch: str, at, *, fail: bool = False) -> bool:
    """One run of the source, ok or failed on its own account; whether it was a baseline."""
    run = start_run(db, source_id, batch, at)
    problems = ["network error: connection refused"] if fail else []
    finish_run(db, run.id, at, problems=problems, complete=not fail, counts=COUNTS)
    return run.baseline


def killed_part_way(db) -> None:
    """The first round's crawl process died after `grants`, while `news` ran, before `energy`."""
    open_first_round(db, "b1", NOW)
    assert not crawled(db, "grants", "b1", NOW)
    start_run(db, "news", "b1", NOW)  # left `running`: its process was SIGKILLed


def end(db, crawled_ids, *, ran_to_end=True, enabled=SOURCES, at=NOW) -> bool:
    return end_first_round(db, enabled=enabled, crawled=crawled_ids, ran_to_end=ran_to_end, now=at)


def test_a_first_round_killed_part_way_is_resumed_and_a_source_added_after_it_is_a_baseline(db):
    killed_part_way(db)
    assert first_round_owed(db, SOURCES) == ["news", "energy"]
    later = NOW + timedelta(hours=1)
    open_first_round(db, "b2", later)  # the resumed crawl: the round is already open
    assert not crawled(db, "news", "b2", later)  # its killed run is closed as interrupted here
    assert not crawled(db, "energy", "b2", later)
    assert end(db, ["news", "energy"], at=later)
    assert first_round_owed(db, [*SOURCES, "added"]) == []
    assert crawled(db, "added", "b3", later + timedelta(days=1)), "added after the round: baseline"
    assert not end(db, ["added"]), "the round ends once"


def test_a_crawl_cut_short_or_naming_too_few_leaves_the_round_open(db):
    killed_part_way(db)
    assert not end(db, ["grants", "news", "energy"], ran_to_end=False)
    assert not end(db, ["grants", "news"]), "energy has not been crawled yet"
    later = NOW + timedelta(hours=1)
    assert not crawled(db, "news", "b2", later)
    assert not crawled(db, "energy", "b3", later)  # one source at a time: still the first round
    assert end(db, ["energy"], at=later), "it owes nothing more"


def test_a_round_killed_after_its_last_crawl_ends_when_it_is_found_to_owe_nothing(db):
    open_first_round(db, "b1", NOW)
    for source_id in SOURCES:
        crawled(db, source_id, "b1", NOW)
    # the launcher died before closing the round: the service's start closes it
    assert end(db, [], ran_to_end=True)
    assert first_round_owed(db, SOURCES) == []


def test_a_source_that_failed_on_its_own_in_a_round_that_ran_to_its_end_is_later_a_baseline(db):
    # The round read every source it could; waiting on a broken source would hold it open for ever.
    open_first_round(db, "b1", NOW)
    crawled(db, "grants", "b1", NOW)
    crawled(db, "news", "b1", NOW, fail=True)
    crawled(db, "energy", "b1", NOW)
    assert end(db, SOURCES)
    assert crawled(db, "news", "b2", NOW + timedelta(hours=6))


def test_a_source_disabled_until_the_round_ended_is_a_baseline_when_enabled(db):
    killed_part_way(db)
    enabled = ["grants", "news"]  # a curator switched `energy` off while the service was down
    assert first_round_owed(db, enabled) == ["news"]
    later = NOW + timedelta(hours=1)
    crawled(db, "news", "b2", later)
    assert end(db, ["news"], enabled=enabled, at=later)
    assert crawled(db, "energy", "b3", later + timedelta(days=2)), "switched on after: baseline"


def test_a_repository_filled_before_the_first_round_record_keeps_its_baselines(db):
    crawled(db, "grants", "old", NOW)  # runs from before the record existed, and no row
    open_first_round(db, "b1", NOW + timedelta(days=1))
    assert first_round_owed(db, SOURCES) == []
    assert crawled(db, "news", "b1", NOW + timedelta(days=1))
    assert not end(db, SOURCES)
