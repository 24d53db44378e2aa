"""Score a round's wordings (tests/rounds/<round>.yaml) against the code as it stands: per batch, how
many are read as expected, and each miss with what was read. Not a test: a round is scored before
its fixes (to measure) and after; its rows then join tests/cases/*.yaml.

    .venv/bin/python tests/rounds/score.py tests/rounds/money5.yaml
    .venv/bin/python tests/rounds/score.py tests/rounds/status_round.yaml
"""

from __future__ import annotations

import sys
from datetime import datetime
from functools import cache
from pathlib import Path

from config.yaml_file import parse_yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from spiders.normalise.dates import parse_date  # noqa: E402
from spiders.normalise.dates_in_text import labelled_date  # noqa: E402
from spiders.normalise.money import parse_amounts  # noqa: E402

NOW = "2026-06-01T09:00:00Z"


def _utc(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


def _status(row: dict) -> str | None:
    from spiders.normalise.status import normalise_status

    return normalise_status(
        row["input"],
        _utc(row.get("opens_at")),
        _utc(row.get("closes_at")),
        _utc(row.get("now", NOW)),
    )


def _kind(row: dict):
    """The kind (and, when the row expects one, the status) the whole normalise step stores."""
    from config.models import Source
    from spiders.items import OpportunitySighting
    from spiders.normalise.sighting import normalise

    raw = OpportunitySighting(
        source_id="round",
        title=row.get("title"),
        url="https://notices.example/1",
        notice_type=row.get("notice_type"),
        status=row.get("status_field"),
    )
    source = Source(id="round", kind="feed", urls=["https://notices.example/"])
    stored = normalise(raw, source, _utc(NOW))
    return stored.kind if "status" not in row else [stored.kind, stored.status]


def _title(row: dict) -> list:
    """What the whole normalise step stores from a title alone: [its title, its status]."""
    from config.models import Source
    from spiders.items import OpportunitySighting
    from spiders.normalise.sighting import normalise

    raw = OpportunitySighting(
        source_id="round", title=row["input"], url="https://notices.example/1"
    )
    source = Source(id="round", kind="feed", urls=["https://notices.example/"])
    stored = normalise(raw, source, _utc(PROSE_NOW))
    return [stored.title, stored.status]


def _prose(row: dict) -> dict:
    """What the whole normalise step stores from a feed item's or detail page's prose alone (its
    summary, no field): closing and opening instants, [min, max, pot], status, at the row's `now`
    (PROSE_NOW unless given). Only the keys the row expects are compared."""
    from config.models import Source
    from spiders.items import OpportunitySighting
    from spiders.normalise.sighting import normalise

    raw = OpportunitySighting(
        source_id="round", title=row.get("title", "A call"), url="https://notices.example/1",
        summary=row["input"],
    )  # fmt: skip
    source = Source(id="round", kind="feed", urls=["https://notices.example/"])
    stored = normalise(raw, source, _utc(row.get("now", PROSE_NOW)))
    got = {
        "closes": _iso(stored.closes_at),
        "opens": _iso(stored.opens_at),
        "money": [stored.amount_min, stored.amount_max, stored.fund_total],
        "status": stored.status,
    }
    return {key: got[key] for key in _PROSE_KEYS if key in row}


_PROSE_KEYS = ("closes", "opens", "money", "status")
PROSE_NOW = "2026-11-25T09:00:00Z"


@cache
def _shipped_rules():
    from config.loader import load_tags
    from spiders.tagging import compile_rules

    return compile_rules(load_tags())


def _tags(row: dict):
    """The row's `has` tags it was given and its `lacks` tags it was not: right when the result is
    every `has` and no `lacks`."""
    from spiders.tagging import tag

    text = " ".join(filter(None, (row.get("title"), row.get("summary"), row.get("eligibility"))))
    got = set(tag(text, _shipped_rules(), funder=row.get("funder")))
    return {
        "has": sorted(got & set(row.get("has", ()))),
        "lacks": sorted(got & set(row.get("lacks", ()))),
    }


def _expected(row: dict, batch: str):
    if batch == "kind" and "status" in row:
        return [row["expected"], row["status"]]
    if batch == "tags":
        return {"has": sorted(row.get("has", ())), "lacks": []}
    if batch == "prose":
        return {key: row[key] for key in _PROSE_KEYS if key in row}
    return row["expected"]


READERS = {
    "money_field": lambda row: list(parse_amounts(row["input"])),
    "money_text": lambda row: list(parse_amounts(row["input"], cued_only=True)),
    # A row with `opens: true` reads the field as an opening date (the day's start).
    "date_field": lambda row: _iso(
        parse_date(row["input"], end_of_day=not row.get("opens"), now=_utc(row.get("now")))
    ),
    "date_text": lambda row: _iso(
        labelled_date(row["input"], row.get("which", "closes"), now=_utc(row.get("now")))
    ),
    "status": _status,
    "kind": _kind,
    "tags": _tags,
    "prose": _prose,
    "title": _title,
}


def _iso(when) -> str | None:
    return when.isoformat() if when else None


def main(path: str) -> None:
    rounds = parse_yaml(Path(path).read_text(encoding="utf-8"))
    for batch, rows in rounds.items():
        misses = []
        for row in rows:
            reader = row.get("batch", batch)
            got = READERS[reader](row)
            if got != _expected(row, reader):
                misses.append((row, got))
        print(f"{batch}: {len(rows) - len(misses)}/{len(rows)}")
        if batch.startswith("prose"):
            _by_key(rows, misses)
        for row, got in misses:
            said = row.get("input") or (row.get("notice_type"), row.get("title"))
            expected = _expected(row, row.get("batch", batch))
            print(f"   MISS {said!r}: expected {expected}, read {got}")


def _by_key(rows: list, misses: list) -> None:
    """A prose batch's score per fact too: how many closing dates, opening dates, … were right."""
    keys = [key for key in _PROSE_KEYS if any(key in row for row in rows)]
    wrong = {key: 0 for key in keys}
    for row, got in misses:
        for key in keys:
            if key in row and got.get(key) != row[key]:
                wrong[key] += 1
    print(
        "   "
        + ", ".join(
            f"{k} {sum(k in r for r in rows) - wrong[k]}/{sum(k in r for r in rows)}" for k in keys
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
