"""A page of sightings stored as one unit, or, when the repository refuses that unit, one by one:
only the sighting that cannot be stored is lost, and the reason is kept to name it. A crawl
(spiders/pipelines.py) and an ingest (notifier/ingest/store.py) store their pages through this."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from storage.errors import RepositoryError, describe, takes_no_writes
from storage.opportunities import Outcome
from storage.record import record_sighting, record_sightings
from storage.sighting import Sighting


@dataclass
class Tally:
    """What a run stored, as its row keeps it: a crawl and an ingest count the same way."""

    counts: Counter[str] = field(default_factory=Counter)
    fill: Counter[str] = field(default_factory=Counter)  # stored items that had each field

    def add(self, sighting: Sighting, outcome: Outcome, *, again: bool = False) -> None:
        """`again`: a later reading of a call already counted (an api's record changed while it
        was read, spiders/restated.py): its outcome counts, not as one more item."""
        self.counts[outcome.kind] += 1
        if again:
            return
        self.counts["items"] += 1
        self.fill.update(sighting.filled())

    def run_counts(self, *, pages: int, not_modified: int) -> dict[str, Any]:
        """The counts for finish_run()."""
        return {
            "pages": pages,
            "not_modified": not_modified,
            "items": self.counts["items"],
            "new": self.counts["new"],
            "changed": self.counts["changed"],
            "fill": json.dumps(dict(sorted(self.fill.items()))),
        }


@dataclass(frozen=True)
class Refused:
    """The repository would not store this sighting, and why, in words for the run's problems."""

    reason: str
    # The repository takes no more writes (storage/errors.py takes_no_writes): the sightings
    # after it were not tried, and the crawl stops storing (spiders/pipelines.py).
    lasting: bool = False


def record_page(
    db: Database,
    db_path: Path,
    sightings: Sequence[Sighting],
    *,
    run_id: int | None,
    clock: Callable[[], datetime],
    baseline: bool = False,
) -> list[Outcome | Refused]:
    """An outcome, or a refusal, per sighting, in order."""
    if not sightings:
        return []
    try:
        return list(record_sightings(db, sightings, run_id=run_id, now=clock(), baseline=baseline))
    except (sqlite3.Error, RepositoryError):
        outcomes: list[Outcome | Refused] = []
        for sighting in sightings:
            last = outcomes[-1] if outcomes else None
            if isinstance(last, Refused) and last.lasting:  # a full disk: each would say it again
                outcomes.append(last)
            else:
                outcomes.append(_alone(db, db_path, sighting, run_id, clock, baseline))
        return outcomes


def _alone(db, db_path, sighting, run_id, clock, baseline) -> Outcome | Refused:
    try:
        return record_sighting(db, sighting, run_id=run_id, now=clock(), baseline=baseline)
    except (sqlite3.Error, RepositoryError) as error:
        if isinstance(error, sqlite3.Error):
            return Refused(describe(error, db_path), lasting=takes_no_writes(error))
        return Refused(str(error))
