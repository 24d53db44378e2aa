"""The repository, and the only place with SQL: one SQLite file through sqlite-utils.

`storage.db.open_db()` is the way in; each module here answers the questions the rest of the code
asks of one part of it (opportunities, runs, events, outbox, digests, Slack threads, search), each
write one unit. Nothing is imported here, so a light module (errors.py) stays light to import.
"""
