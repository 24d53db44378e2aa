"""What the real `fundwatch` command tells a curator or a council officer, where walking the README
(walk15) found it said too little: a misspelt tag's nearest one, the calendar's opening dates in
--help, a web page where a feed was, results a --limit left out, what an api's answer holds."""

from __future__ import annotations

import pytest

from tests.crawl_helpers import fundwatch, write_config
from tests.web_helpers import export_site


@pytest.fixture
def exported(tmp_path, monkeypatch):
    return export_site(tmp_path, monkeypatch)


def test_export_unknown_tag_says_the_nearest(exported):
    config, db_path, _ = exported
    done = fundwatch("export", "--format", "csv", "--tag", "netzero", config=config, db=db_path)
    assert done.returncode == 2, done.stderr
    assert "unknown tag 'netzero' (did you mean 'net_zero'?); known tags: " in done.stderr


def test_export_help_says_the_calendar_has_opening_dates(tmp_path):
    # walk15: the calendar holds an "Opens: …" event for each call still to open (README: "an ICS
    # calendar of closing (and opening) dates"), but --help said only "a calendar of closing dates".
    done = fundwatch("export", "--help", config=tmp_path, db=tmp_path / "none.db")
    assert done.returncode == 0, done.stderr
    said = " ".join(done.stdout.split())
    assert "ics: a calendar of closing dates, and opening dates of calls still to open" in said
    assert "one on its opening date while it is still to open" in said


def test_sources_try_on_a_web_page_names_the_feed_it_links(tmp_path, site):
    # walk15: the page a curator pasted as a feed's url said feedparser's "NonXMLContentType".
    site.add(
        "/news/",
        '<html><head><link rel="alternate" type="application/atom+xml" href="/news/atom.xml">'
        "</head><body><h1>News</h1></body></html>",
    )
    entry = {"id": "news_feed", "kind": "feed", "urls": [f"{site.url}/news/"]}
    config = write_config(tmp_path / "config", [entry])
    done = fundwatch("sources", "try", "news_feed", config=config, db=tmp_path / "none.db")
    assert done.returncode == 1, done.stdout + done.stderr
    assert (
        f"problem: not a feed on {site.url}/news/: it answered a web page (text/html), not RSS, "
        f"Atom or a JSON Feed; the page names its feed: {site.url}/news/atom.xml"
    ) in done.stdout, done.stdout


def test_search_says_when_its_limit_left_results_out(exported):
    # walk15: `search "net zero" --limit 1` said "1 result(s)" where several matched.
    config, db_path, _ = exported
    done = fundwatch("search", "housing", "--limit", "1", config=config, db=db_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == (
        "1 result(s) shown; more match: a higher --limit shows them"
    )
    every = fundwatch("search", "housing", "--limit", "50", config=config, db=db_path)
    assert every.stdout.splitlines()[-1] == "2 result(s)", every.stdout


def test_sources_try_on_an_api_says_what_the_answer_holds(tmp_path, site):
    # walk15: a mistyped `item` said "found nothing: the API's answer may have changed shape",
    # with no clue that the list was under "data".
    site.add(
        "/api/calls",
        '{"data": [{"name": "A call", "link": "/calls/a"}], "meta": {"total": 1}}',
        content_type="application/json",
    )
    entry = {
        "id": "an_api",
        "kind": "api",
        "urls": [f"{site.url}/api/calls"],
        "item": "results[*]",
        "fields": {"title": "name", "url": "link"},
    }
    config = write_config(tmp_path / "config", [entry])
    done = fundwatch("sources", "try", "an_api", config=config, db=tmp_path / "none.db")
    assert done.returncode == 1, done.stdout + done.stderr
    assert (
        f"problem: expected a list of items at 'results[*]' on {site.url}/api/calls, found "
        "nothing (the answer is an object with keys data, meta): the API's answer may have "
        "changed shape"
    ) in done.stdout, done.stdout
