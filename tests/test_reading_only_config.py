"""Where a source points is judged by the commands that fetch it (crawl, try, record, the service),
not by those that only read the repository: a loopback source, allowed while it was crawled, must
not stop `search`, `export`, `notify` or `sources status` run without FUNDWATCH_ALLOW_LOOPBACK."""

from __future__ import annotations

import json

from storage.db import open_db
from tests.crawl_helpers import fundwatch, write_config

LOOPBACK = {
    "id": "local_grants",
    "kind": "listing",
    "urls": ["http://127.0.0.1:9/grants"],
    "item": "li",
    "fields": {"title": "a::text", "url": "a::attr(href)"},
}
NOT_ALLOWED = {"FUNDWATCH_ALLOW_LOOPBACK": ""}


def test_commands_that_fetch_no_source_read_a_loopback_config_without_the_environment(tmp_path):
    subscriptions = [
        {"id": "team", "match": {"keywords": ["heat"]}, "email": {"to": ["team@council.example"]}}
    ]
    config = write_config(tmp_path / "config", [LOOPBACK], subscriptions)
    db = tmp_path / "fw.db"
    open_db(db).close()  # notify and digest use a repository, never make one

    for command in (
        ["search", "heat"],
        ["export", "--format", "json"],
        ["notify"],
        ["digest", "--force"],
        ["sources", "list"],
    ):
        result = fundwatch(*command, config=config, db=db, env=NOT_ALLOWED)
        assert result.returncode == 0, (command, result.stderr)
    status = fundwatch("sources", "status", config=config, db=db, env=NOT_ALLOWED)
    assert status.returncode == 0 and "local_grants                 never crawled" in status.stdout
    exported = fundwatch("export", "--format", "json", config=config, db=db, env=NOT_ALLOWED)
    document = json.loads(exported.stdout)
    assert (document["count"], document["items"]) == (0, [])  # nothing crawled, not an error


def test_a_crawl_still_refuses_it_naming_file_entry_and_field(tmp_path):
    config = write_config(tmp_path / "config", [LOOPBACK])
    result = fundwatch("crawl", config=config, db=tmp_path / "fw.db", env=NOT_ALLOWED)
    assert result.returncode == 2
    assert "entry 'local_grants' (#1): field 'urls[0]': 127.0.0.1 is a loopback address" in (
        result.stderr
    )


def test_a_scheme_that_is_never_fetched_is_refused_everywhere(tmp_path):
    config = write_config(tmp_path / "config", [{**LOOPBACK, "urls": ["file:///etc/passwd"]}])
    result = fundwatch("search", "heat", config=config, db=tmp_path / "fw.db", env=NOT_ALLOWED)
    assert result.returncode == 2 and "URL must start with http:// or https://" in result.stderr
