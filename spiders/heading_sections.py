"""A call that is only a heading: the paragraphs after it, up to the next heading, are its section.

Council pages often list their schemes as bare `<h2>`s, each followed by its own `<p>`s
("<strong>Closing date:</strong> 15 January 2027"), with no element wrapping a call. An item
selector can name the headings but not what follows them, so every label beside them read nothing.
A heading item's fields not found on the heading itself are read in its section: copies of its
following siblings up to the next heading of the same or a higher rank.

A call that is a `<dt>` of one long `<dl>` (a funding bulletin: the call's link in the `<dt>`,
"Deadline: …" and "Grants: …" in the `<dd>`s after it) has its `<dd>`s up to the next `<dt>` as
its section, in the same way.

A call whose heading is a paragraph all in bold (`<p><strong>Community Energy Fund</strong></p>`:
an email bulletin's web version, a page pasted from Word) is a heading below `<h6>`: its section
runs to the next such paragraph or any heading. It had no section, so its link and facts, all in
the paragraphs after it, were read nowhere.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from lxml import etree
from parsel import Selector

_RANK = {f"h{n}": n for n in range(1, 7)}
MAX_SECTION = 200  # siblings gathered for one heading; a page of thousands is no section


def section_of(node: Selector) -> Selector | None:
    """The heading's section as a node of its own; None for an item that is no heading."""
    root = node.root
    if not isinstance(root, etree._Element) or not isinstance(root.tag, str):
        return None
    tag = root.tag.lower()
    if tag == "dt":
        return _section(root, lambda sibling_tag: sibling_tag == "dt")
    if tag == "p" and bold_paragraph(root):
        return _section_of_bold(root)
    rank = _RANK.get(tag)
    if rank is None:
        return None
    return _section(root, lambda sibling_tag: _RANK.get(sibling_tag, 7) <= rank)


_BOLD = frozenset({"strong", "b"})


def bold_paragraph(element: etree._Element) -> bool:
    """A <p> whose words are all inside one <strong> or <b> (a heading made in an email editor)."""
    children = [child for child in element if isinstance(child.tag, str)]
    if len(children) != 1 or children[0].tag.lower() not in _BOLD:
        return False
    words = "".join(element.itertext()).strip()
    return bool(words) and words == "".join(children[0].itertext()).strip()


def _section_of_bold(root: etree._Element) -> Selector | None:
    section = root.makeelement("section", {})
    for sibling in root.itersiblings():
        if len(section) >= MAX_SECTION:
            break
        tag = sibling.tag.lower() if isinstance(sibling.tag, str) else ""
        if tag in _RANK or (tag == "p" and bold_paragraph(sibling)):
            break
        if tag:
            section.append(copy.deepcopy(sibling))
    return Selector(root=section, type="html") if len(section) else None


def _section(root: etree._Element, ends: Callable[[str], bool]) -> Selector | None:
    """Copies of the siblings after `root` up to the first whose tag `ends` the section."""
    section = root.makeelement("section", {})  # of the page's own element class (text_content)
    for sibling in root.itersiblings():
        if len(section) >= MAX_SECTION:
            break
        tag = sibling.tag.lower() if isinstance(sibling.tag, str) else ""
        if ends(tag):
            break
        if tag:
            section.append(copy.deepcopy(sibling))
    return Selector(root=section, type="html") if len(section) else None
