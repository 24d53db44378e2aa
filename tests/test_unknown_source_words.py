"""An unknown source id on the command line, on an instance with many sources: the nearest id,
not a list of every one. Before: `fundwatch sources ack nope` on a 48-source instance printed all
48 ids on one line after 'known:', and a misspelt id got no hint."""

from __future__ import annotations

import pytest

from tests.crawl_helpers import fundwatch, write_config


def sources(count: int) -> list[dict]:
    return [
        {"id": f"council_listing_{n}", "kind": "feed", "urls": [f"https://c{n}.example/feed"]}
        for n in range(count)
    ]


@pytest.mark.parametrize("command", [("crawl",), ("sources", "ack"), ("sources", "try")])
def test_a_misspelt_id_among_many_gets_the_nearest_not_a_list(tmp_path, command):
    config = write_config(tmp_path / "config", sources(40))
    result = fundwatch(*command, "council_listng_7", config=config, db=tmp_path / "fw.db")
    assert result.returncode == 2
    said = " ".join(result.stderr.split())  # click wraps its error line
    assert "unknown source 'council_listng_7' (did you mean 'council_listing_7'?)" in said, said
    assert "`fundwatch sources list` lists the 40 known" in said
    assert "council_listing_39" not in said


def test_a_few_known_ids_are_still_listed(tmp_path):
    config = write_config(tmp_path / "config", sources(2))
    result = fundwatch("sources", "ack", "nope", config=config, db=tmp_path / "fw.db")
    assert result.returncode == 2
    said = " ".join(result.stderr.split())
    assert "unknown source 'nope'; known: council_listing_0, council_listing_1" in said, said


def teams(count: int) -> list[dict]:
    team = {"match": {}, "events": ["new"], "email": {"to": ["team@council.example"]}}
    return [{"id": f"team_{n}", **team} for n in range(count)]


@pytest.mark.parametrize(
    "command",
    [
        ("export", "--format", "json", "--subscription"),
        ("notify", "--retry-failed", "--subscription"),
    ],
)
def test_a_misspelt_subscription_among_many_gets_the_nearest_not_a_list(tmp_path, command):
    # Before: 300 teams' ids on one line after 'known:' (export) or 'known subscriptions:'.
    config = write_config(tmp_path / "config", [], teams(300))
    result = fundwatch(*command, "tem_7", config=config, db=tmp_path / "fw.db")
    assert result.returncode == 2
    said = " ".join(result.stderr.split())
    assert (
        "unknown subscription 'tem_7' (did you mean 'team_7'?); 300 are in subscriptions.yaml"
        in (said)
    ), said
    assert "team_299" not in said
