"""Facts labelled only by an icon's name (pure, lxml).

A funding finder draws each fact as an icon and the value, with no written label: the icon's
accessible name says what the fact is, for screen readers and as a hover tooltip:
`<li><span class="icon" role="img" aria-label="Deadline"></span> 12 noon, 14 January 2027</li>`,
`<li><svg role="img" aria-label="Funding available">…</svg> £10k–£150k</li>`, an SVG named by its
`<title>`, `<i class="icon" title="Who can apply"></i>`, an "At a glance" box's
`<img src="calendar.svg" alt="Closing date">`. Read as "Label: value" lines are, the name is the
label and the words after the icon, to the end of its element, the value. The icon must lead its
element (nothing written before it): an icon in the middle of a sentence names no fact.
"""

from __future__ import annotations

from lxml import etree

from spiders.element_text import element_text, label_sized, one_line

# Elements that draw an icon, named by an attribute; an SVG also by its <title> child.
_ICONS = etree.XPath(
    ".//img[@alt] | .//*[@role='img'][@aria-label] | .//svg[@aria-label] | .//svg[title]"
    " | .//i[@title] | .//span[@title][not(normalize-space())]"
    " | .//i[@aria-label] | .//span[@aria-label][not(normalize-space())]"
)


# Every name an icon may carry, for a quick look whether a label is anywhere in an item.
_NAMES = etree.XPath(".//@aria-label | .//img/@alt | .//@title", smart_strings=False)


def icon_names(root: etree._Element) -> str:
    """The names icons in `root` may carry (svg <title>s are among its words already)."""
    return " ".join(_NAMES(root))


def _name(icon: etree._Element) -> str:
    """The icon's name: aria-label, else alt, else an SVG's <title>, else the title tooltip."""
    for name in (icon.get("aria-label"), icon.get("alt")):
        if name and name.strip():
            return one_line(name)
    if icon.tag == "svg":
        title = icon.find("title")
        if title is not None and (words := element_text(title)):
            return words
    return one_line(icon.get("title") or "")


def _leads(icon: etree._Element, parent: etree._Element) -> bool:
    """Nothing is written in `parent` before the icon (whitespace, or another icon, only)."""
    if (parent.text or "").strip():
        return False
    for sibling in parent:
        if sibling is icon:
            return True
        if (
            not isinstance(sibling.tag, str)
            or element_text(sibling)
            or (sibling.tail or "").strip()
        ):
            return False
    return False


def _after(icon: etree._Element) -> str:
    """The words after the icon, to the end of its element."""
    parts = [icon.tail or ""]
    for sibling in icon.itersiblings():
        text = element_text(sibling) if isinstance(sibling.tag, str) else ""
        parts.append(text + " " + (sibling.tail or ""))
    return one_line(" ".join(parts)).removeprefix(":").strip()


def icon_labels(root: etree._Element) -> list[tuple[str, str]]:
    """(icon's name, the words after it) for each icon leading its element, in document order."""
    pairs = []
    for icon in _ICONS(root):
        parent = icon.getparent()
        if parent is None or icon.get("aria-hidden") == "true" and not icon.get("title"):
            continue  # hidden from screen readers and with no tooltip: a picture, not a name
        name = _name(icon).rstrip(":").strip()
        if not label_sized(name):
            continue
        if _leads(icon, parent) and (value := _after(icon)):
            pairs.append((name, value))
    return pairs
