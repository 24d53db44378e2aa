"""One feed export → one run of its source, stored as a crawl stores: normalise → validate → tag →
record a page of sightings in one unit (spiders/pipelines.py does the same inside a crawl).

Idempotent: a file whose contents were ingested before is skipped (its run's batch names them), and
even ingested again (`--again`) an unchanged sighting writes nothing. A file says only what a node
saw; the crawl's outcome beside it (spiders/scrapyd/outcome.py) says how the crawl went: with it,
the run fails with the node's problems, and a complete, clean crawl removes the calls it no longer
lists, as `fundwatch crawl` does. Without one, nothing is taken as gone.

A file whose source lock is held is finished whatever comes (its run lands whole); a stop while it
waits for that lock leaves it unloaded (`stopping`, notifier/stopping.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from config.clock import now, parse_iso
from config.models import Source
from notifier.ingest.files import file_batch, not_ready
from notifier.ingest.lines import FeedLine, first_source, read_lines
from notifier.ingest.node_outcome import node_outcome
from spiders.field_matches import FieldMatches
from spiders.normalise.sighting import normalise
from spiders.pipelines import PAGE_LIMIT
from spiders.tagging import tag_sighting
from storage.db import open_db
from storage.locks import source_lock
from storage.opportunities import listing_id
from storage.record_page import Refused, Tally, record_page
from storage.runs import INTERRUPTED, Run, batch_runs, finish_run, newest_export, start_run
from storage.sighting import Sighting


@dataclass
class Ingested:
    """What became of one file: a finished run, or why it was left alone."""

    path: Path
    source_id: str | None = None
    run: dict[str, Any] | None = None
    skipped: str | None = None  # left alone, rightly (already ingested, still being written)
    problems: list[str] = field(default_factory=list)  # each "PATH:LINE: what is wrong"
    unstored: bool = False  # the repository refused a sighting: worth ingesting again once fixed
    stopped: bool = False  # a stop came while it waited for its source's lock: not loaded

    @property
    def failed(self) -> bool:
        if self.run:
            return self.run["outcome"] != "ok"
        return self.skipped is None and not self.stopped


def _sightings(
    path: Path, lines: list[FeedLine], source: Source, rules: Any, moment: datetime
) -> tuple[list[tuple[int, Sighting]], list[str]]:
    """Normalised, validated, tagged sightings of the file's source, and a problem per bad line."""
    good, problems = [], []
    for line in lines:
        raw = line.sighting
        if raw is None:
            problems.append(f"{path}:{line.number}: {line.problem}")
            continue
        if raw.source_id != source.id:
            problems.append(
                f"{path}:{line.number}: from source {raw.source_id!r}, in a file of "
                f"{source.id!r} (one file, one source)"
            )
            continue
        try:
            sighting = normalise(raw, source, moment)
        except (ValueError, TypeError) as error:
            problems.append(f"{path}:{line.number}: could not normalise it: {error}")
            continue
        missing = sighting.missing()
        if missing:
            what = sighting.title or sighting.ref or "an item"
            problems.append(f"{path}:{line.number}: {what!r} is missing {', '.join(missing)}")
            continue
        good.append((line.number, tag_sighting(sighting, rules)))
    # A configured field no call in the file gave fails the run, as a crawl's does (a node
    # stores raw sightings: its crawl has no pipeline to judge them).
    matches = FieldMatches()
    for line in lines:
        if line.sighting is not None and line.sighting.source_id == source.id:
            matches.add(source, line.sighting)
    return good, problems + [f"{path}: {line}" for line in matches.problems(source)]


def _pages(sightings: list[tuple[int, Sighting]]) -> list[list[tuple[int, Sighting]]]:
    """Consecutive sightings read from one page, PAGE_LIMIT at most: one unit each, as in a crawl;
    a call listed twice in the file (on two pages) once."""
    pages: list[list[tuple[int, Sighting]]] = []
    seen: set[str] = set()
    for number, sighting in sightings:
        if sighting.identity in seen:
            continue
        seen.add(sighting.identity)
        last = pages[-1] if pages else None
        if last and last[-1][1].page_url == sighting.page_url and len(last) < PAGE_LIMIT:
            last.append((number, sighting))
        else:
            pages.append([(number, sighting)])
    return pages


