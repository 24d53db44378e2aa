"""Pure: whether an element's own name says it is a label, though it has no colon.

By its class: Drupal's `field__label` (its colon is CSS), a theme's `label`, `meta-label`,
`views-label`; a CSS-in-JS class, camelCase with a generated number after it (SharePoint's Fluent
UI: `fieldLabel-147`, `ms-Label`), which the plain form missed, so a modern SharePoint page's
fields were not read at all. CSS modules hash the same names per build: `GrantCard_label__Zp4kQ`
(css-loader and Next.js: component, name, hash) and `_label_x7q2a_12` (Vite: name, hash, line);
the name is what stays, so it is read through them.

Or by the name its builder gave the element: a Framer site's classes are all hashes
(`framer-15g3h2k`) and each layer keeps the designer's name in `data-framer-name` ("Deadline
Label" beside the "Deadline" layer); a test id (`data-testid="deadline-label"`) likewise. Read by
class alone, "Who can apply" beside its value was no label and a Framer card's eligibility was
not found (tests/sites/framer_cms_layers: the verdict unclear on 5 of 5 calls).
"""

from __future__ import annotations

from lxml import etree

from config.lazy_pattern import lazy_pattern

_LABEL_NAME = lazy_pattern(
    r"(?:(?:^|\s|_|-)[lL]abel|(?<=[a-z])Label)(?:-\d+|__[\w-]{5,}|_[a-z0-9]{5}_\d+)?(?:\s|$)"
)
_NAMES = ("class", "data-framer-name", "data-name", "data-testid")


def named_label(element: etree._Element) -> bool:
    return any(_LABEL_NAME.search(element.get(name) or "") for name in _NAMES)
