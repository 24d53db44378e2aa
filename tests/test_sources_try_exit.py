"""`fundwatch sources try` exits 1 when it reports a problem a crawl would fail the run with (a
next page answering 500, a selector matching nothing on a page), not only when nothing was
extracted: before, it printed "problem: HTTP 500 on …" and exited 0, so a script or CI job trying
an entry heard nothing. Notes (a page left because it only repeated calls) leave exit 0. The site
is hand-built in the test."""

from __future__ import annotations

import pytest

from tests.crawl_helpers import fundwatch, write_config

pytestmark = pytest.mark.slow

PAGE = """<ul>
<li><a href="/grants/{slug}">{title}</a></li>
</ul><a class="next" href="{next}">Next</a>"""


def tried(tmp_path, site, *extra: str):
    entry = {
        "id": "westvale",
        "kind": "listing",
        "urls": [f"{site.url}/grants"],
        "item": "li",
        "fields": {"title": "a::text", "url": "a::attr(href)"},
        "next_page": "a.next::attr(href)",
    }
    config = write_config(tmp_path / "config", [entry])
    return fundwatch("sources", "try", "westvale", *extra, config=config, db=tmp_path / "n.db")


def test_a_problem_a_crawl_would_fail_on_exits_1(tmp_path, site):
    site.add("/grants", PAGE.format(slug="halls", title="Village Halls Fund", next="/grants?p=2"))
    site.add("/grants?p=2", "Internal error", status=500)
    for extra in ((), ("--json",)):
        result = tried(tmp_path, site, *extra)
        assert f"HTTP 500 on {site.url}/grants?p=2" in result.stdout
        assert result.returncode == 1, result.stdout  # was 0


def test_a_note_alone_leaves_exit_0(tmp_path, site):
    # Page 2 only repeats page 1's call: "not followed" is a note, as in a crawl.
    site.add("/grants", PAGE.format(slug="halls", title="Village Halls Fund", next="/grants?p=2"))
    site.add(
        "/grants?p=2", PAGE.format(slug="halls", title="Village Halls Fund", next="/grants?p=3")
    )
    result = tried(tmp_path, site)
    assert "not followed: " in result.stdout and "problem:" not in result.stdout
    assert result.returncode == 0, result.stdout
