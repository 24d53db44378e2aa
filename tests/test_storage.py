"""The repository: one opportunity per funding pot, merged across sources; versions and events only on real change."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from storage.db import open_db
from storage.opportunities import remove_unlisted
from storage.record import record_sighting
from storage.search import search_opportunities
from storage.sighting import Sighting

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)


def sighting(source_id: str, ref: str, **fields) -> Sighting:
    base = {
        "source_id": source_id,
        "ref": ref,
        "url": ref,
        "title": "Local Authority Housing Fund Round 4",
        "summary": "Capital funding for councils to buy homes.",
        "funder": "Ministry of Housing, Communities and Local Government",
        "opens_at": None,
        "closes_at": datetime(2027, 1, 12, 23, 59, tzinfo=UTC),
        "amount_min": None,
        "amount_max": 450_000_000.0,
        "amount_text": "£450 million",
        "status": "open",
        "eligibility": "Local authorities in England.",
        "tags": ["housing"],
        "council_eligible": "yes",
        "eligibility_phrase": "Local authorities",
    }
    return Sighting(**{**base, **fields})


@pytest.fixture
def db(tmp_path):
    return open_db(tmp_path / "fundwatch.db")


def rows(db, table, where=None):
    return list(db[table].rows_where(where))


def test_same_canonical_url_on_two_sources_is_one_opportunity_with_two_listings(db):
    first = record_sighting(
        db, sighting("find_a_grant", "https://gov.example/fund"), run_id=1, now=NOW
    )
    second = record_sighting(
        db,
        sighting(
            "govuk_news",
            "tag:gov.example,2005:/fund",
            url="https://gov.example/fund",
            title="Different words",
        ),
        run_id=2,
        now=NOW,
    )
    assert (first.kind, second.opportunity_id) == ("new", first.opportunity_id)
    assert len(rows(db, "opportunities")) == 1 and len(rows(db, "listings")) == 2
    opportunity = rows(db, "opportunities")[0]
    assert json.loads(opportunity["source_ids"]) == ["find_a_grant", "govuk_news"]
    assert opportunity["title"] == "Local Authority Housing Fund Round 4", (
        "the first source stays primary"
    )


def test_near_identical_title_same_funder_compatible_date_merges(db):
    record_sighting(db, sighting("find_a_grant", "https://fag.example/lahf-4"), run_id=1, now=NOW)
    merged = record_sighting(
        db,
        sighting(
            "govuk_news",
            "https://www.gov.uk/news/lahf-4",
            title="Local Authority Housing Fund: Round 4",
            funder="Ministry of Housing, Communities & Local Government",
            closes_at=None,  # a news feed gives no deadline: compatible
        ),
        run_id=2,
        now=NOW,
    )
    assert len(rows(db, "opportunities")) == 1
    assert merged.kind == "unchanged"
    assert [e["kind"] for e in rows(db, "events")] == ["new"], (
        "a second sighting of one call is not news"
    )


def test_one_pot_worded_differently_on_another_source_merges(db):
    # An acronym, a round in words, a document word after the colon, the department's initials:
    # found through the repository's candidate index and the fuzzy prefilter, not just same_call().
    record_sighting(db, sighting("find_a_grant", "https://fag.example/lahf-4"), run_id=1, now=NOW)
    record_sighting(
        db,
        sighting(
            "govuk_news",
            "https://www.gov.uk/guidance/lahf-4",
            title="The Local Authority Housing Fund (LAHF) round four: prospectus",
            funder="MHCLG",
        ),
        run_id=2,
        now=NOW,
    )
    assert len(rows(db, "opportunities")) == 1


@pytest.mark.parametrize(
    "other,why",
    [
        ({"title": "Local Authority Housing Fund Round 5"}, "another round"),
        ({"title": "Local Authority Housing Fund Round Five"}, "another round, in words"),
        ({"closes_at": datetime(2027, 3, 1, 23, 59, tzinfo=UTC)}, "another deadline"),
        ({"funder": "Department for Education"}, "another funder"),
        ({"funder": None}, "funder unknown"),
        # With no deadline to compare, a year on one side is all there is to tell them apart by.
        ({"title": "Local Authority Housing Fund Round 4 2027", "closes_at": None}, "a year"),
    ],
)
def test_similar_but_different_calls_stay_apart(db, other, why):
    record_sighting(db, sighting("find_a_grant", "https://fag.example/lahf-4"), run_id=1, now=NOW)
    record_sighting(
        db, sighting("govuk_news", "https://www.gov.uk/news/other", **other), run_id=2, now=NOW
    )
    assert len(rows(db, "opportunities")) == 2, why


def test_same_source_never_merges_two_of_its_own_listings(db):
    record_sighting(db, sighting("ukri", "https://ukri.example/a"), run_id=1, now=NOW)
    record_sighting(db, sighting("ukri", "https://ukri.example/b"), run_id=1, now=NOW)
    assert len(rows(db, "opportunities")) == 2


def test_unchanged_resighting_writes_no_version_or_event_and_tags_never_count(db):
    item = sighting("ukri", "https://ukri.example/a")
    record_sighting(db, item, run_id=1, now=NOW)
    again = record_sighting(
        db,
        item.model_copy(update={"tags": ("housing", "council")}),
        run_id=2,
        now=NOW + timedelta(hours=6),
    )
    assert again.kind == "unchanged"
    assert rows(db, "versions") == [] and len(rows(db, "events")) == 1
    opportunity = rows(db, "opportunities")[0]
    assert json.loads(opportunity["tags"]) == ["council", "housing"]  # new tags are kept


def test_an_unchanged_resighting_writes_nothing_at_all(db):
    """[8/9]: an unchanged re-crawl costs almost nothing: no row is rewritten, the FTS index is
    untouched (what a crawl saw is kept by the crawl, not by rewriting each listing)."""
    item = sighting("ukri", "https://ukri.example/a")
    record_sighting(db, item, run_id=1, now=NOW)
    changes_before = db.conn.total_changes
    moved = item.model_copy(update={"page_url": "https://ukri.example/page/2"})
    again = record_sighting(db, moved, run_id=2, now=NOW + timedelta(hours=6))
    assert again.kind == "unchanged"
    assert db.conn.total_changes == changes_before
    assert rows(db, "opportunities")[0]["last_seen"] == NOW.isoformat()


def test_change_records_version_and_event_with_before_and_after(db):
    item = sighting("ukri", "https://ukri.example/a")
    record_sighting(db, item, run_id=1, now=NOW)
    moved = record_sighting(
        db,
        item.model_copy(
            update={"closes_at": datetime(2027, 1, 26, 23, 59, tzinfo=UTC), "status": "closed"}
        ),
        run_id=2,
        now=NOW,
    )
    assert moved.kind == "changed"
    (version,) = rows(db, "versions")
    assert version["version"] == 2
    assert json.loads(version["changes"]) == {
        "closes_at": {"before": "2027-01-12T23:59:00+00:00", "after": "2027-01-26T23:59:00+00:00"},
        "status": {"before": "open", "after": "closed"},
    }
    assert [e["kind"] for e in rows(db, "events")] == ["new", "changed", "closed"]


def test_gap_filled_by_a_second_source_is_history_not_news(db):
    record_sighting(
        db,
        sighting("govuk_news", "https://www.gov.uk/news/lahf-4", closes_at=None, amount_max=None),
        run_id=1,
        now=NOW,
    )
    record_sighting(db, sighting("find_a_grant", "https://fag.example/lahf-4"), run_id=2, now=NOW)
    opportunity = rows(db, "opportunities")[0]
    assert opportunity["closes_at"] == "2027-01-12T23:59:00+00:00"
    assert len(rows(db, "versions")) == 1
    assert [e["kind"] for e in rows(db, "events")] == ["new"]


def test_removed_only_when_no_source_lists_it_any_more(db):
    record_sighting(db, sighting("a", "https://x.example/1"), run_id=1, now=NOW)
    record_sighting(db, sighting("b", "https://x.example/1"), run_id=2, now=NOW)
    assert remove_unlisted(db, "a", seen=set(), run_id=3, now=NOW) == 0  # b still lists it
    assert [e["kind"] for e in rows(db, "events")] == ["new"]
    assert remove_unlisted(db, "b", seen=set(), run_id=4, now=NOW) == 1
    assert [e["kind"] for e in rows(db, "events")] == ["new", "removed"]
    assert search_opportunities(db, "housing") == []


def test_search_is_ranked_full_text_and_user_text_is_never_fts_syntax(db):
    record_sighting(
        db,
        sighting("a", "https://x.example/1", title="Net Zero Heat Fund", summary="Heat networks."),
        run_id=1,
        now=NOW,
    )
    record_sighting(db, sighting("a", "https://x.example/2", title="Bus fund"), run_id=1, now=NOW)
    assert [r["title"] for r in search_opportunities(db, "net zero")] == ["Net Zero Heat Fund"]
    assert {r["title"] for r in search_opportunities(db, "ministry")} == {
        "Net Zero Heat Fund",
        "Bus fund",
    }
    for hostile in ('"', "NEAR(", "title:*", "a OR", "(((", "-"):
        search_opportunities(db, hostile)  # must not raise


def test_a_source_silent_for_over_twice_its_cadence_is_overdue():
    from storage.runs import overdue

    run = {"started_at": (NOW - timedelta(hours=13)).isoformat()}
    assert overdue(run, timedelta(hours=6), NOW) == timedelta(hours=13)
    assert overdue(run, timedelta(hours=7), NOW) is None
    assert overdue(None, timedelta(hours=6), NOW) is None


def test_a_url_seen_on_any_listing_joins_that_opportunity(db):
    record_sighting(db, sighting("find_a_grant", "https://fag.example/lahf-4"), run_id=1, now=NOW)
    record_sighting(
        db,
        sighting(
            "govuk_news",
            "https://www.gov.uk/news/lahf-4",
            title="Local Authority Housing Fund: Round 4",
        ),
        run_id=2,
        now=NOW,
    )
    # A third source links to the GOV.UK page, not the primary listing's URL, under another title.
    record_sighting(
        db,
        sighting(
            "council_news", "https://www.gov.uk/news/lahf-4", title="Housing money for councils"
        ),
        run_id=3,
        now=NOW,
    )
    assert len(rows(db, "opportunities")) == 1 and len(rows(db, "listings")) == 3


def test_calls_one_source_names_by_its_own_ids_stay_apart_though_they_share_a_link(db):
    # An api whose calls all link to one application portal: one URL, three calls.
    portal = "https://portal.example.org/apply"
    for ref, title in [("G-1", "Small grants"), ("G-2", "Capital grants"), ("G-3", "Feasibility")]:
        record_sighting(db, sighting("grants_api", ref, url=portal, title=title), run_id=1, now=NOW)
    assert len(rows(db, "opportunities")) == 3 and len(rows(db, "listings")) == 3
    # Another source's listing of that URL still joins the first call there.
    record_sighting(db, sighting("council_news", portal, title="Apply now"), run_id=2, now=NOW)
    assert len(rows(db, "opportunities")) == 3 and len(rows(db, "listings")) == 4


def test_a_listing_re_keyed_by_its_link_is_the_call_it_was(db):
    # A feed's guid loses its tracking parameter: same source, same URL, a new link-shaped ref.
    url = "https://funder.example/fund"
    record_sighting(
        db, sighting("funder_feed", f"{url}?utm_campaign=nov", url=url), run_id=1, now=NOW
    )
    record_sighting(db, sighting("funder_feed", url, url=url), run_id=2, now=NOW)
    assert len(rows(db, "opportunities")) == 1 and len(rows(db, "listings")) == 2


def test_a_source_that_lists_a_window_never_says_a_call_has_gone(db):
    from storage.runs import finish_run, start_run

    record_sighting(db, sighting("fts", "https://fts.example/a"), run_id=1, now=NOW)
    run = start_run(db, "fts", "b2", NOW + timedelta(days=15))
    counts = {"items": 0}
    finish_run(
        db, run.id, NOW, problems=[], complete=True, counts=counts, infer_removals=False, seen=set()
    )
    assert rows(db, "events", "kind = 'removed'") == []
    run = start_run(db, "fts", "b3", NOW + timedelta(days=16))
    finish_run(db, run.id, NOW, problems=[], complete=True, counts=counts, seen=set())
    assert len(rows(db, "events", "kind = 'removed'")) == 1  # a source that lists everything does
