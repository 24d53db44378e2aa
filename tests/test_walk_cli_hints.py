"""The hints a curator or council officer gets from the real `fundwatch` command when a name is
misspelt on the command line (walk15): the nearest one, as for source and subscription ids."""

from __future__ import annotations

import pytest

from tests.crawl_helpers import fundwatch
from tests.web_helpers import export_site


@pytest.fixture
def site(tmp_path, monkeypatch):
    return export_site(tmp_path, monkeypatch)


def test_export_unknown_tag_says_the_nearest(site):
    config, db_path, _ = site
    done = fundwatch("export", "--format", "csv", "--tag", "netzero", config=config, db=db_path)
    assert done.returncode == 2, done.stderr
    assert "unknown tag 'netzero' (did you mean 'net_zero'?); known tags: " in done.stderr
