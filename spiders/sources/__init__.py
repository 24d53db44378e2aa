"""Each source's snapshot pages, routes and expected items, together: one folder per source id.

`site.py` serves a folder (or pages a test adds) on loopback; README.md says what each folder holds.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from config.yaml_file import parse_yaml

SOURCES_DIR = Path(__file__).resolve().parent
# "Now" for the bundled snapshots: they were taken that morning, and the expected items (their `now:`),
# the demo and the tests all judge open / closing soon at this moment. A Wednesday, GMT.
SNAPSHOT_NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def source_folders(root: str | Path = SOURCES_DIR) -> list[Path]:
    """Every folder under `root` that holds a snapshot (a routes.yaml), sorted by source id."""
    return sorted(p for p in Path(root).iterdir() if is_snapshot(p))


def is_snapshot(folder: Path) -> bool:
    """A source's snapshot folder. A hidden one never is, whatever it holds: it is a recording's
    copy (`.<id>.recording` being written, `.<id>.replaced` set aside: notifier/curation/record.py)
    that a killed `sources record` leaves until that source is recorded again; taken for a source,
    it was served by the demo in its source's place and tested as a source of its own."""
    return not folder.name.startswith(".") and (folder / "routes.yaml").is_file()


def load_expected(source_id: str, root: str | Path = SOURCES_DIR) -> dict[str, Any]:
    """What a source must produce from its snapshot, after normalising (its expected.yaml)."""
    return parse_yaml((Path(root) / source_id / "expected.yaml").read_text("utf-8"))
