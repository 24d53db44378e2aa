"""Read one field out of a page or an item node, by CSS, XPath or a row label."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from lxml import etree
from parsel import Selector, SelectorList
from parsel.csstranslator import css2xpath

from config.lazy_pattern import lazy_pattern
from config.models import LabelSelector
from spiders.block_sentences import sentence_words
from spiders.browser_tbody import as_written
from spiders.column_labels import column_labels
from spiders.element_text import own_text
from spiders.form_button import form_button_address
from spiders.icon_labels import icon_names
from spiders.label_rows import two_cell_rows
from spiders.labelled_by import named_words, reads_labelledby
from spiders.loose_labels import (
    after_inline,
    each_language,
    key_of,
    label_text,
    loose_label_map,
    tidy,
)
from spiders.parted_text import has_lines, lines_of, parted_text
from spiders.table_columns import page_columns
from spiders.time_element import time_text

# Text nodes are joined with spaces, then tidied: "Funders: <a>EPSRC</a>, <a>ESRC</a>" must not
# read "EPSRC , ESRC".
_TEXT_NODES = etree.XPath(
    ".//text()[not(ancestor::script) and not(ancestor::style)]", smart_strings=False
)


def select(node: Selector, query: str) -> SelectorList:
    """`xpath:...` is XPath; anything else is CSS (with Scrapy's ::text and ::attr(...) extensions)."""
    if query.startswith("xpath:"):
        found = node.xpath(query.removeprefix("xpath:").strip())
    else:
        found = node.css(query)
    if not found and (written := as_written(query)):
        # Copied from the browser, which adds a <tbody> the page's HTML may not have (browser_tbody.py).
        return node.xpath(written)
    return found


@lru_cache(maxsize=512)
def _xpath(query: str) -> etree.XPath:
    expression = query.removeprefix("xpath:").strip() if query.startswith("xpath:") else None
    return etree.XPath(
        expression or css2xpath(query), namespaces=Selector._default_namespaces, smart_strings=False
    )


def _matches(node: Selector, query: str) -> list[Any]:
    """What select() finds, as lxml gives it (elements and strings). Reading a field needs only
    those: a parsel Selector made for every match was a third of reading an item. Anything
    unusual (not HTML, a selector lxml refuses, a non-list result) goes through parsel, so its
    errors and results stay parsel's."""
    if node.type == "html" and isinstance(node.root, etree._Element):
        try:
            found = _xpath(query)(node.root)
        except Exception:  # noqa: BLE001 - parsel, below, raises its own error for a bad selector
            found = None
        if isinstance(found, list):
            if not found and (written := as_written(query)):
                return _xpath("xpath:" + written)(node.root)  # as select() does (browser_tbody.py)
            return found
    return [match.root for match in select(node, query)]


_OWN_TEXT = lazy_pattern(r"(?<![\s*])::text$")  # `h3 a::text`, not `h3 ::text` or `h3 *::text`
# A bare `::attr(class)` is the item's own attribute: the translation, descendant-or-self::*/@class,
# gave every element's in it, so a card's "card--open" read with its icon's "icon--closed-lock".
_OWN_ATTR = lazy_pattern(r"^::attr\(\s*([\w:-]+)\s*\)$")


def _text_of(matches: list[Any], items: bool = False) -> str | None:
    """The matches' words. With `items` (a date field), an element holding list items reads them
    as clauses: "<li>Drop-in session: 2 December 2026</li><li>Apply by: 18 December 2026</li>" ran
    together as one sentence whose dates were neither a deadline nor anything, so none was read."""
    parts: list[str] = []
    for root in matches:
        if isinstance(root, str):  # ::text, ::attr(), text(), @attr
            parts.append(root)
        elif items and isinstance(root, etree._Element) and _LIST_ITEMS(root):
            parts.append(parted_text(root))
        elif isinstance(root, etree._Element):
            parts.append(time_text(root, sentence_words(root)))  # (block_sentences.py)
    return tidy(" ".join(parts)) or None


_LIST_ITEMS = etree.XPath("descendant-or-self::li[1]")


def label_map(node: Selector) -> dict[str, str]:
    """Every label → value pair in a node, read once: GOV.UK summary lists (dt/dd), tables (th/td)
    and `<strong>Label:</strong> value`. lxml directly: this runs for every item on every page."""
    found: dict[str, str] = {}
    root = node.root
    if isinstance(root, str):
        return found
    for key_element in root.iter("dt", "th"):
        key = _key_text(key_element)
        if key in found:
            continue
        value = key_element.getnext()
        while value is not None and value.tag not in ("dd", "td"):
            value = value.getnext()
        if value is not None and (text := _value_text(value)):
            found[key] = text
    for strong in root.iter("strong", "b"):
        key = key_of(strong.text_content())
        if key in found or not key:
            continue
        text = after_inline(strong)
        if text:
            found[key] = text
    for key, text in column_labels(root).items():  # a row's cells by their column headings
        found.setdefault(key, text)
    for label, text in two_cell_rows(root):  # a "Key dates" table's <td>Opening date</td><td>…
        found.setdefault(key_of(label), text)
    return each_language(found)


def _key_text(label: etree._Element) -> str:
    """A row's label as looked up. A label of two lines is one name in two languages
    ("Dyddiad cau<br>Closing date", a Welsh body's bilingual <dt>), found by either half as
    "Dyddiad cau / Closing date" is; text_content() ran them together."""
    if not has_lines(label):
        return key_of(label.text_content())
    return key_of(" / ".join(line.rstrip(":").strip() for line in lines_of(label)))


def _value_text(value: etree._Element) -> str:
    """A row's value: its cell, or every <dd> under one <dt> ("Small grants: …", "Large grants:
    …": a second tier or a total fund in the next <dd> is as much the value as the first), its
    lines parted (parted_text: a list's items, a bilingual value's two lines)."""
    texts = [parted_text(value)]
    if value.tag == "dd":
        for following in value.itersiblings():
            if not isinstance(following.tag, str):
                continue  # a comment between two <dd>s
            if following.tag != "dd":
                break
            if not _is_actions(following):
                texts.append(parted_text(following))
    return "; ".join(text for text in texts if text)


# A summary list row's actions cell (GOV.UK's dd.govuk-summary-list__actions, NHS's and the Scottish
# design system's alike): a link to do something ("Change", "Add to calendar"), not the fact.
_ACTIONS_CLASS = lazy_pattern(r"(?:^|\s)[\w-]*__actions(?:\s|$)")


def _is_actions(cell: etree._Element) -> bool:
    return bool(_ACTIONS_CLASS.search(cell.get("class") or ""))


class FieldReader:
    """Reads fields from one node (an item on a list page, or a whole detail page)."""

    def __init__(self, node: Selector):
        self.node = node
        self._labels: dict[str, str] | None = None
        self._loose: dict[str, str] | None = None
        self._words: str | None = None  # the node's text as labels are keyed
        self._icon_words: str | None = None  # its icons' names, likewise

    def _label_values(self) -> dict[str, str]:
        if self._labels is None:
            self._labels = label_map(self.node)
        return self._labels

    def _value(self, key: str) -> str | None:
        """A label's value from the rows; failing that, as funders' own pages write labels."""
        value = self._label_values().get(key)
        if value:
            return value
        root = self.node.root
        is_element = isinstance(root, etree._Element)
        if self._words is None:
            self._words = key_of(" ".join(root.itertext())) if is_element else ""
        # Reading every element's text for loose labels costs 0.25 ms an item: not for a label the
        # node's words do not hold at all (most absent labels). An icon's name (aria-label, alt,
        # title) may be the label, and is no text node: looked at only when the words lack it.
        if key not in self._words:
            if self._icon_words is None:
                self._icon_words = key_of(icon_names(root)) if is_element else ""
            if key not in self._icon_words:
                return None
        if self._loose is None:
            self._loose = loose_label_map(self.node.root)
            if is_element:  # last: a table's column on a page no row of it (table_columns.py)
                for column, text in page_columns(root).items():
                    self._loose.setdefault(column, text)
        return self._loose.get(key)

    def by_label(self, labels: list[str]) -> str | None:
        """The value of the first of `labels` present."""
        for label in labels:
            value = self._value(key_of(label))
            if value:
                return value
        return None

    def labelled(self, labels: list[str]) -> str | None:
        """Every one of `labels` present, each with its label, in the order given:
        'Award range: £500,000 - £2,000,000; Total fund: £12,000,000'. For values whose label is
        their meaning (money: a maximum award is not a total fund)."""
        rows: dict[str, str] = {}
        for label in labels:
            key = key_of(label)
            if key not in rows and (value := self._value(key)):
                rows[key] = f"{label_text(label)}: {value}"
        return "; ".join(rows.values()) or None

    def read(
        self, selector: str | LabelSelector | None, *, labelled: bool = False, items: bool = False
    ) -> str | None:
        """The field's text. With `labelled`, a label selector keeps its labels (see `labelled`);
        with `items`, a matched element's list items are clauses (see `_text_of`)."""
        if selector is None:
            return None
        if isinstance(selector, LabelSelector):
            return self.labelled(selector.labels) if labelled else self.by_label(selector.labels)
        if (own := _OWN_ATTR.match(selector.strip())) and isinstance(
            self.node.root, etree._Element
        ):
            value = self.node.root.get(own[1]) or ""
            if value and reads_labelledby(selector):
                value = named_words(self.node.root, [value])
            return tidy(value) or None
        if _OWN_TEXT.search(selector):
            # A bare "::text" is the item's own words (a heading that is the call, a <li> whose
            # facts sit beside its link); parsel has no empty selector for it, so it crashed.
            scope = selector[: -len("::text")]
            elements = _matches(self.node, scope) if scope else [self.node.root]
            if all(isinstance(e, etree._Element) for e in elements):
                return tidy(" ".join(own_text(e) for e in elements)) or None
        matches = _matches(self.node, selector)
        if matches and reads_labelledby(selector) and isinstance(self.node.root, etree._Element):
            # A tab panel's aria-labelledby is the tab's words, not its id (labelled_by.py).
            return tidy(named_words(self.node.root, [str(m) for m in matches])) or None
        return _text_of(matches, items)


# Where a link lives on an element a link selector matched: its own href, else the first inside it.
_HREF = etree.XPath("(@href | .//*[@href]/@href)[1]", smart_strings=False)
# A "Load more" button keeps its address in a data attribute (`<button data-url="/grants/more?
# offset=4">`): with no href, the element's or the first inside it (read as its words before: a
# "…/grants/Load%20more%20grants" asked, or offline nothing, and the listing cut short).
_DATA_NAMES = ("data-url", "data-href", "data-next-url", "data-next", "data-link")
_DATA_LINK = etree.XPath(
    "(" + " | ".join(f"@{name} | .//*/@{name}" for name in _DATA_NAMES) + ")[1]",
    smart_strings=False,
)


def extract_first(node: Selector, query: str | None) -> str | None:
    """For links: the first match only (a next-page href, an item URL)."""
    if not query:
        return None
    found = _matches(node, query)
    if not found:
        return None
    first = found[0]
    if isinstance(first, etree._Element):
        # `url: "h3 a"` or `next_page: "li.next"` (no ::attr(href)) means the link, as a person
        # reading the selector would take it. Its HTML was taken for the address instead, and
        # stored without a word as one made of the link's words ("…/Parish%20Play%20Area…").
        hrefs = _HREF(first) or _DATA_LINK(first)
        # A GET form's "Next" button asks an address too (spiders/form_button.py).
        value = hrefs[0] if hrefs else form_button_address(first) or _text_of([first])
    else:
        # A string (an href, a text node) as it is; anything else as parsel serialises it.
        value = first if isinstance(first, str) else select(node, query).get()
    return value.strip() if value else None
