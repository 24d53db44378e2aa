"""A source's URL that no crawl could use is a config error in `sources check` (exit 2), naming
the file, the entry and the field; a login written into it is named, never repeated.

Before: 'https://reader:PASSWORD@…' passed the check (a secret in YAML, then in every log line,
problem and stored link that quotes the address), and so did a host with a space in it or a port
that is not a number, which failed only at the first crawl."""

from __future__ import annotations

import pytest

from tests.crawl_helpers import fundwatch, write_config

SECRET = "s3cretPASSWORD"


def check(tmp_path, url):
    source = {"id": "council_grants", "name": "Council grants", "kind": "feed", "urls": [url]}
    config = write_config(tmp_path / "config", [source], [])
    return fundwatch("sources", "check", config=config, db=tmp_path / "fundwatch.db")


@pytest.mark.parametrize(
    "url",
    [
        f"https://reader:{SECRET}@grants.example.gov.uk/feed.atom",
        f"https://{SECRET}@grants.example.gov.uk/feed.atom",
    ],
)
def test_a_login_in_a_source_url_is_named_never_repeated(tmp_path, url):
    done = check(tmp_path, url)
    assert done.returncode == 2, done.stdout + done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert "sources.yaml: entry 'council_grants' (#1): field 'urls[0]': a URL with a user" in line
    assert "secrets belong in the environment" in line
    assert SECRET not in done.stdout + done.stderr


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("https://grants.example .gov.uk/feed", "URL's host is not a host name"),
        ("https://grants.example.gov.uk:80a/feed", "URL's port is not a number from 1 to 65535"),
        ("https://grants.example.gov.uk:99999/feed", "URL's port is not a number from 1 to 65535"),
    ],
)
def test_a_url_no_crawl_could_fetch_fails_the_check(tmp_path, url, said):
    done = check(tmp_path, url)
    assert done.returncode == 2, done.stdout + done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert f"entry 'council_grants' (#1): field 'urls[0]': {said}: {url!r}" in line, line


def test_an_ordinary_url_still_passes(tmp_path):
    done = check(tmp_path, "https://grants.example.gov.uk:8443/feed.atom?page=1")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("config ok: 1 source(s)")
