"""Slips a curator makes in the YAML files, each one clear error from the real `fundwatch sources
check` (exit 2) naming the file, the entry and the field, and saying what to write instead."""

from __future__ import annotations

from pathlib import Path

from tests.crawl_helpers import fundwatch, write_config

LISTING = {
    "id": "walk_listing",
    "kind": "listing",
    "urls": ["https://funder.example.org/grants/"],
    "item": "div.grant",
    "fields": {"title": "h3 a::text", "url": "h3 a::attr(href)"},
}


def check(folder: Path):
    return fundwatch("sources", "check", config=folder, db=folder / "never.db")


def test_an_xpath_written_where_css_is_read_says_to_prefix_it(tmp_path):
    copied = "//div[@class='grant']"  # the browser's "Copy XPath", pasted as it is
    entry = {**LISTING, "item": copied, "fields": {**LISTING["fields"], "summary": "p.teaser"}}
    folder = write_config(tmp_path / "config", [entry])
    result = check(folder)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"config error: {folder / 'sources.yaml'}: entry 'walk_listing' (#1): field 'item': "
        f"bad CSS selector {copied!r}: Expected selector, got <DELIM '/' at 0> "
        "(it reads as XPath: write it 'xpath:…')"
    ]


def test_a_css_typo_gets_no_xpath_hint(tmp_path):
    folder = write_config(tmp_path / "config", [{**LISTING, "item": "div..grant"}])
    result = check(folder)
    assert result.returncode == 2
    assert "bad CSS selector 'div..grant'" in result.stderr
    assert "reads as XPath" not in result.stderr
