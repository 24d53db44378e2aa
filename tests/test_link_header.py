"""An api paged only by its `Link: <…>; rel="next"` response header (round 25's
api_link_header_cursor): read to its end, where page 1 alone was read and the run said nothing."""

from __future__ import annotations

import pytest

from spiders.link_header import next_link
from tests.unseen_sites import read_offline

NEXT = "https://api.example.org.uk/v1/calls?per_page=4&cursor=eyJpZCI6MTA0fQ"


@pytest.mark.parametrize(
    "values",
    [
        [f'<{NEXT}>; rel="next", <https://api.example.org.uk/v1/calls>; rel="first"'],
        # GitHub's order: prev before next, rel unquoted, spaces anywhere.
        [f"<https://api.example.org.uk/v1/calls>; rel=prev,<{NEXT}> ;rel=next"],
        # One link of several relations, a title with a comma in quotes before it.
        [f'<https://x.example/a>; title="a, b"; rel="first", <{NEXT}>; rel="next last"'],
        # Two Link headers, as a proxy may send them.
        ['<https://api.example.org.uk/v1/calls>; rel="first"', f"<{NEXT}>; REL=Next".encode()],
    ],
)
def test_the_next_link_is_found_however_the_header_writes_it(values):
    assert next_link(values) == NEXT


@pytest.mark.parametrize(
    "values",
    [
        [],
        ['<https://api.example.org.uk/v1/calls>; rel="first", <https://x.example/p>; rel="prev"'],
        ['<https://api.w.org/>; rel="https://api.w.org/"'],  # WordPress's API discovery link
        ['<>; rel="next"'],
    ],
)
def test_no_next_link_is_none(values):
    assert next_link(values) is None


def test_an_api_paged_by_its_link_header_is_read_to_the_end():
    # Before: the three-page API stored page 1's four calls, no problem said.
    calls, problems = read_offline("api_link_header_cursor")
    assert problems == []
    assert len(calls) == 10
    assert calls[-1].title == "Active Travel Quick Wins"
