"""`fundwatch serve` runs for weeks beside the service, which reads the YAML afresh for every job:
the web repository must follow the same edits (a team added to subscriptions.yaml gets its feed
and calendar without a restart), and a half-saved file must not take the site down.

A real `fundwatch serve` subprocess on loopback; the YAML edited while it runs.
"""

from __future__ import annotations

import os
from email.utils import parsedate_to_datetime

import pytest
import yaml

from tests.crawl_helpers import fundwatch_env
from tests.serve_helpers import serving
from tests.site_helpers import fetch
from tests.web_helpers import SUBSCRIPTIONS, TAGS, build_repository, write_config

HOUSING_TEAM = {
    "id": "housing_team",
    "name": "Housing team",
    "match": {"tags": ["housing"]},
    "email": {"to": ["housing@example.gov.uk"]},
}


@pytest.fixture
def served(tmp_path):
    config = write_config(tmp_path / "config")
    db_path = tmp_path / "fundwatch.db"
    build_repository(db_path)
    with serving(config, db_path, fundwatch_env({"FUNDWATCH_NOW": "2026-12-04T09:00:00Z"})) as url:
        yield url, config


def rewrite(path, data) -> None:
    """Write the file and move its time on, so even a coarse file-system clock shows the edit."""
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data))
    stamp = path.stat().st_mtime + 5
    os.utime(path, (stamp, stamp))


def test_a_subscription_added_while_serving_gets_its_feeds_and_a_broken_edit_keeps_the_site(
    served,
):
    url, config = served
    status, _, _ = fetch(f"{url}/-/feeds/subscription/housing_team.atom")
    assert status == 404

    rewrite(config / "subscriptions.yaml", [*SUBSCRIPTIONS, HOUSING_TEAM])
    status, headers, body = fetch(f"{url}/-/feeds/subscription/housing_team.atom")
    assert status == 200, body[:300]
    assert "application/atom+xml" in headers["Content-Type"]
    status, _, body = fetch(f"{url}/-/feeds")
    assert status == 200 and b"housing_team.ics" in body

    rewrite(config / "subscriptions.yaml", "- id: housing_team\n  match: {tags: [nosuch")
    status, _, _ = fetch(f"{url}/-/feeds/subscription/housing_team.ics")
    assert status == 200  # the last good config still serves
    status, _, _ = fetch(f"{url}/")
    assert status == 200


def test_a_subscription_edited_while_serving_is_no_304_to_if_modified_since(served):
    # A reader that sends only If-Modified-Since (no ETag) asks after the team narrowed its match:
    # no row changed and none newer joined, but the feed did, so it must get it, not 304.
    url, config = served
    feed = f"{url}/-/feeds/subscription/climate_team.atom"
    status, headers, before = fetch(feed)
    assert status == 200
    stamp = headers["Last-Modified"]
    status, _, _ = fetch(feed, {"If-Modified-Since": stamp})
    assert status == 304  # nothing changed yet

    narrowed = [
        {**s, "match": {**s["match"], "keywords": ["heat"]}} if s["id"] == "climate_team" else s
        for s in SUBSCRIPTIONS
    ]
    (config / "subscriptions.yaml").write_text(yaml.safe_dump(narrowed))
    edited = parsedate_to_datetime(stamp).timestamp() + 3600  # an hour after the data's last change
    os.utime(config / "subscriptions.yaml", (edited, edited))
    status, headers, after = fetch(feed, {"If-Modified-Since": stamp})
    assert status == 200
    assert after != before
    assert parsedate_to_datetime(headers["Last-Modified"]) > parsedate_to_datetime(stamp)


def test_a_tag_relabelled_while_serving_shows_its_new_label_on_the_pages(served):
    # The results' topic labels came from a filter that kept the labels read at start-up, while
    # the facets beside them followed the edit.
    url, config = served
    status, _, body = fetch(f"{url}/")
    assert status == 200 and b"Digital &amp; data" in body
    relabelled = {**TAGS, "digital": {**TAGS["digital"], "label": "Data and digital services"}}
    rewrite(config / "tags.yaml", relabelled)
    status, _, body = fetch(f"{url}/")
    assert status == 200
    assert b"Data and digital services" in body and b"Digital &amp; data" not in body


def test_one_request_looks_at_the_config_folder_once_and_the_next_sees_an_edit(
    tmp_path, monkeypatch
):
    # A results page asks for a label per facet value and per tag on each row; each ask looked at
    # the YAML folder (a glob and a stat per file). Once per request is enough.
    from notifier import kept_config  # ConfigWatch is the service's KeptConfig
    from notifier.web.app import make_datasette
    from tests.serve_helpers import SERVED_NOW, Client
    from tests.web_helpers import make_site

    config, db_path, _ = make_site(tmp_path)
    looks: list[int] = []
    stamp = kept_config.folder_stamp
    monkeypatch.setattr(
        kept_config, "folder_stamp", lambda folder: looks.append(1) or stamp(folder)
    )
    client = Client(make_datasette(db_path, config, now=lambda: SERVED_NOW, follow_edits=True))
    try:
        looks.clear()
        page = client.get("/fundwatch/opportunities?_facet=tags&_facet=source_ids")
        assert page.status_code == 200 and "Digital &amp; data" in page.text
        assert len(looks) == 1

        relabelled = {**TAGS, "digital": {**TAGS["digital"], "label": "Data and digital services"}}
        rewrite(config.directory / "tags.yaml", relabelled)
        looks.clear()
        page = client.get("/fundwatch/opportunities?_facet=tags&_facet=source_ids")
        assert "Data and digital services" in page.text and "Digital &amp; data" not in page.text
        assert len(looks) == 1
    finally:
        client.close()


def test_a_source_renamed_while_serving_is_credited_by_its_new_name(tmp_path):
    # The database page's "Gathered from" was built into Datasette's metadata at start-up.
    from notifier.web.app import make_datasette
    from tests.serve_helpers import SERVED_NOW, Client
    from tests.web_helpers import SOURCES, make_site

    config, db_path, _ = make_site(tmp_path)
    client = Client(make_datasette(db_path, config, now=lambda: SERVED_NOW, follow_edits=True))
    try:
        page = client.get("/fundwatch")
        assert page.status_code == 200 and "Gathered from:" in page.text
        assert "UKRI Funding Finder" in page.text
        renamed = [
            {**s, "name": "UK Research & Innovation"} if s["id"] == "ukri" else s for s in SOURCES
        ]
        rewrite(config.directory / "sources.yaml", renamed)
        page = client.get("/fundwatch")
        assert "UK Research &amp; Innovation" in page.text
        assert "UKRI Funding Finder" not in page.text
    finally:
        client.close()
