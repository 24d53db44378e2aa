"""`fundwatch ingest`: Scrapy feed exports (JSON lines, as Scrapyd nodes write them) into the
repository, through the same normalise → validate → tag → store path as a crawl.

`lines.py` reads a file's lines into raw sightings (pure); `files.py` finds the files and says which
are ready; `store.py` stores one file as one run of its source.
"""
