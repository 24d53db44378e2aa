"""A label named so by its builder's layer name, not its class (spiders/label_names.py): Framer
keeps every layer's name in `data-framer-name` and hashes every class, so "Who can apply" with no
colon beside its value layer was no label, and `{label: "Who can apply"}` found nothing
(tests/sites/framer_cms_layers)."""

from __future__ import annotations

from lxml import html

from spiders.label_names import named_label
from spiders.loose_labels import loose_label_map


def _row(name: str) -> str:
    return (
        f'<div data-framer-name="Eligibility Row"><div class="framer-15g3h2k" {name}>'
        '<p class="framer-text">Who can apply</p></div><div class="framer-w2e3r4" '
        'data-framer-name="Eligibility"><p class="framer-text">Town and parish councils</p>'
        "</div></div>"
    )


def test_a_layer_named_as_a_label_names_the_next():
    for name in ('data-framer-name="Eligibility Label"', 'data-testid="eligibility-label"'):
        found = loose_label_map(html.fragment_fromstring(_row(name)))
        assert found.get("who can apply") == "Town and parish councils", name


def test_a_layer_not_named_as_a_label_names_nothing():
    found = loose_label_map(html.fragment_fromstring(_row('data-framer-name="Eligibility Key"')))
    assert "who can apply" not in found
    # The class names still do what they did: Drupal's, Fluent UI's, a CSS module's.
    for cls in ("field__label", "fieldLabel-147", "GrantCard_label__Zp4kQ"):
        assert named_label(html.fragment_fromstring(f'<div class="{cls}">Deadline</div>'))
    assert not named_label(html.fragment_fromstring('<div class="labelled">x</div>'))
