"""Pure (lxml): an element's words as a reader sees them, and how long a label may be; one place for
the label readers (loose_labels.py, icon_labels.py, labelled_by.py).
"""

from __future__ import annotations

from lxml import etree

LABEL_CHARS = 60  # "Closing date:", "Who can apply": a label is short
LABEL_WORDS = 6


def label_sized(text: str) -> bool:
    """Whether `text` (its spaces collapsed) is as short as a label is, and not empty."""
    return 0 < len(text) <= LABEL_CHARS and len(text.split()) <= LABEL_WORDS


def one_line(text: str) -> str:
    r"""Spaces collapsed, ends trimmed. split() breaks at exactly the characters `\s` matches
    (str.isspace, tested), at a quarter of a regex substitution's cost: this runs for every label
    and value of every item (benchmarks/parse_listing.py)."""
    return " ".join(text.split())


def element_text(element: etree._Element) -> str:
    """The element's words, spaced: text_content() would read "<dt>Status</dt><dd>Open</dd>" as
    "StatusOpen". Nothing for a comment or processing instruction."""
    if not isinstance(element.tag, str):
        return ""
    return " ".join(spaced_text(element).split())  # one_line, inline: a hot path


_HIDDEN_PART = etree.XPath(".//*[@aria-hidden='true']")


def label_words(element: etree._Element) -> str:
    """A label element's words less those hidden from screen readers: an accordion question's
    "+" or "expand_more" icon (`<span aria-hidden="true">+</span>`) is drawn beside the label,
    not said, and "When is the deadline? +" was no label a curator could write. All its words
    when that leaves none (the words themselves hidden, an aria-label naming them)."""
    if not _HIDDEN_PART(element):
        return element_text(element)
    parts: list[str] = []
    _shown(element, parts)
    return one_line(" ".join(parts)) or element_text(element)


def _shown(element: etree._Element, parts: list[str]) -> None:
    parts.append(element.text or "")
    for child in element:
        if isinstance(child.tag, str) and child.get("aria-hidden") != "true":
            _shown(child, parts)
        parts.append(child.tail or "")


# Elements inside a line of text: their edges part no words ("<b>Fund</b>ing" is one word).
INLINE = frozenset(
    "a abbr b bdi bdo cite code data del dfn em font i ins kbd mark q s samp small span strong "
    "sub sup time u var".split()
)


def spaced_text(element: etree._Element, skip: frozenset[str] = frozenset()) -> str:
    """The element's texts joined by spaces, so adjacent elements with no whitespace between
    them (`<li>Charities</li><li>Parish councils</li>`, `<span>A</span><span>B</span>`) stay
    apart, but not across one inline element's edge inside a word: `<b>Fund</b>ing` and
    `Parish <em>council</em>s` keep their words whole (a space there read "Fund ing"). `skip`:
    elements whose words are none (script, style), as an XPath text() reader leaves them."""
    if not len(element):
        return element.text or ""  # no child element: its one text
    if not skip:
        pieces = list(element.itertext())
        if not runs_across(pieces):
            return " ".join(pieces)  # no word runs across an edge: most elements, at C's pace
    parts: list[str | bool] = []  # texts, and each element edge: True for an inline one
    _walk(element, parts, skip)
    out, edges, last = [], [], ""
    for part in parts:
        if isinstance(part, bool):
            edges.append(part)
            continue
        if not part:
            continue
        out.append(part if (edges == [True] and _word_edge(last, part)) or not out else " " + part)
        edges, last = [], part
    return "".join(out)


def runs_across(pieces: list[str]) -> bool:
    """Whether a word may run across two text pieces (a letter or digit either side): only then
    are an element's edges looked at."""
    return any(_word_edge(a, b) for a, b in zip(pieces, pieces[1:], strict=False))


def glued(before: str, after: str) -> str:
    """Two texts one inline element's edge apart: joined with no space inside a word."""
    return before + after if _word_edge(before, after) else before + " " + after


def _word_edge(before: str, after: str) -> bool:
    return bool(before) and bool(after) and before[-1].isalnum() and after[0].isalnum()


def _walk(element: etree._Element, parts: list[str | bool], skip: frozenset[str]) -> None:
    """As itertext() reads it (a comment's text is none, its tail is), with each edge marked."""
    parts.append(element.text or "")
    for child in element:
        if isinstance(child.tag, str) and child.tag not in skip:
            inline = child.tag in INLINE
            parts.append(inline)
            _walk(child, parts, skip)
            parts.append(inline)
        elif isinstance(child.tag, str):
            parts.append(False)  # a skipped script still parts the words either side
        parts.append(child.tail or "")


# Phrasing elements: their words belong to the sentence around them (`::text`, own_text).
_PHRASING = INLINE | {"br", "nobr", "strike", "wbr"}
_NO_WORDS = frozenset({"script", "style"})


def own_text(element: etree._Element) -> str:
    """An element's own words with its inline children's ("Heat <em>network</em> fund", "Closes
    <b>3 March 2027</b>", "<b>Fund</b>ing" one word), not a nested block's: what `::text` means
    to someone reading the page. Scrapy's `::text` is the direct text nodes only, which read
    those "Heat fund" and "Closes". A script's or style's words are none."""
    words = element.text or ""
    for child in element:
        inline = isinstance(child.tag, str) and child.tag.lower() in _PHRASING
        if inline:
            words = glued(words, spaced_text(child, _NO_WORDS))
        tail = child.tail or ""
        words = glued(words, tail) if inline else words + " " + tail
    return words
