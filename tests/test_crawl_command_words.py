"""What `fundwatch crawl` says about what it was asked to crawl, through the real command.

Before: with no enabled source it said "no enabled sources in config/sources.yaml" whatever
--config named (sending people to the wrong folder), and `crawl a a` said "crawling 2 source(s)"
and crawled one."""

from __future__ import annotations

from tests.crawl_helpers import fundwatch, write_config
from tests.smtp_server import free_port


def test_no_enabled_source_names_the_file_read(tmp_path):
    source = {"id": "council_grants", "kind": "feed", "urls": ["https://example.gov.uk/feed"]}
    config = write_config(tmp_path / "elsewhere", [{**source, "enabled": False}])
    done = fundwatch("crawl", config=config, db=tmp_path / "fundwatch.db")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"no enabled sources in {config / 'sources.yaml'}"


def test_a_source_named_twice_is_crawled_once(tmp_path):
    # Nothing listens on the port: the crawl fails at once, which is all this needs.
    url = f"http://127.0.0.1:{free_port()}/feed"
    config = write_config(
        tmp_path / "config", [{"id": "council_grants", "kind": "feed", "urls": [url]}]
    )
    done = fundwatch(
        "crawl", "council_grants", "council_grants", config=config, db=tmp_path / "fw.db"
    )
    assert "crawling 1 source(s): council_grants\n" in done.stderr, done.stderr
    assert "\n1 source(s): " in done.stdout, done.stdout


def test_a_crawl_without_a_contact_says_whom_sites_are_told_to_write_to(tmp_path):
    # Before: with no settings.yaml every request named fundwatch-maintainers@example.org as the
    # contact, and nothing said so.
    url = f"http://127.0.0.1:{free_port()}/feed"
    config = write_config(
        tmp_path / "config", [{"id": "council_grants", "kind": "feed", "urls": [url]}]
    )
    (config / "settings.yaml").unlink()
    done = fundwatch("crawl", config=config, db=tmp_path / "fw.db")
    assert done.stderr.splitlines()[0] == (
        f"warning: crawl.contact is not set in {config / 'settings.yaml'}: sites are told to write "
        "to fundwatch-maintainers@example.org; set a mailbox you read"
    ), done.stderr
    named = write_config(
        tmp_path / "named", [{"id": "council_grants", "kind": "feed", "urls": [url]}]
    )
    assert "crawl.contact" not in fundwatch("crawl", config=named, db=tmp_path / "fw2.db").stderr
