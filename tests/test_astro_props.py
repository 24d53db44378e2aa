"""An Astro island's props read as the data they stand for: `json_script` naming the
`<astro-island>` of round 17's heritage trust (tests/sites/astro_island_props), a curator's other
natural entry beside the one reading its server-rendered HTML."""

from __future__ import annotations

import pytest

from spiders.astro_props import revived
from tests.unseen_sites import read_offline

ISLAND = {
    "kind": "api",
    "item": "grants[*]",
    "fields": {
        "title": "title",
        "url": "join('', ['/grants/', slug, '/'])",
        "closes": "deadline",
        "amount": "amount",
    },
}


@pytest.mark.parametrize("script", ["astro-island", "astro-island::attr(props)"])
def test_an_islands_props_are_read_as_the_calls(script):
    # The island's text was read ("not JSON in 'astro-island' … Expecting value"), and its props
    # attribute as plain JSON gave every value as Astro's [type, value] pair, no title at all.
    calls, problems = read_offline("astro_island_props", {**ISLAND, "json_script": script})
    assert problems == []
    assert [(c.title, c.closes_at.isoformat() if c.closes_at else None) for c in calls] == [
        ("Historic Places of Worship Repairs", "2027-03-03T12:00:00+00:00"),
        ("Moorland Walls and Barns", "2027-04-30T16:00:00+00:00"),
        ("Village Archive Digitisation", None),
        ("Heritage Open Days Small Grants 2026", "2026-10-16T22:59:00+00:00"),
    ]
    assert calls[0].url == "https://www.moorlandheritage.org.uk/grants/historic-places-of-worship/"
    assert (calls[0].amount_min, calls[0].amount_max) == (10000, 250000)


def test_astros_typed_values_are_their_values():
    props = (
        '{"when": [3, "2027-01-22T12:00:00.000Z"], "tags": [5, [[0, "heritage"]]],'
        ' "meta": [0, {"open": [0, true]}], "sizes": [1, [[0, 500], [0, 5000]]]}'
    )
    assert revived(props) == {
        "when": "2027-01-22T12:00:00.000Z",
        "tags": ["heritage"],
        "meta": {"open": True},
        "sizes": [500, 5000],
    }
