"""What the crawl outcome beside a feed export (spiders/scrapyd/outcome.py) says about ingesting it:
whether the file is whole yet, which source an empty file is of, the node's problems, and whether
the crawl read every page, so its run can infer removals as a crawl's does."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from notifier.ingest.files import not_ready
from notifier.ingest.lines import first_source
from spiders.pipelines import NOTHING_FOUND
from spiders.scrapyd.outcome import CrawlOutcome, outcome_path, parse_outcome


@dataclass(frozen=True)
class NodeOutcome:
    outcome: CrawlOutcome | None = None  # None: none beside the file, or one not to be trusted
    text: bytes = b""  # the outcome as written: part of what names the run's batch
    waiting: str | None = None  # why the file is left for the next ingest
    problem: str | None = None  # the outcome file is there but cannot be used

    @property
    def source_id(self) -> str | None:
        return self.outcome.source_id if self.outcome else None

    @property
    def complete(self) -> bool:
        """Every page read and nothing went wrong on the node (then removals may be inferred)."""
        return self.outcome is not None and self.outcome.complete and self.outcome.clean

    @property
    def not_modified(self) -> int:
        return self.outcome.not_modified if self.outcome else 0

    def pages(self, counted: int) -> int:
        """Pages the node read (the file knows only those that gave an item)."""
        return self.outcome.pages if self.outcome else counted

    @property
    def notes(self) -> list[str]:
        """What the node's crawl said though nothing failed, for an ok run's reason."""
        return [f"on the node: {note}" for note in self.outcome.notes] if self.outcome else []

    def problems(self, *, stored: int, others: list[str]) -> list[str]:
        """The node's problems as the run's, and `NOTHING_FOUND` for a crawl that ended well
        with nothing in it (as `fundwatch crawl` says of one); `others`: the file's own."""
        said = [self.problem] if self.problem else []
        if self.outcome is None:
            return said
        said += [f"on the node: {problem}" for problem in self.outcome.problems]
        if self.outcome.finish_reason != "finished":
            said.append(f"crawl stopped early on the node: {self.outcome.finish_reason}")
        if not stored and not said and not others:
            said.append(NOTHING_FOUND)
        return said


def node_outcome(path: Path, data: bytes) -> NodeOutcome:
    """The outcome beside the feed export `path` (whose contents are `data`), judged against it."""
    where = outcome_path(path)
    try:
        text = where.read_bytes()
    except FileNotFoundError:
        return NodeOutcome()
    except OSError as error:
        return NodeOutcome(problem=f"{where}: cannot read it: {error.strerror or error}")
    try:
        outcome = parse_outcome(text)
    except ValueError as error:
        return NodeOutcome(problem=f"{where}: {error}: the crawl is not taken as complete")
    unfinished = not_ready(data) if data.strip() else None
    if unfinished:
        return NodeOutcome(waiting=unfinished)
    held = data.count(b"\n")
    if held != outcome.items:
        # Written only once the feed file is closed: fewer lines is a copy not yet whole, more
        # is a new crawl writing a file of the same name (`-O items.jl`).
        why = "a copy not yet whole" if held < outcome.items else "a new crawl writing it"
        return NodeOutcome(
            waiting=f"holds {held} item(s) where its crawl outcome counts {outcome.items} "
            f"({why}?): left for the next ingest"
        )
    listed = first_source(data) if data.strip() else outcome.source_id
    if listed != outcome.source_id:
        return NodeOutcome(
            problem=f"{where}: the outcome of a crawl of {outcome.source_id!r}, beside items of "
            f"{listed!r}: the crawl is not taken as complete"
        )
    return NodeOutcome(outcome=outcome, text=text)
