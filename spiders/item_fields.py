"""One node's configured fields (an item on a list page, or a whole detail page): links take the
first match, text joins all matches, labels read as spiders/extract.py finds them, and an item that
is a heading (or a <dt>) reads what it lacks in its section (spiders/heading_sections.py).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from config.models import LabelSelector
from spiders.controlled_panel import controlled_of
from spiders.eligibility.reading import lead_in_mode
from spiders.eligibility.welsh import in_english
from spiders.extract import FieldReader, extract_first
from spiders.heading_sections import section_of
from spiders.struck_title import STRUCK_STATUS, struck_title
from spiders.tick_columns import mark, ticked_applicants
from spiders.title_badges import badge_status, title_badges, without_badges

LINK_FIELDS = ("url",)
# A date field pointed at a list of dated lines ("Information session: …", "Apply by: …") reads
# each item as a clause of its own (spiders/extract.py).
DATE_FIELDS = frozenset({"opens", "closes"})
# Fields whose row label is part of what the value means: "Maximum award: £950,000" is a maximum and
# "Total fund: £4,000,000" the whole pot. Read by label, they keep it, and a list of labels gathers
# every row present ("Award range: …; Total fund: …") instead of the first one only.
LABELLED_FIELDS = ("amount",)


def keeps_label(name: str, selector: Any) -> bool:
    """Whether a field read by label keeps it: money always; eligibility when its label leads a
    list of applicants ("Who can apply", "Eligibility", "Who cannot apply"), for the list under it
    reads only with its lead-in ("charities and town and parish councils" alone is unclear)."""
    if name in LABELLED_FIELDS:
        return True
    if name != "eligibility" or not isinstance(selector, LabelSelector):
        return False
    return _leads_lists(tuple(selector.labels))


@lru_cache(maxsize=256)  # asked for every item of every page: a source has a few labels
def _leads_lists(labels: tuple[str, ...]) -> bool:
    # A Welsh label leads as its English does: ["Who can apply", "Pwy all wneud cais"] (a Welsh
    # fund on an English page) kept neither label, so "Community groups, charities and town and
    # community councils" was read bare, cautiously: unclear.
    return all(lead_in_mode(_in_english(label.strip().rstrip("?:")) + ":") for label in labels)


def _in_english(label: str) -> str:
    return in_english(label) or label


def read_fields(node, selectors: dict) -> dict[str, str | None]:
    """Each configured field of one node; links take the first match, text joins all matches.
    An item that is a heading reads what it lacks in the section after it (heading_sections)."""
    fields = _read(node, selectors)
    title = fields.get("title")
    # A field that read only the heading's own words ("p" on a bold paragraph that is the call's
    # heading matches that paragraph itself) says nothing the title does not: its section does.
    missing = {
        name: sel
        for name, sel in selectors.items()
        if fields[name] is None or (name != "title" and title and fields[name] == title)
    }
    if missing and (section := section_of(node)) is not None:
        fields.update({k: v for k, v in _read(section, missing).items() if v is not None})
    missing = {name: sel for name, sel in missing.items() if fields[name] is None}
    if missing and (panel := controlled_of(node)) is not None:
        # …and a card's in the modal its button opens, elsewhere on the page (controlled_panel.py)
        fields.update({k: v for k, v in _read(panel, missing).items() if v is not None})
    if badges := title_badges(node, selectors.get("title"), fields.get("title")):
        # "Rural Halls Fund <span class="label">Open for applications</span>": the badge is the
        # status, not part of the name (spiders/title_badges.py).
        fields["title"] = without_badges(fields["title"] or "", badges)
        if fields.get("status") is None and (said := badge_status(badges)) is not None:
            fields["status"] = said  # a note ("New") gives none
    if fields.get("status") is None and struck_title(node, selectors.get("title")):
        fields["status"] = STRUCK_STATUS  # the page's only word on it: the name struck out
    return fields


def _read(node, selectors: dict) -> dict[str, str | None]:
    reader = FieldReader(node)
    fields = {
        name: extract_first(node, sel)
        if name in LINK_FIELDS and isinstance(sel, str)
        else reader.read(sel, labelled=keeps_label(name, sel), items=name in DATE_FIELDS)
        for name, sel in selectors.items()
    }
    sel = selectors.get("eligibility")
    if (
        isinstance(sel, LabelSelector)
        and len(sel.labels) > 1
        and mark(fields["eligibility"]) is not None
    ):
        # A column per kind of applicant, ticked or crossed (spiders/tick_columns.py): the first
        # column's mark alone says nothing, so every column is read and said in words.
        marks = {label: reader.by_label([label]) for label in sel.labels}
        fields["eligibility"] = ticked_applicants(marks) or fields["eligibility"]
    return fields
