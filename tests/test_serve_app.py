"""The served repository, in-process: the pages people use, the filters they think in, the lists
they ask for, read-only SQL off unless the operator turns it on, and hostile text kept inert."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest

from storage.db import open_db
from storage.outbox import Route, enqueue
from storage.record import record_sighting
from storage.sighting import Sighting
from tests.serve_helpers import SERVED_NOW, served
from tests.web_helpers import HOSTILE

TABLE = "/fundwatch/opportunities"


@pytest.fixture
def client(tmp_path):
    running, ids = served(tmp_path)
    running.ids = ids
    yield running
    running.close()


def text_of(page: str) -> str:
    """What a reader sees: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_home_page_searches_and_counts_what_is_open(client):
    page = client.get("/")
    assert page.status_code == 200
    seen = text_of(page.text)
    assert "Find funding for your council" in seen
    assert "Open to councils, closing soonest" in seen and "Closing within 14 days" in seen
    assert 'action="/fundwatch/opportunities"' in page.text and 'name="_search"' in page.text
    assert "Net zero & climate (2)" in seen  # open calls per topic, by label
    assert "Subscribe to deadlines" in seen


def test_search_and_the_filters_people_think_in(client):
    page = client.get(f"{TABLE}?_search=heat+network")
    assert page.status_code == 200
    assert "1 funding call matching “heat network”" in text_of(page.text)
    browse = client.get(f"{TABLE}.json?_open=1")
    facets = browse.json()["facet_results"]
    assert list(facets) == [
        "council_eligible", "tags", "closes_at", "status", "kind", "funder", "source_ids",
    ]  # fmt: skip
    labels = {f: {v["label"]: v["count"] for v in facets[f]["results"]} for f in facets}
    assert labels["council_eligible"] == {"Yes": 2, "As a partner": 1, "Unclear": 1}
    assert labels["tags"]["Net zero & climate"] == 2
    assert labels["source_ids"] == {"Find a Grant": 3, "UKRI Funding Finder": 2}
    assert labels["closes_at"] == {"December 2026": 2, "January 2027": 1}
    assert labels["status"] == {"Open": 4}
    assert labels["kind"] == {"Funding call": 4}
    # Clicking a facet value filters by it; the panel shows it chosen.
    digital = next(v for v in facets["tags"]["results"] if v["value"] == "digital")
    clicked = client.get(digital["toggle_url"].replace("http://localhost", "").replace(".json", ""))
    assert clicked.status_code == 200
    seen = text_of(clicked.text)
    assert "1 funding call, open now, tagged Digital & data" in seen
    assert "Topic: Digital & data" in seen and "Local Digital Fund round 8" in seen
    month = client.get(f"{TABLE}.json?_closes_month=2027-01&_shape=array")
    assert [row["title"] for row in month.json()] == ["Heat network zoning pilot"]


def test_calls_no_longer_listed_are_hidden_unless_asked(client):
    everything = client.get(f"{TABLE}.json?_shape=array&_removed=1").json()
    live = client.get(f"{TABLE}.json?_shape=array").json()
    assert len(everything) == len(live) == 5  # nothing removed here: the filter is harmless


def test_canned_queries_answer_the_common_questions(client):
    wanted = {
        "open_to_councils": ["Local Digital Fund round 8", "HOSTILE", "Heat network zoning pilot"],
        "closing_within_14_days": ["Local Digital Fund round 8"],
        "new_this_week": [],
        "changed_this_week": ["Heat network zoning pilot"],
    }
    for name, titles in wanted.items():
        rows = client.get(f"/fundwatch/{name}.json?_shape=array").json()
        assert [HOSTILE if t == "HOSTILE" else t for t in titles] == [r["title"] for r in rows]
        page = client.get(f"/fundwatch/{name}")
        assert page.status_code == 200 and "select" not in page.text.lower().split("<main")[1]


def test_a_call_page_shows_its_sources_and_history(client):
    heat = client.ids["Heat network zoning pilot"]
    page = client.get(f"/opportunity/{heat}")
    assert page.status_code == 200
    seen = text_of(page.text)
    assert "Councils can apply" in seen and "Local authorities in England can apply" in seen
    assert "Closes 26 Jan 2027, 4:00pm (53 days left)" in seen
    assert (
        "Closing date: 12 Jan 2027, 4:00pm → 26 Jan 2027, 4:00pm, seen on UKRI Funding Finder, "
        "3 Dec 2026" in seen
    )
    assert "First seen on UKRI Funding Finder, 25 Nov 2026" in seen
    assert 'href="https://www.ukri.org/opportunity/heat-network-zoning/"' in page.text
    assert "Find a Grant" in seen  # both sources it was seen on
    assert f'value="http://localhost/opportunity/{heat}"' in page.text  # the link to share
    assert client.get("/opportunity/opp_nope").status_code == 404


