"""A declarative shadow root's words stand where its host stands. Server-rendered web components
(Salesforce Experience Cloud LWR, Lit SSR) put each component's output in `<template
shadowrootmode="open">`, which the browser shows in the host's place, inline: a value read in
lines (spiders/parted_text.py) took every such template for a line of its own, so a range of two
`lightning-formatted-number`s, "£5,000.00 – £25,000.00", was "£5,000.00; –; £25,000.00" and
stored as £5,000 alone (tests/sites/experience_cloud_lwr). A plain `<template>` is still a line
of its own (tests/test_template_content.py)."""

from __future__ import annotations

from lxml import html

from spiders.normalise.money import parse_amounts
from spiders.parted_text import parted_text


def _number(words: str, attribute: str = "shadowrootmode") -> str:
    return (
        f'<lightning-formatted-number><template {attribute}="open">{words}'
        "</template></lightning-formatted-number>"
    )


def test_a_range_of_shadow_rooted_numbers_is_one_line():
    for attribute in ("shadowrootmode", "shadowroot"):
        dd = html.fragment_fromstring(
            f"<dd>{_number('£5,000.00', attribute)} – {_number('£25,000.00', attribute)}</dd>"
        )
        text = parted_text(dd)
        assert text == "£5,000.00 – £25,000.00", attribute
        assert (parse_amounts(text).min, parse_amounts(text).max) == (5000, 25000)


def test_a_block_inside_a_shadow_root_still_parts_lines():
    dd = html.fragment_fromstring(
        '<dd><rich-text><template shadowrootmode="open"><p>Parish councils</p>'
        "<p>Community groups</p></template></rich-text></dd>"
    )
    assert parted_text(dd) == "Parish councils; Community groups"


def test_a_plain_template_is_still_a_line_of_its_own():
    dd = html.fragment_fromstring("<dd>Town councils<template>Charities</template></dd>")
    assert parted_text(dd) == "Town councils; Charities"
