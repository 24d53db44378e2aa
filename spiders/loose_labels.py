"""Labels the way funders' own sites write them, when no `dt/dd`, `th/td` or `<strong>` row has one.

Read only when a configured label is not found in those rows (spiders/extract.py), so a source whose
pages use them pays nothing here. Three shapes, each common on hand-made funder pages:

- a label element and its value: `<span class="label">Deadline:</span> <span>12 March 2027</span>`,
  `<div class="key">Closes:</div><div class="value">…</div>` (the label ends with a colon, or its
  class names it a label: Drupal's `<div class="field__label">Closing date</div>`, or it is the
  first of a grid row's two columns, grid_labels.py: Bootstrap's `<div class="row"><div
  class="col-md-4 fw-bold">Deadline</div><div class="col-md-8">…</div></div>`);
- one line holding both: `<li>Closing date: 12 March 2027</li>`, `<p>Deadline: 5pm, 3 May</p>`
  (a page builder's `<p>Deadline: …<br>Amount: …</p>` is a line per `<br>`, and a CMS summary's
  "Deadline: … | Grant: … | Who can apply: …" a line per spaced bar or bullet),
  or parted by a spaced dash where the line has no colon (`<li><span>Closing date</span> – 20
  January 2027</li>`, an accordion's facts list); a label may start a sentence inside the line
  ("Community groups can apply. Closing date: 12 March 2027. Grants up to £5,000.");
- a heading and what follows it up to the next heading: `<h3>Who can apply</h3><p>…</p><ul>…</ul>`.

The first occurrence of a label wins, in document order.
"""

from __future__ import annotations

from functools import lru_cache

from lxml import etree

from config.lazy_pattern import lazy_pattern
from spiders.bold_labels import is_bold_label
from spiders.bold_line_labels import bold_line_pairs
from spiders.date_captions import date_captions
from spiders.element_text import LABEL_CHARS, LABEL_WORDS, element_text, label_words, one_line
from spiders.grid_labels import first_of_two_columns
from spiders.icon_labels import icon_labels
from spiders.label_names import named_label
from spiders.label_rows import tab_panels
from spiders.normalise.text import plain_marks
from spiders.word_lists import is_word_list_item, item_text, word_list

_BEFORE_PUNCT = lazy_pattern(r"\s+([,.;:!?)])")
_SPACED_MARKS = tuple(" " + mark for mark in ",.;:!?)")  # what _BEFORE_PUNCT finds in one line
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_INLINE = frozenset({"span", "label", "em", "i", "small"})
_LINES = ("p", "li", "div", "span", "label", "td", "dd")
_DASH = lazy_pattern(r"\s+[\u2013\u2014-]\s+")  # "Closing date – 20 January 2027": en, em or hyphen
_VALUE_CHARS = 5000  # a section under a heading is read up to here
_LISTS = frozenset({"ul", "ol"})
_ENDS = (".", "!", "?", ":", ";")
_LEAD_SEPARATOR = lazy_pattern(r"^(?::|[\u2013\u2014-](?=\s))\s*")  # ": …", "– …" after a label


def label_text(text: str) -> str:
    """A label as written, tidied: spaces collapsed, no trailing colon ("Closing date")."""
    return one_line(text).rstrip(":").strip()


@lru_cache(maxsize=4096)  # a page's labels are the same few dozen texts, item after item
def key_of(text: str) -> str:
    """A label as it is looked up: its label_text, case folded, with no invisible characters
    (an editor's hyphenation puts soft hyphens in "Eligi&shy;bility", which is still the label
    "Eligibility" to anyone reading it)."""
    return label_text(plain_marks(text)).casefold()


def tidy(text: str) -> str:
    """Spaces collapsed, none before punctuation ("EPSRC , ESRC" reads "EPSRC, ESRC")."""
    line = one_line(text)
    # Its spaces are single now: the substitution is needed only where one stands before a mark,
    # and looking for those pairs is a twentieth of its cost on the many values with none.
    for pair in _SPACED_MARKS:
        if pair in line:
            return _BEFORE_PUNCT.sub(r"\1", line)
    return line


