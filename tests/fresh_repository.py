"""A fresh, migrated repository file for a test, copied from one migrated once per test process.

Migrating a new file takes about 15 ms (every table, index, trigger and full-text table); a few
hundred tests each start from one. A copy of a file migrated and closed once is the same file, so
open_db() finds nothing to migrate and only opens it (under 1 ms). The repository's own creation
and migration are tested where they are the point (tests/test_storage.py and others call open_db
on new paths themselves).
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import sqlite_utils

from storage.db import open_db

_template: Path | None = None


def _migrated_template() -> Path:
    global _template
    if _template is None:
        folder = Path(tempfile.mkdtemp(prefix="fundwatch-template-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        template = folder / "fundwatch.db"
        open_db(template).close()  # the last connection's close folds the WAL into the file
        _template = template
    return _template


def fresh_repository(path: Path) -> sqlite_utils.Database:
    """open_db(path), the file first copied from the migrated template if it does not exist yet."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)  # as open_db makes the folder
        shutil.copyfile(_migrated_template(), path)
    return open_db(path)
