"""Where the repository is: --db, else FUNDWATCH_DB, else data/fundwatch.db."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DB = Path("data/fundwatch.db")


def db_path(path: str | Path | None = None) -> Path:
    return Path(path or os.environ.get("FUNDWATCH_DB") or DEFAULT_DB)


def outbox_beside(db_file: Path) -> Path:
    """`outbox/` beside the repository file, where digests are written as .eml files when there
    is no SMTP_HOST (data/outbox by default)."""
    return db_file.parent / "outbox"