def after_inline(element: etree._Element) -> str:
    """`<strong>Deadline:</strong> 12 March <b>2027</b>`: the tail and the siblings after it, up
    to the line's end or the next label."""
    parts = [element.tail or ""]
    for sibling in element.itersiblings():
        if sibling.tag == "br":  # "<strong>Deadline:</strong> 3 Feb<br><strong>Amount:</strong>…"
            break  # the line ends the value: the next line is another label's
        if is_bold_label(sibling):
            break  # "…5pm <b>Grants:</b> …": a line break only CSS shows (white-space: pre-wrap)
        # A comment or processing instruction has no text_content(): only its tail is text. A
        # list after the label (GravityView's checkbox field, `<span>Who can apply</span>
        # <ul><li>Charities</li><li>Parish councils</li></ul>`) is its items, parted: its
        # text_content() ran them together ("CharitiesParish councils").
        if not isinstance(sibling.tag, str):
            text = ""
        elif _has_block_children(sibling):
            text = _parted(sibling)
        else:
            text = sibling.text_content()
        parts.append(text + (sibling.tail or ""))
    # Markdown's "**Deadline**: 14 January 2027" puts the label's colon outside the bold: it is
    # the label's, not the value's (a date led by ": " was no date); so is the spaced dash of
    # "<strong>Total fund</strong> – £120,000" (a story builder's facts), read as a range's dash.
    return _LEAD_SEPARATOR.sub("", tidy(" ".join(parts)))


def _after_block(element: etree._Element) -> str:
    """`<div>Closes:</div><div>12 March 2027</div>`: the next element only; its blocks parted
    ("Town and parish councils; Parish meetings", Drupal's field__items, a list's items)."""
    following = element.getnext()
    while following is not None and not isinstance(following.tag, str):
        following = following.getnext()
    if following is None:
        return element.tail or ""
    if is_word_list_item(following):  # Word's list: a paragraph an item (spiders/word_lists.py)
        return (element.tail or "") + " " + "; ".join(word_list(following))
    return (element.tail or "") + " " + _parted(following)


def _parted(element: etree._Element) -> str:
    """The element's words, its blocks parted by "; " (a list's items) when each has words."""
    texts = [element_text(child) for child in element if isinstance(child.tag, str)]
    if _has_block_children(element) and all(texts):
        return "; ".join(texts)
    return element_text(element)


def _section(heading: etree._Element) -> str:
    """What follows a heading, up to the next heading."""
    parts: list[str] = [heading.tail or ""]
    size = 0
    list_at: int | None = None  # where the last list's words are, while nothing follows them
    for sibling in heading.itersiblings():
        if isinstance(sibling.tag, str) and sibling.tag in _HEADINGS:
            break
        # A heading's list ("Who can apply" over a <ul>) keeps its items apart, as after a label.
        text = item_text(sibling) if is_word_list_item(sibling) else _parted(sibling)
        if text.strip() and list_at is not None:
            # A list's end ends its sentence: "… a town or parish council" then "<p>Individuals
            # cannot apply.</p>" would read as one sentence denying the council.
            parts[list_at] = parts[list_at].rstrip() + "."
            list_at = None
        parts += [text, sibling.tail or ""]
        if sibling.tag in _LISTS and text.strip() and not text.rstrip().endswith(_ENDS):
            list_at = len(parts) - 2
        size += len(text)
        if size > _VALUE_CHARS:
            break
    return " ".join(parts)


# A bilingual label names one thing twice: "Dyddiad cau / Closing date", "Swm | Amount".
_LANGUAGES = lazy_pattern(r"\s+[/|]\s+")


def each_language(found: dict[str, str]) -> dict[str, str]:
    """`found` with each part of a bilingual label as a label too, so `{label: "Closing date"}`
    finds "Dyddiad cau / Closing date" (Welsh public bodies write both on one page). A label
    written whole keeps its own row."""
    for key, value in list(found.items()):
        parts = _LANGUAGES.split(key)
        if len(parts) > 1:
            for part in parts:
                found.setdefault(part, value)
    return found


def _words(key: str) -> int:
    """A label's length in words, in one language ("Pwy all wneud cais / Who can apply": 4)."""
    return max(len(part.split()) for part in _LANGUAGES.split(key))