def test_sql_is_off_unless_the_operator_turns_it_on(client, tmp_path):
    assert client.get("/fundwatch?sql=select+1").status_code == 403
    assert client.get(f"{TABLE}?_where=1").status_code == 403
    assert client.get("/fundwatch/outbox").status_code == 403  # private tables: never shown
    assert client.get("/fundwatch.db").status_code in (403, 404)  # no download of the file
    operator, ids = served(tmp_path / "sql", allow_sql=True)
    db = open_db(tmp_path / "sql" / "fundwatch.db")
    route = Route("climate_team", "email", "daily")
    enqueue(db, ids["Heat network zoning pilot"], "new", None, [route], SERVED_NOW)
    db.close()
    try:
        allowed = operator.get("/fundwatch.json?sql=select+count(*)+as+n+from+opportunities")
        assert allowed.status_code == 200 and allowed.json()["rows"] == [[5]]
        # Who is subscribed to what never leaves, even to the operator's own SQL.
        private = operator.get("/fundwatch.json?sql=select+subscription_id,+channel+from+outbox")
        assert private.status_code == 200 and private.json()["rows"] == [[None, None]]
        write = operator.get("/fundwatch.json?sql=update+opportunities+set+title='x'")
        assert write.status_code == 400
        row = operator.get(f"/fundwatch/opportunities/{ids['Heat network zoning pilot']}")
        assert row.status_code == 200  # Datasette's row page, links from other tables and all
    finally:
        operator.close()


def test_a_hostile_title_renders_as_text_on_every_page(client):
    evil = client.ids[HOSTILE]
    for path in (
        "/",
        f"{TABLE}?_search=Evil",
        "/fundwatch/open_to_councils",
        f"/opportunity/{evil}",
    ):
        page = client.get(path)
        assert page.status_code == 200, path
        assert "<script>alert" not in page.text and "<b>fund</b>" not in page.text, path
        assert "&lt;script&gt;alert(" in page.text, path
        assert "\u202e" not in page.text and "\x1b" not in page.text, path
        assert 'onerror="alert' not in page.text
    page = client.get(f"/opportunity/{evil}").text
    assert 'href="javascript' not in page.lower()


def test_a_council_digital_team_can_filter_to_market_engagement(client, tmp_path):
    db = open_db(tmp_path / "fundwatch.db")
    notice = Sighting(
        source_id="find_a_grant", ref="FTS-1", url="https://www.find-tender.service.gov.uk/1",
        title="Case management system: preliminary market engagement", status="open",
        funder="Cumberland Council", kind="market_engagement", buyer="Cumberland Council",
        buyer_council=True, closes_at=SERVED_NOW + timedelta(days=20),
    )  # fmt: skip
    record_sighting(db, notice, run_id=None, now=SERVED_NOW)
    db.close()
    facets = client.get(f"{TABLE}.json?_open=1").json()["facet_results"]
    kinds = {v["label"]: v for v in facets["kind"]["results"]}
    assert {label: v["count"] for label, v in kinds.items()} == {
        "Funding call": 4,
        "Market engagement": 1,
    }
    toggle = kinds["Market engagement"]["toggle_url"].replace("http://localhost", "")
    clicked = client.get(toggle + "&_shape=array")
    assert [row["title"] for row in clicked.json()] == [notice.title]
    page = client.get(f"{TABLE}?kind=market_engagement&_open=1")
    assert "Kind: Market engagement" in text_of(page.text)


@pytest.mark.parametrize("query", ["%22", "%22%22", "+%22+"])
def test_a_search_of_only_quote_marks_is_the_list_unsearched(client, query):
    # A stray " in the search box answered 400 "Invalid SQL" (fts5: syntax error near "").
    page = client.get(f"{TABLE}?_search={query}")
    assert page.status_code == 200, page.text[:300]
    assert "Invalid SQL" not in page.text
    assert client.get(f"{TABLE}?_search=heat+network%22").status_code == 200  # still searched
