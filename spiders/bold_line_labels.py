"""Pure (lxml): a bold label alone on its line, its value the line after it.

`<p><strong>Opened</strong><br>2 Nov 2026</p>`: Citizen Space's activity dates, and the habit of
many a page builder's "key facts" box, set the label in bold on a line of its own with no colon
and the value on the next line. With no colon, no dash and nothing after the bold on its line,
neither the `<strong>Label:</strong>` rows nor the "Label: value" lines read it: round 29's
`citizen_space_finder` stored no date at all.
"""

from __future__ import annotations

from lxml import etree

from spiders.element_text import element_text, label_sized

_BOLD = ("strong", "b")


def bold_line_pairs(line_parent: etree._Element) -> list[tuple[str, str]]:
    """(label, value) for each bold child of `line_parent` that is the whole of its line and is
    followed by another: what a `<br>` parts is a line, so the value runs to the next `<br>`."""
    pairs = []
    for bold in line_parent.iterchildren(*_BOLD):
        label = element_text(bold)
        if label_sized(label) and _alone_on_its_line(bold, line_parent):
            value = _next_line(bold.getnext())
            if value:
                pairs.append((label, value))
    return pairs


def _alone_on_its_line(bold: etree._Element, parent: etree._Element) -> bool:
    if (bold.tail or "").strip():
        return False  # "<b>Deadline</b> 3 May": a value on the same line is another shape
    after = bold.getnext()
    if after is None or after.tag != "br":
        return False
    before = bold.getprevious()
    if before is None:
        return not (parent.text or "").strip()
    return before.tag == "br" and not (before.tail or "").strip()


def _next_line(br: etree._Element) -> str:
    """The words after `br`, up to the next `<br>` or the end of the parent."""
    parts = [br.tail or ""]
    for sibling in br.itersiblings():
        if sibling.tag == "br":
            break
        if isinstance(sibling.tag, str):  # a comment's text is no line's
            parts.append(element_text(sibling))
        parts.append(sibling.tail or "")
    return " ".join(" ".join(parts).split())