def loose_label_map(root: etree._Element) -> dict[str, str]:
    """label → value for the shapes above (see the module's docstring)."""
    found: dict[str, str] = {}
    for element in root.iter(*_HEADINGS, *_LINES):
        text = element_text(element)
        if not text:
            continue
        tag = element.tag
        labelled = (
            tag in _HEADINGS
            or text.endswith(":")
            or named_label(element)
            or first_of_two_columns(element)
        )
        if len(text) <= LABEL_CHARS and labelled:
            key = key_of(label_words(element))
            if key and key not in found and _words(key) <= LABEL_WORDS:
                if tag in _HEADINGS:
                    value = _section(element)
                elif tag in _INLINE:
                    value = after_inline(element)
                else:
                    value = _after_block(element)
                if value := tidy(value):
                    found[key] = value
            continue
        if _has_block_children(element):
            continue  # a container whose first line happens to be labelled is no line of its own
        for line in _facts_of(_br_lines(element) or [text]):
            if pair := _line_pair(line):
                found.setdefault(*pair)
                # "Shopfront Grant – Closing date: 22 January 2027": a list item's name, a dash,
                # then its labelled fact; the label is what follows the dash.
                if len(named := _DASH.split(pair[0])) > 1:
                    found.setdefault(named[-1], pair[1])
            for pair in _sentence_pairs(line):
                found.setdefault(*pair)
        for label, value in bold_line_pairs(element):  # "<b>Opened</b><br>2 Nov 2026"
            found.setdefault(key_of(label), tidy(value))
    for label, value in tab_panels(root):  # a tab's words name its panel, elsewhere on the page
        found.setdefault(key_of(label), value)
    for label, value in icon_labels(root):  # an icon's aria-label, alt or title names its fact
        found.setdefault(key_of(label), value)
    for label, value in date_captions(root):  # "Jan 29 2027" over "Applications close"
        found.setdefault(key_of(label), value)
    return each_language(found)


# A line of facts parted by a spaced bar or bullet, as a CMS's summary field is written on one
# line: "Closing date: 12/02/2027 | Grant: £2,500 – £10,000 | Who can apply: SMEs". Read whole,
# the first label took the rest of the line and no other label was found.
_FACT_BREAK = lazy_pattern(r"\s+[|\u00a6\u2022\u00b7]\s+")


def _facts_of(lines: list[str]) -> list[str]:
    return [part for line in lines for part in _FACT_BREAK.split(line)]


def _line_pair(text: str) -> tuple[str, str] | None:
    """ "Closing date: 12 March 2027" as its key and value; None for a line that is no such pair."""
    label, colon, value = text.partition(":")
    if not colon:
        # Only looked up by a label a curator named, so "Warm Spaces - Round 2" as a label of
        # its own costs nothing; the first dash parts them ("up to £3,000 - £5,000" stays whole).
        if dash := _DASH.search(text):
            label, colon, value = text[: dash.start()], dash.group(), text[dash.end() :]
    if not colon or len(label) > LABEL_CHARS or _words(label) > LABEL_WORDS:
        return None
    key, value = key_of(label), tidy(value)
    return (key, value) if key and value else None


# A sentence's end inside a line: a full stop, "!" or "?", a space, then a capital.
_SENTENCE_START = lazy_pattern(r"(?<=[.!?])\s+(?=[A-Z])")


def _sentence_pairs(line: str) -> list[tuple[str, str]]:
    """A label that starts a sentence after another in the same line, with its value to the line's
    end, as one at the line's start reads: "Community groups can apply. Closing date: 12 March
    2027. Grants up to £5,000." Only where a colon follows (a dash parts a line's first pair only)."""
    if ":" not in line:
        return []
    pairs = []
    for start in _SENTENCE_START.finditer(line):
        rest = line[start.end() :]
        if pair := _line_pair(rest):
            pairs.append(pair)
    return pairs


def _br_lines(element: etree._Element) -> list[str]:
    """A page builder's "Deadline: …<br>Amount: …" in one element, line by line, the <br>s its
    own or its inline children's (none when it has no <br>: then it is one line)."""
    if next(element.iter("br"), None) is None:
        return []
    parts: list[str] = []
    _walk(element, parts)
    return [tidy(line) for line in " ".join(parts).split("\n") if line.strip()]


def _walk(element: etree._Element, parts: list[str]) -> None:
    """The element's words into `parts`, a "\n" for each <br> (its tail is not its own)."""
    if element.tag == "br":
        parts.append("\n")
    elif isinstance(element.tag, str):  # a comment's text is no line's
        parts.append(element.text or "")
        for child in element:
            _walk(child, parts)
            parts.append(child.tail or "")


def _has_block_children(element: etree._Element) -> bool:
    return any(isinstance(child.tag, str) and child.tag in _BLOCKS for child in element)


_BLOCKS = frozenset({"p", "div", "li", "ul", "ol", "table", "dl", "section", "article", *_HEADINGS})
