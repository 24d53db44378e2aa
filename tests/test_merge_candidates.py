"""Cross-source merge candidates: a twin found through the first-word and deadline index when its
sorted words differ, and funders of one family (a body and its parent) treated as one."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from storage.db import open_db
from storage.opportunities import listing_id, remove_unlisted
from storage.record import record_sighting
from tests.test_storage import NOW, rows, sighting


@pytest.fixture
def db(tmp_path):
    return open_db(tmp_path / "fundwatch.db")


@pytest.mark.parametrize(
    "title, closes_at",
    [
        ("Local Authority Houseing Fund Round 4", datetime(2027, 1, 13, 12, tzinfo=UTC)),  # a typo
        ("Local Authority Housing Fund - Round 4 (LAHF)", None),  # no deadline: compatible
    ],
)
def test_a_near_title_found_through_the_first_word_and_deadline_index_merges(db, title, closes_at):
    # Titles whose sorted words differ are found by their first initials and deadline, not a lookup
    # of the whole key; a removed call and a far deadline with the same initials are not candidates.
    first = sighting("find_a_grant", "https://fag.example/lahf-4")
    record_sighting(db, first, run_id=1, now=NOW)
    gone = sighting(
        "find_a_grant",
        "https://fag.example/old",
        title="Local Authority Housing Fund Round 4 (old)",
    )
    record_sighting(db, gone, run_id=1, now=NOW)
    seen = {listing_id("find_a_grant", first.ref)}
    assert remove_unlisted(db, "find_a_grant", seen=seen, run_id=1, now=NOW) == 1
    far = sighting(
        "find_a_grant",
        "https://fag.example/far",
        title="Local Authority Housing Fund Round 4 ",
        closes_at=datetime(2027, 6, 1, tzinfo=UTC),
    )
    record_sighting(db, far, run_id=1, now=NOW)
    merged = record_sighting(
        db,
        sighting("govuk_news", "https://www.gov.uk/news/lahf", title=title, closes_at=closes_at),
        run_id=2,
        now=NOW,
    )
    opportunity = db["opportunities"].get(merged.opportunity_id)
    assert json.loads(opportunity["source_ids"]) == ["find_a_grant", "govuk_news"]
    assert opportunity["url"] == "https://fag.example/lahf-4"


def test_a_call_listed_by_a_funder_and_by_its_parent_body_is_one_opportunity(db):
    # UKRI's funding finder lists Innovate UK's competitions under UKRI's name.
    ukri = sighting("ukri_rss", "https://ukri.example/twins", funder="UK Research and Innovation")
    record_sighting(db, ukri, run_id=1, now=NOW)
    ifs = sighting("innovate_uk_ifs", "https://ifs.example/2318", funder="Innovate UK")
    assert record_sighting(db, ifs, run_id=2, now=NOW).kind == "unchanged"
    assert len(rows(db, "opportunities")) == 1
    other = sighting("find_a_grant", "https://fag.example/twins", funder="Arts Council England")
    record_sighting(db, other, run_id=3, now=NOW)
    assert len(rows(db, "opportunities")) == 2, "another funder's call of the same name stays apart"


def test_a_repository_keyed_before_call_names_is_re_keyed_so_new_twins_find_its_calls(db):
    # Keys were the title's own words: "Apply now: Green Heat Network Fund" was filed under "apply",
    # where its twin "Green Heat Network Fund (GHNF)", looked up by its name's first word, never looks.
    from storage.migrations_later import m021_title_keys_from_call_names

    first = sighting(
        "govuk_news", "https://www.gov.uk/ghnf", title="Apply now: Green Heat Network Fund"
    )
    stored = record_sighting(db, first, run_id=1, now=NOW)
    db.execute(
        "UPDATE opportunities SET title_key = 'apply fund green heat network now', "
        "title_lead = 'apply' WHERE id = ?",
        [stored.opportunity_id],
    )
    m021_title_keys_from_call_names(db)
    twin = sighting(
        "find_a_grant", "https://fag.example/ghnf", title="Green Heat Network Fund (GHNF)"
    )
    assert record_sighting(db, twin, run_id=2, now=NOW).opportunity_id == stored.opportunity_id
    assert len(rows(db, "opportunities")) == 1


@pytest.mark.parametrize(
    "stored_title, arriving_title",
    [
        ("Levelling Up Fund Round 4", "LUF round 4"),  # initials, found by the lead "luf"
        ("LAHF round 4", "Local Authority Housing Fund Round 4"),
        ("Housing Secretary announces £450m Local Authority Housing Fund round 4", "LAHF Round 4"),
    ],
)
def test_a_pot_and_its_initials_or_headline_are_one_opportunity(db, stored_title, arriving_title):
    # Round 13: their sorted words differ and so did their first words; the lead is the name's first
    # initials now, so the twin is a candidate through the index and same_call reads the initials.
    first = sighting("govuk_news", "https://www.gov.uk/news/1", title=stored_title)
    stored = record_sighting(db, first, run_id=1, now=NOW)
    twin = sighting("find_a_grant", "https://fag.example/2", title=arriving_title)
    assert record_sighting(db, twin, run_id=2, now=NOW).opportunity_id == stored.opportunity_id
    other = sighting("council_digest", "https://digest.example/3", title="LUF round 3")
    record_sighting(db, other, run_id=3, now=NOW)
    assert len(rows(db, "opportunities")) == 2, "another round's initials stay apart"


def test_a_repository_keyed_by_first_words_is_re_keyed_so_initials_find_its_calls(tmp_path):
    # Before m023 the lead was the name's first word: "Levelling Up Fund Round 4" was filed under
    # "levelling", where "LUF round 4", looked up by its initials "luf", never looks. A repository
    # made up to m022, its call keyed as then, is opened as fundwatch opens it.
    from sqlite_utils import Database

    from storage.migrations import migrations

    path = tmp_path / "old.db"
    migrations.apply(Database(path), stop_before="m023_title_keys_initials_and_headlines")
    old = Database(path)
    first = sighting("govuk", "https://www.gov.uk/luf-4", title="Levelling Up Fund Round 4")
    stored = record_sighting(old, first, run_id=1, now=NOW)
    old.execute(
        "UPDATE opportunities SET title_lead = 'levelling' WHERE id = ?", [stored.opportunity_id]
    )
    old.conn.commit()
    old.close()
    db = open_db(path)
    twin = sighting("find_a_grant", "https://fag.example/luf-4", title="LUF round 4")
    assert record_sighting(db, twin, run_id=2, now=NOW).opportunity_id == stored.opportunity_id
    assert len(rows(db, "opportunities")) == 1


def test_a_welsh_title_and_its_english_twin_are_one_opportunity(db):
    # Welsh Government pages name a scheme in both languages; the Welsh title is read in English.
    welsh = sighting(
        "llyw_cymru",
        "https://www.llyw.cymru/cronfa-teithio-llesol",
        title="Cronfa Teithio Llesol 2026-27",
        funder="Llywodraeth Cymru",
    )
    stored = record_sighting(db, welsh, run_id=1, now=NOW)
    english = sighting(
        "gov_wales",
        "https://www.gov.wales/active-travel-fund",
        title="Active Travel Fund 2026 to 2027",
        funder="Welsh Government",
    )
    assert record_sighting(db, english, run_id=2, now=NOW).opportunity_id == stored.opportunity_id
    england = sighting(
        "dft", "https://www.gov.uk/atf", title="Active Travel Fund 2026 to 2027", funder="DfT"
    )
    record_sighting(db, england, run_id=3, now=NOW)
    assert len(rows(db, "opportunities")) == 2, "England's fund of that name stays apart"
