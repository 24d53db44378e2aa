"""Build the Datasette that serves the repository (`fundwatch serve`), and its metadata.

Read-only, and never in a crawl's way. The file is opened as a *mutable* database, which Datasette
reads through `mode=ro` connections: SQLite's WAL lets those read while a crawl writes, neither
blocking the other, and each request sees the latest committed data. Datasette's immutable mode
(`-i`) is not used: it tells SQLite the file never changes, so it takes no locks and ignores the
WAL, and a crawl writing meanwhile could show stale or corrupt pages. `prepare` (storage/
web_queries.py) also sets `query_only` on every connection, no write canned queries exist, and the
database cannot be downloaded (it holds the private outbox). Only a repository on a read-only mount,
where SQLite cannot open the WAL's shared memory and nobody can be writing, is served immutable.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from datasette.app import Database, Datasette

from config import clock
from notifier.configuration import Config
from notifier.export.records import LICENCE, LICENCE_URL
from notifier.web import plugin
from notifier.web.config_watch import ConfigWatch
from notifier.web.site import DATABASE, DEFAULT_SORT_DESC, TABLE, Site, attach
from storage import web_panel, web_queries

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
STATIC_MOUNT = "assets"

SETTINGS = {
    "suggest_facets": False,  # suggestions cost a query per column per page
    "allow_download": False,  # the file holds the outbox (who gets what): never offered
    "default_page_size": 50,
    "default_facet_size": 12,
    "facet_time_limit_ms": 1000,
    "max_returned_rows": 1000,
    "truncate_cells_html": 300,
}

COLUMN_NOTES = {
    "id": "fundwatch's id for the call: stable, and the address of its page (/opportunity/<id>)",
    "closes_at": "Closing date and time, UTC (ISO 8601)",
    "opens_at": "Opening date and time, UTC (ISO 8601)",
    "amount_min": "Smallest award, GBP",
    "amount_max": "Largest award, GBP",
    "fund_total": "The whole pot, GBP",
    "council_eligible": "Can a council apply? yes, partner, no or unclear",
    "eligibility_phrase": "The words that decided council_eligible",
    "tags": "Tag ids (JSON list); labels in config/tags.yaml",
    "source_ids": "Sources it was seen on (JSON list)",
    "version": "1 + the number of recorded changes",
    "removed_at": "When no source listed it any more",
    "kind": "funding, market_engagement, planned_procurement or tender",
}


def metadata(site: Site) -> dict[str, Any]:
    tables: dict[str, Any] = {
        name: {"hidden": True, "allow": False} for name in web_queries.PRIVATE_TABLES
    }
    tables[TABLE] = {
        "title": "Funding calls",
        "description": "Every funding call in the repository, one row per funding pot, merged "
        "across the sources it was seen on.",
        "sort_desc": DEFAULT_SORT_DESC,
        "size": 50,
        "fts_table": "opportunities_fts",
        "label_column": "title",
        "facets": [{"fundwatch": column} for column in web_panel.PANEL_COLUMNS],
        "columns": COLUMN_NOTES,
    }
    tables["listings"] = {"description": "One row per source sighting of a call"}
    tables["versions"] = {"description": "What changed in each call, before and after (JSON)"}
    return {
        "title": "fundwatch: funding for UK local public services",
        "description": "Funding calls for councils and local public services, gathered from "
        "funders' sites and GOV.UK services, merged, tagged and judged for council eligibility.",
        "license": LICENCE,
        "license_url": LICENCE_URL,
        "databases": {
            DATABASE: {
                "title": "The funding repository",
                "tables": tables,
                "queries": web_queries.canned_queries(),
            }
        },
    }


class Repository(Datasette):
    """A Datasette that knows it serves fundwatch from its first line: Datasette builds its routes
    (and the test client's app) inside __init__, and the plugin's routes depend on `site_of`."""

    def __init__(self, site: Site, **kwargs: Any):
        attach(self, site)
        super().__init__(**kwargs)


def make_datasette(
    path: Path,
    config: Config,
    *,
    allow_sql: bool = False,
    live: bool = True,
    now: Callable[[], datetime] = clock.now,
    follow_edits: bool = False,
) -> Datasette:
    """A Datasette over the repository file at `path` (already checked by open_db). `live`: the
    file may change while served (the normal case); False only for a read-only mount.
    `follow_edits`: read the config folder again when its YAML changes (`fundwatch serve`)."""
    plugin.register()
    watch = ConfigWatch(config, config.directory) if follow_edits else None
    site = Site(initial=config, now=now, allow_sql=allow_sql, watch=watch)
    datasette = Repository(
        site,
        files=[],
        metadata=metadata(site),
        template_dir=str(TEMPLATES),
        static_mounts=[(STATIC_MOUNT, str(STATIC))],
        settings={**SETTINGS, "default_allow_sql": allow_sql},
    )
    datasette.remove_database("_memory")  # no scratch database: only the repository is served
    database = Database(datasette, path=str(path), is_mutable=live)
    datasette.add_database(database, name=DATABASE, route=DATABASE)
    return datasette
