"""Builders for the early-warning radar tests: a real repository filled from the sources' snapshot
pages (spider callbacks → normalise → tag → store), and subscriptions read as curators write them."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from config.loader import load_tags
from config.models import Subscription
from spiders.normalise.sighting import normalise
from spiders.sources import SNAPSHOT_NOW
from spiders.tagging import compile_rules, tag_sighting
from storage.db import open_db
from storage.record import record_sightings
from storage.sighting import Sighting
from tests.crawl_helpers import ROOT
from tests.test_sources import SOURCES, crawl_offline


@cache
def _rules():
    return compile_rules(load_tags(ROOT / "config"))


@cache
def snapshot_sightings(source_id: str) -> tuple[Sighting, ...]:
    """What a crawl of the source's snapshot stores, as of the snapshot's "now"."""
    items = crawl_offline(source_id)
    return tuple(
        tag_sighting(normalise(item, SOURCES[source_id], SNAPSHOT_NOW), _rules()) for item in items
    )


def crawled_repository(tmp_path: Path, *source_ids: str, now: datetime = SNAPSHOT_NOW):
    """A repository file holding what these sources' snapshots list."""
    db = open_db(tmp_path / "fundwatch.db")
    for source_id in source_ids:
        record_sightings(db, list(snapshot_sightings(source_id)), run_id=None, now=now)
    return db


def subscription(sub_id: str, **fields: Any) -> Subscription:
    """A subscription as subscriptions.yaml would give it (validated by the real model)."""
    raw: dict[str, Any] = {"id": sub_id, "email": {"to": [f"{sub_id}@example.gov.uk"]}}
    raw.update(fields)
    return Subscription.model_validate(raw)


def titles(db, opportunity_ids) -> list[str]:
    found = {row["id"]: row["title"] for row in db["opportunities"].rows}
    return sorted(found[i] for i in opportunity_ids)