def _store(db, db_path: Path, path: Path, run: Run, sightings, tally: Tally, seen: set[str]):
    """Store page by page; a page that cannot be stored is stored one by one, so only the sighting
    that cannot be stored is lost, and named. Returns the problems; `seen` gets the listings
    stored (what a complete crawl's removals are judged against)."""
    problems = []
    for page in _pages(sightings):
        items = [sighting for _, sighting in page]
        outcomes = record_page(db, db_path, items, run_id=run.id, clock=now, baseline=run.baseline)
        for (number, item), outcome in zip(page, outcomes, strict=True):
            if isinstance(outcome, Refused):
                problems.append(
                    f"{path}:{number}: could not store {item.title!r}: {outcome.reason}"
                )
                continue
            seen.add(listing_id(item.source_id, item.identity))
            tally.add(item, outcome)
    return problems


def _outdated(db, source_id: str, exported: datetime) -> str | None:
    """Why a file older than one of its source already ingested is left alone: its view of the
    calls is out of date, and stored now it would undo the newer file's changes (a closing date
    moved back, announced as a change; calls the newer crawl found, removed). Files are ingested
    oldest first, but not across two ingests at once, nor when an old file's outcome arrives
    after a newer file was ingested (it is judged again)."""
    newer = newest_export(db, source_id)
    if newer is None or parse_iso(newer["exported_at"]) <= exported:
        return None
    return (
        f"older than a file of {source_id} already ingested (run {newer['id']}, written "
        f"{newer['exported_at']}): skipped, its view of the calls out of date"
    )


def ingest_file(
    path: Path,
    *,
    db_path: Path,
    sources: dict[str, Source],
    rules: Any,
    again: bool = False,
    on_wait: Callable[[str], None] | None = None,
    stopping: Callable[[], bool] | None = None,
) -> Ingested:
    """Ingest one file as one run of its source, under that source's crawl lock (unless
    `stopping` says so while it waits for it)."""
    result = Ingested(path)
    try:
        # When the node wrote it, to the second, as a run stores it (rsync -a keeps it).
        exported = datetime.fromtimestamp(int(path.stat().st_mtime), UTC)
        data = path.read_bytes()
    except OSError as error:
        result.problems.append(f"{path}: cannot read it: {error.strerror or error}")
        return result
    node = node_outcome(path, data)
    result.skipped = node.waiting or (None if node.outcome else not_ready(data))
    if result.skipped:
        return result
    result.source_id = first_source(data) if data.strip() else node.source_id
    if result.source_id is None:
        result.problems = [f"{path}:{line.number}: {line.problem}" for line in read_lines(data)]
        result.problems.append(f"{path}: no line could be read")
        return result
    source = sources.get(result.source_id)
    if source is None:
        result.problems.append(
            f"{path}: source {result.source_id!r} is not in sources.yaml: nothing stored"
        )
        return result
    batch = file_batch(data, node.text)
    lock = source_lock(db_path, source.id, f"fundwatch ingest {path.name}")
    if not lock.acquire(on_wait=on_wait, give_up=stopping):
        result.stopped = True
        return result
    db = None
    try:
        db = open_db(db_path)
        # Under the lock: a second ingest of the same file, at the same time, waits, then skips.
        # A run cut short (its process died) does not count: the file is ingested again.
        done = [
            r
            for r in batch_runs(db, batch)
            if r["outcome"] != "running" and r["reason"] != INTERRUPTED
        ]
        if done and not again:
            last = done[-1]
            result.skipped = f"already ingested (run {last['id']}, {last['outcome']}): skipped"
            return result
        result.skipped = _outdated(db, source.id, exported)
        if result.skipped:
            return result
        moment = now()
        lines = read_lines(data) if data.strip() else []
        sightings, problems = _sightings(path, lines, source, rules, moment)
        run = start_run(db, source.id, batch, moment, exported_at=exported)
        tally, seen = Tally(), set()
        unstored = _store(db, db_path, path, run, sightings, tally, seen)
        result.unstored = bool(unstored)
        problems += unstored
        problems += node.problems(stored=tally.counts["items"], others=problems)
        result.problems = problems
        pages = len({s.page_url for _, s in sightings})
        result.run = finish_run(
            db,
            run.id,
            now(),
            problems=problems,
            complete=node.complete,
            counts=tally.run_counts(pages=node.pages(pages), not_modified=node.not_modified),
            infer_removals=source.infers_removals and node.outcome is not None,
            seen=seen,
            notes=node.notes,
        )
        return result
    finally:
        if db is not None:
            db.close()
        lock.release()
