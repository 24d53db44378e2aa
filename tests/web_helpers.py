"""A small repository and config for the export and serve tests: calls people would search for, a
call seen on two sources whose closing date later moved, and one with a hostile title."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import yaml
from click.testing import CliRunner, Result

from config.clock import LONDON
from notifier.cli import cli
from notifier.configuration import Config, load_config
from storage.db import open_db
from storage.record import record_sighting
from storage.sighting import Sighting

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
LATER = datetime(2026, 12, 3, 10, tzinfo=UTC)  # when the heat network call's deadline moved
HOSTILE = '<script>alert("x")</script> Evil & "quoted" <b>fund</b> \u202e\x1b[31m'
FORMULA_FUNDER = '=HYPERLINK("https://evil.example","click")'

TAGS = {
    "net_zero": {"label": "Net zero & climate", "any": ["net zero", "heat network*"]},
    "digital": {"label": "Digital & data", "any": ["digital"]},
    "housing": {"label": "Housing & homelessness", "any": ["housing"]},
}
SOURCES = [
    {"id": "ukri", "name": "UKRI Funding Finder", "kind": "feed",
     "urls": ["https://www.ukri.org/opportunity/feed/"]},
    {"id": "find_a_grant", "name": "Find a Grant", "kind": "feed",
     "urls": ["https://www.find-government-grants.service.gov.uk/grants"]},
]  # fmt: skip
SUBSCRIPTIONS = [
    {"id": "climate_team", "name": "Climate team", "match": {"tags": ["net_zero"],
     "council_eligible": ["yes", "partner"]}, "email": {"to": ["climate@example.gov.uk"]}},
    {"id": "digital_team", "name": "Digital team", "match": {"tags": ["digital"]},
     "email": {"to": ["digital@example.gov.uk"]}},
]  # fmt: skip


def london(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=LONDON)


HEAT = dict(
    ref="HN-1",
    url="https://www.ukri.org/opportunity/heat-network-zoning/",
    title="Heat network zoning pilot",
    summary="Councils lead heat network zoning pilots for net zero.",
    funder="Department for Energy Security and Net Zero",
    opens_at=london(2026, 11, 1, 9, 0),
    closes_at=london(2027, 1, 12, 16, 0),
    amount_min=10_000.0,
    amount_max=50_000.0,
    status="open",
    eligibility="Local authorities in England can apply.",
    tags=("net_zero",),
    council_eligible="yes",
    eligibility_phrase="Local authorities in England can apply",
)
CALLS = [
    ("ukri", HEAT),
    ("find_a_grant", {**HEAT, "ref": "FAG-77"}),  # the same call (same URL): merged
    ("find_a_grant", dict(
        ref="FAG-80", url="https://www.find-government-grants.service.gov.uk/grants/local-digital",
        title="Local Digital Fund round 8", summary="Digital projects for councils.",
        funder="MHCLG", closes_at=london(2026, 12, 5, 23, 59), amount_max=350_000.0,
        status="open", tags=("digital",), council_eligible="partner",
        eligibility_phrase="must include a council as a partner")),
    ("find_a_grant", dict(
        ref="FAG-81", url="https://www.find-government-grants.service.gov.uk/grants/evil",
        title=HOSTILE, summary='<img src=x onerror="alert(1)"> net zero', funder=FORMULA_FUNDER,
        closes_at=london(2026, 12, 20, 12, 0), status="open", tags=("net_zero",),
        council_eligible="yes", eligibility_phrase="Councils can apply")),
    ("ukri", dict(
        ref="UK-5", url="https://www.ukri.org/opportunity/old-housing/", title="Old housing call",
        closes_at=london(2026, 10, 1, 16, 0), status="closed", tags=("housing",))),
    ("ukri", dict(
        ref="UK-6", url="https://www.ukri.org/opportunity/rolling-housing/",
        title="Rolling housing programme", status="open", tags=("housing",))),
]  # fmt: skip


def write_config(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tags.yaml").write_text(yaml.safe_dump(TAGS))
    (folder / "sources.yaml").write_text(yaml.safe_dump(SOURCES))
    (folder / "subscriptions.yaml").write_text(yaml.safe_dump(SUBSCRIPTIONS))
    return folder


def build_repository(path: Path, *, moved: bool = True) -> dict[str, str]:
    """The calls above, stored at NOW; with `moved`, UKRI then moves the heat network deadline
    from 12 to 26 January (at LATER). Returns {title: opportunity id}."""
    db = open_db(path)
    ids = {}
    for source, call in CALLS:
        outcome = record_sighting(db, Sighting(source_id=source, **call), run_id=None, now=NOW)
        ids.setdefault(call["title"], outcome.opportunity_id)
    if moved:
        move_deadline(db)
    db.close()
    return ids


def move_deadline(db, to: datetime | None = None, when: datetime = LATER) -> None:
    """UKRI moves the heat network call's deadline (to 26 January 2027, 4pm, unless told)."""
    moved = {**HEAT, "closes_at": to or london(2027, 1, 26, 16, 0)}
    record_sighting(db, Sighting(source_id="ukri", **moved), run_id=None, now=when)


def make_site(tmp_path: Path, *, moved: bool = True) -> tuple[Config, Path, dict[str, str]]:
    config = load_config(write_config(tmp_path / "config"))
    db_path = tmp_path / "fundwatch.db"
    return config, db_path, build_repository(db_path, moved=moved)


def export_site(tmp_path: Path, monkeypatch) -> tuple[Path, Path, dict[str, str]]:
    """The export tests' repository, read at a fixed 'now' so closing-soon flags are stable."""
    monkeypatch.setenv("FUNDWATCH_NOW", "2026-12-04T09:00:00Z")
    _, db_path, ids = make_site(tmp_path, moved=False)
    return tmp_path / "config", db_path, ids


def run_export(site: tuple[Path, Path, dict[str, str]], *args: str) -> Result:
    """`fundwatch export ARGS` on the export tests' repository; it must succeed."""
    config, db_path, _ = site
    result = CliRunner().invoke(
        cli, ["--config", str(config), "--db", str(db_path), "export", *args]
    )
    assert result.exit_code == 0, result.output
    return result
