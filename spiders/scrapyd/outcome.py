"""How a node's crawl ended, written beside its feed export so `fundwatch ingest` can judge the run
as `fundwatch crawl` judges its own: failed with the node's problems (a page that answered 500, a
selector that stopped matching), or complete and clean, when the calls it no longer lists are
removed. A feed export alone says only what the node saw.

`items.jl` → `items.jl.outcome.json`: one JSON object, written once the feed file is closed.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

SUFFIX = ".outcome.json"
FORMAT = 1  # bumped if a field changes meaning; an outcome of another format is not trusted
MAX_PROBLEMS = 50  # a node's list is carried as far as a run's reason needs, not without end
MAX_PROBLEM_CHARS = 500


@dataclass(frozen=True)
class CrawlOutcome:
    source_id: str
    finish_reason: str  # Scrapy's: "finished", "shutdown", "closespider_timeout", …
    complete: bool  # every page was read (no page cap, no guess at the end, no failed page)
    items: int  # lines the feed export holds once it is whole
    problems: list[str] = field(default_factory=list)
    pages: int = 0
    not_modified: int = 0
    # What the run says though nothing failed (a next page left as it only repeated calls read
    # before). Optional: an outcome written before it was carried reads as noting nothing.
    notes: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return self.finish_reason == "finished" and not self.problems

    def to_json(self) -> str:
        return json.dumps({"fundwatch_outcome": FORMAT, **asdict(self)}, ensure_ascii=False)


def outcome_path(feed: Path) -> Path:
    return feed.with_name(feed.name + SUFFIX)


def parse_outcome(text: bytes) -> CrawlOutcome:
    """An outcome file's contents; ValueError, saying why, when it is not an outcome a node wrote."""
    try:
        data = json.loads(text.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"not JSON ({error}); a node writes it whole when a crawl ends") from None
    if not isinstance(data, dict) or data.get("fundwatch_outcome") != FORMAT:
        raise ValueError(f"not a crawl outcome of format {FORMAT}")
    return CrawlOutcome(
        source_id=_typed(data, "source_id", str),
        finish_reason=_typed(data, "finish_reason", str),
        complete=_typed(data, "complete", bool),
        items=_count(data, "items"),
        problems=[p[:MAX_PROBLEM_CHARS] for p in _problems(data, "problems")][:MAX_PROBLEMS],
        pages=_count(data, "pages"),
        not_modified=_count(data, "not_modified"),
        notes=[n[:MAX_PROBLEM_CHARS] for n in _problems(data, "notes", [])][:MAX_PROBLEMS],
    )


def _typed(data: dict[str, Any], name: str, kind: type) -> Any:
    value = data.get(name)
    if not isinstance(value, kind):
        raise ValueError(f"field {name!r} must be {kind.__name__}, got {value!r}")
    return value


def _count(data: dict[str, Any], name: str) -> int:
    value = data.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"field {name!r} must be a count, got {value!r}")
    return value


def _problems(data: dict[str, Any], name: str, missing: list[str] | None = None) -> list[str]:
    value = data.get(name, missing)
    if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
        raise ValueError(f"field {name!r} must be a list of text")
    return value
