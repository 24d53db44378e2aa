"""Every answer of the served repository says `X-Content-Type-Options: nosniff`: its lists, feeds and
calendars carry scraped markup as text, and Datasette's CSV is served as text/plain."""

from __future__ import annotations

import pytest

from tests.serve_helpers import served


@pytest.fixture
def client(tmp_path):
    client, ids = served(tmp_path)
    client.ids = ids
    yield client
    client.close()


def test_every_kind_of_answer_says_nosniff(client):
    call = client.ids["Heat network zoning pilot"]
    paths = ["/", "/-/feeds", "/-/feeds/all.atom", "/-/feeds/tag/net_zero.ics",
             f"/opportunity/{call}", f"/opportunity/{call}.ics", "/fundwatch/opportunities",
             "/fundwatch/opportunities.csv", "/fundwatch/opportunities.json",
             "/assets/fundwatch.css", "/no/such/page"]  # fmt: skip
    for path in paths:
        answer = client.get(path)
        assert answer.headers.get("x-content-type-options") == "nosniff", (path, answer.status_code)
        assert answer.headers.get_list("x-content-type-options") == ["nosniff"]
