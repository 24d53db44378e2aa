"""A link field's value read as an address (spiders/normalise/urls.py link_text): the parser has
decoded the page's entities once; a parameter named as an entity is ("&lang=en", "&not=…",
"&copy=…", "&times=…") is a parameter, not "〈=en" or "¬=" (round 20's mixed_scheme_hrefs
stored "item.aspx?cat=2%E2%8C%A9%3Den&id=7"; the first and third cases failed so before)."""

from __future__ import annotations

import pytest

from spiders.normalise.urls import canonical_url, link_text

BASE = "https://www.eastholme.gov.uk/community/grants/directory/"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("item.aspx?id=7&cat=2&lang=en", f"{BASE}item.aspx?cat=2&id=7&lang=en"),
        (
            "/grants?area=north&region=east&section=3",
            "https://www.eastholme.gov.uk/grants?area=north&region=east&section=3",
        ),
        (
            "/grants?a=1&not=2&copy=3&para=4&times=5",
            "https://www.eastholme.gov.uk/grants?a=1&copy=3&not=2&para=4&times=5",
        ),
        # A link still escaped as it was pasted: whole entities are decoded.
        ("item.aspx?id=7&amp;cat=2&#38;lang=en", f"{BASE}item.aspx?cat=2&id=7&lang=en"),
        ("/grants/caf&#233;-fund", "https://www.eastholme.gov.uk/grants/caf%C3%A9-fund"),
    ],
)
def test_a_parameter_named_like_an_entity_stays_a_parameter(value, expected):
    assert canonical_url(link_text(value), BASE) == expected


def test_a_stray_tag_around_a_link_is_read_as_its_words():
    assert link_text("<span>/grants/x</span>") == "/grants/x"
    assert link_text(None) is None
