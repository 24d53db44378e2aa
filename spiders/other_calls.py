"""A call's own page without its cards of other calls: "Related funds", "Other grants", "You may
also be interested in".

A funder's page for one call often ends with a few others' cards, each with its own "Closing
date:" or "Grant:", linking to their pages. Read by label, a fact the call's own rows lack (a
rolling programme has no closing date) was taken from the first such card: round 40's
related_funds_details_big stored a neighbour's deadline for each of its rolling funds. Such a
block is known by its name (a class or id saying related, similar, recommended, see also) or by
its heading ("Related funds", "Other grants", "Similar opportunities", "More funding", "You might
also like", "See also"), and holds a link; it is left out of what a detail page's fields read. A
block holding the page's `<h1>` is the call itself (a theme wrapping everything in
`.related-content`), never left out.
"""

from __future__ import annotations

import re

from lxml import etree

from config.lazy_pattern import lazy_pattern
from spiders.not_shown import remove_keeping_tail

_NAMED = lazy_pattern(r"related|similar|recommend|see-?also|you-?may-?also|more-?like-?this", re.I)
# Other calls by their plural ("More grants", "Other funds you could apply for"), or "Related
# funding"; never a section of the call's own ("More about this funding", "Other information").
_HEADING = lazy_pattern(
    r"^\s*(?:(?:related|similar|other|more)\b[\w\s,&'’-]{0,30}?\b(?:funds|grants|"
    r"opportunities|programmes|schemes|calls|competitions|awards)\b|(?:related|similar|other) "
    r"funding\b|you (?:may|might) (?:also|be interested)|see also)",
    re.I,
)
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_BLOCKS = ("aside", "section", "div", "ul", "nav")


def _named(element: etree._Element) -> bool:
    return bool(_NAMED.search(f"{element.get('class') or ''} {element.get('id') or ''}"))


def _headed(element: etree._Element) -> bool:
    """Whether the block's first element is a heading naming other calls."""
    first = next((child for child in element if isinstance(child.tag, str)), None)
    return (
        first is not None
        and first.tag in _HEADINGS
        and bool(_HEADING.match(" ".join(first.itertext())))
    )


def other_calls_blocks(root: etree._Element) -> list[etree._Element]:
    """The outermost blocks of other calls' cards on a call's page (pure: the tree is unchanged)."""
    found: list[etree._Element] = []
    for element in root.iter(*_BLOCKS):
        if found and any(above in found for above in element.iterancestors()):
            continue  # inside one found already
        if not (_named(element) or _headed(element)):
            continue
        if element.find(".//a[@href]") is None or element.find(".//h1") is not None:
            continue
        found.append(element)
    return found


def _rank(tag: object) -> int:
    return int(tag[1]) if isinstance(tag, str) and tag in _HEADINGS else 0


def headed_runs(root: etree._Element) -> list[list[etree._Element]]:
    """Other calls under a heading that is not their block's first element (`<h2>Related
    funds</h2><div class="cards">…</div>` among the page's other sections): the heading and the
    siblings after it up to the next heading of its rank or higher, when they hold a link and not
    the page's `<h1>` (pure)."""
    runs = []
    for heading in root.iter(*_HEADINGS):
        parent = heading.getparent()
        first = (
            next((c for c in parent if isinstance(c.tag, str)), None)
            if parent is not None
            else None
        )
        if first is heading or not _HEADING.match(" ".join(heading.itertext())):
            continue  # a block's first heading names the block itself (other_calls_blocks)
        run = [heading]
        for sibling in heading.itersiblings():
            if 0 < _rank(sibling.tag) <= _rank(heading.tag) or sibling.tag == "h1":
                break
            run.append(sibling)
        held = [e for e in run[1:] if isinstance(e.tag, str)]
        if any(e.tag == "a" or e.find(".//a[@href]") is not None for e in held) and not any(
            e.find(".//h1") is not None for e in held
        ):
            runs.append(run)
    return runs


def drop_other_calls(root: object, body: bytes) -> None:
    """The page without its blocks of other calls (in place); `body`, its bytes, searched first so
    that a page naming none pays no walk of its tree."""
    if not isinstance(root, etree._Element):
        return
    lowered = body.lower()
    if not any(word in lowered for word in _WORDS):
        return
    for block in other_calls_blocks(root):
        remove_keeping_tail(block)
    for run in headed_runs(root):
        for element in run:
            if element.getparent() is not None:
                remove_keeping_tail(element)


_WORDS = (b"related", b"similar", b"recommend", b"other", b"more", b"also")
