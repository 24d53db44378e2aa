"""The repository: one SQLite file through sqlite-utils. `open_db()` is the way in."""

from storage.db import open_db

__all__ = ["open_db"]
