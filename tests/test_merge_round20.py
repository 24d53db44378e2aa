"""Round 20 of the cross-source merge: a strand or stage named on one source only, a title a card cut
short, a Welsh title's word order, funders under old, short and Welsh names, a digest's funder in
brackets; a plain listing that never joins two stages into one opportunity, whichever order the
three listings come in; and a repository keyed before round 20 re-keyed (m029)."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import permutations

import pytest

from storage.call_names import call_name, funder_in_title
from storage.cut_titles import uncut
from storage.db import open_db
from storage.funders import same_funder
from storage.record import record_sighting
from storage.same_call import own_name
from storage.strands import apart, qualified, strand_aside
from storage.welsh_names import in_english
from tests.test_storage import NOW, rows, sighting

MARCH = datetime(2027, 3, 1, 23, 59, tzinfo=UTC)


def test_a_strand_on_one_side_only_is_set_aside_and_two_strands_are_kept():
    assert strand_aside("pool fund capital strand", "pool fund") == ("pool fund", "pool fund")
    assert strand_aside("pool fund", "pool fund revenue stream") == ("pool fund", "pool fund")
    both = ("pool fund capital strand", "pool fund revenue strand")
    assert strand_aside(*both) == both
    # What is left must be the other name, not merely near it: a long name's other strand written
    # without the word "strand" would otherwise score within the threshold.
    long = "local authority decarbonisation of social housing demonstrator"
    near = (f"{long} capital strand", f"{long} revenue")
    assert strand_aside(*near) == near


def test_names_apart_say_different_stages_years_or_strands_and_a_plain_name_is_apart_from_none():
    assert apart("heat fund 1", "heat fund 2")
    assert apart("heat fund 2026 2027", "heat fund 2027 2028")
    assert apart("pool fund capital strand", "pool fund revenue strand")
    assert not apart("heat fund", "heat fund 2")
    assert not apart("heat fund 2026", "heat fund 2026 2027")
    assert not apart("heat fund 2", "heat fund 2")
    assert qualified("heat fund 2") and qualified("pool fund capital strand")
    assert not qualified("heat fund")


def test_a_cut_title_is_made_whole_from_the_other_or_is_not_the_same():
    other = "Supported Housing Improvement Programme: capital funding"
    assert uncut("Supported Housing Improvement Programme: capital fun…", other) == other
    assert uncut("Nature Grant Sch...", "Nature Grant Scheme") == "Nature Grant Scheme"
    # A round's word with its number cut off is left out: the name says no round.
    assert uncut("Know Your Neighbourhood Fund round …", "x") == "Know Your Neighbourhood Fund"
    assert uncut("Awards (capi…", "Awards (capital strand)") == "Awards (capital strand"
    assert uncut("Pool Fund – Cap…", "Pool Fund – Revenue strand") is None
    assert (
        uncut("Heritage Horizon Awards (deve…", "Heritage Horizon Awards (delivery stage)") is None
    )
    assert uncut("Plain title", "other") == "Plain title"
    # Where the other title has no word after the cut word's, nothing is known: kept as written.
    assert uncut("Green Fund: apply b…", "Green Fund") == "Green Fund: apply b"
    assert uncut("Heritage Horizon Awards (deve…", "Heritage Horizon Awards") == (
        "Heritage Horizon Awards (deve"
    )
    # A probe: cut straight after the round's word, "Wave" whole and its number gone.
    other = "Warm Homes: Social Housing Fund Wave 3"
    assert (
        uncut("Warm Homes: Social Housing Fund Wave...", other) == "Warm Homes: Social Housing Fund"
    )


def test_a_welsh_title_reads_its_kind_of_pot_last_as_english_does():
    # Before round 20: "fund heritage local", whose last word "local" a digest's words set aside.
    assert in_english("cronfa treftadaeth leol") == "heritage local fund"
    assert (
        in_english("cronfa teithio llesol 2027-28 – ar agor")
        == "travel active fund 2027-28 – on open"
    )
    assert call_name("Cronfa Treftadaeth Leol") == "heritage local fund"
    assert call_name("Pen y Cymoedd Community Fund") == "pen cymoedd community fund"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("NLHF", "The Heritage Fund"),
        ("Heritage Lottery Fund", "National Lottery Heritage Fund"),
        ("Big Lottery Fund", "TNLCF"),
        ("Big Lottery", "The National Lottery Community Fund"),
        ("Chwaraeon Cymru", "Sport Wales"),
        ("Cyngor Celfyddydau Cymru", "Arts Council of Wales"),
        ("Cronfa Treftadaeth y Loteri Genedlaethol", "NLHF"),
    ],
)
def test_a_funders_old_short_and_welsh_names_are_one_funder(a, b):
    assert same_funder(a, b) and same_funder(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("NLHF", "Architectural Heritage Fund"),
        ("Sport Wales", "Sport England"),
        ("Arts Council of Wales", "Arts Council England"),
        ("TNLCF", "NLHF"),
    ],
)
def test_other_funders_stay_other_funders(a, b):
    assert not same_funder(a, b) and not same_funder(b, a)


def test_a_funder_in_brackets_after_the_name_or_a_familys_funder_before_it_is_the_funder():
    assert funder_in_title("Community Ownership Fund (DLUHC)") == "dluhc"
    assert funder_in_title("Local Nature Recovery Fund (Defra)") == "defra"
    assert funder_in_title("Movement Fund (Sport England)") == "sport england"
    assert funder_in_title("TNLCF: Climate Action Fund") == "tnlcf"
    assert funder_in_title("Safer Streets Fund (Home Office)") == "home office"  # a probe's
    assert funder_in_title("Local Nature Recovery Fund (capital)") is None
    assert funder_in_title("Community Sport Facilities Grant (Wales)") is None
    assert own_name("Local Nature Recovery Fund (Defra)", None) == "local nature recovery fund"
    assert own_name("Movement Fund (Sport England)", "Sport England") == "movement fund"
    # Only in brackets: a pot's name that ends in its funder's is the pot's.
    assert own_name("Community Heritage Fund", "The Heritage Fund") == "community heritage fund"


@pytest.fixture
def db(tmp_path):
    return open_db(tmp_path / "fundwatch.db")


STAGES = [
    ("find_a_grant", "Green Heat Network Fund"),
    ("funder_page", "Green Heat Network Fund Stage 1"),
    ("digest", "Green Heat Network Fund: Stage 2"),
]


@pytest.mark.parametrize("order", list(permutations(range(3))))
def test_a_plain_listing_never_joins_stage_1_and_stage_2_into_one_opportunity(tmp_path, order):
    # Before round 20, the plain listing stored first took in Stage 1 (the same deadline) and then
    # Stage 2 (compared with the opportunity's plain title): one opportunity for two stages in the
    # orders (plain, 1, 2) and (plain, 2, 1).
    db = open_db(tmp_path / f"fundwatch{''.join(map(str, order))}.db")
    ids = {}
    for index in order:
        source, title = STAGES[index]
        listing = sighting(source, f"https://{source}.example/ghnf", title=title, closes_at=MARCH)
        ids[index] = record_sighting(db, listing, run_id=1, now=NOW).opportunity_id
    assert ids[1] != ids[2]
    assert ids[0] in (ids[1], ids[2]), "the plain listing joins one of them"
    assert len(rows(db, "opportunities")) == 2


def test_a_repository_keyed_before_round_20_is_re_keyed_so_its_welsh_calls_are_found(tmp_path):
    # Before m029 "Cronfa Treftadaeth Leol" was keyed "heritage" (lead "fh"), where the English
    # "Local Heritage Fund" (key "heritage local", lead "lhf") never looks.
    from sqlite_utils import Database

    from storage.migrations import migrations

    path = tmp_path / "old.db"
    migrations.apply(Database(path), stop_before="m029_rekey_titles_again")
    old = Database(path)
    welsh = sighting(
        "wales",
        "https://wales.example/ctl",
        title="Cronfa Treftadaeth Leol",
        funder="Llywodraeth Cymru",
    )
    stored = record_sighting(old, welsh, run_id=1, now=NOW)
    old.execute(
        "UPDATE opportunities SET title_key = 'heritage', title_lead = 'fh' WHERE id = ?",
        [stored.opportunity_id],
    )
    old.conn.commit()
    old.close()
    db = open_db(path)
    english = sighting(
        "finder",
        "https://finder.example/lhf",
        title="Local Heritage Fund",
        funder="Welsh Government",
    )
    assert record_sighting(db, english, run_id=2, now=NOW).opportunity_id == stored.opportunity_id
    assert len(rows(db, "opportunities")) == 1


def test_a_long_names_capital_strand_is_not_its_revenue_pot_written_without_strand():
    # With the strand set aside however near the rest, these scored 94 (threshold 92): one pot.
    from storage.same_call import same_call

    name = "Local Authority Decarbonisation of Social Housing Demonstrator"
    closes = "2027-04-16T12:00:00+00:00"
    capital = {"title": f"{name} – capital strand", "funder": "DESNZ", "closes_at": closes}
    revenue = {"title": f"{name} (revenue)", "funder": "DESNZ", "closes_at": closes}
    plain = {"title": name, "funder": "DESNZ", "closes_at": closes}
    assert not same_call(capital, revenue) and not same_call(revenue, capital)
    assert same_call(capital, plain) and same_call(plain, capital)
