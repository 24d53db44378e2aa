"""The repository, and the only place with SQL: one SQLite file through sqlite-utils.

`open_db()` is the way in; each module here answers the questions the rest of the code asks of one
part of it (opportunities, runs, events, outbox, digests, Slack threads, search), each write one unit.
"""

from storage.db import RepositoryError, open_db

__all__ = ["RepositoryError", "open_db"]
