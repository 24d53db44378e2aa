"""`fundwatch sources try` says what went wrong in the curator's words, not Python's class names."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.crawl_helpers import write_config
from tests.test_sources_try import UKRI_URL, run_try, shipped


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return write_config(tmp_path / "config", [shipped("ukri_opportunities")])


NOT_HTML = (
    "the page is JSON, not HTML, so CSS and XPath selectors cannot read it "
    "(a JSON API is read with kind: api)"
)


def test_a_page_the_spider_cannot_read_is_said_without_python_class_names(config, tmp_path):
    # Before: "…: ValueError: Cannot use css on a Selector of type 'json'": Python and parsel.
    page = tmp_path / "calls.json"
    page.write_text('{"calls": []}')
    result = run_try(config, "--file", str(page))
    assert result.returncode == 1
    problems = [line for line in result.stdout.splitlines() if line.startswith("problem:")]
    assert problems == [f"problem: error while reading {UKRI_URL}: {NOT_HTML}"], result.stdout
