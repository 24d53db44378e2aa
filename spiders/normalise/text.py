"""Pure: plain text from scraped HTML fragments: no markup, entities decoded, single spaces."""

from __future__ import annotations

import re

from w3lib.html import remove_comments, remove_tags, remove_tags_with_content, replace_entities

from config.lazy_pattern import lazy_pattern

# Block-level tags end a visual line: without a space "<p>Open</p><p>Now</p>" would read "OpenNow".
_BLOCK_TAG = lazy_pattern(
    r"<\s*/?\s*(?:br|p|div|li|ul|ol|dt|dd|dl|tr|td|th|h[1-6]|section|article|header|footer|"
    r"blockquote|table|hr|template)\b[^<>]*>",
    re.IGNORECASE,
)
# Characters no reader sees: zero-width spaces and joiners, the BOM, soft hyphens, and the
# direction marks Windows writes into a date it formats ("\u200e15/\u200e01/\u200e2027", copied
# from Outlook or Explorer), which left such a date unread.
INVISIBLE = lazy_pattern(
    "[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
# A hyphen by another code (below): Word's non-breaking hyphen keeps "£5,000\u2011£10,000" on one
# line, and read as a stranger the range was £5,000 alone.


def plain_marks(text: str) -> str:
    """The text with nothing invisible in it and every hyphen a hyphen-minus."""
    if text.isascii():
        return text  # most labels looked up (tens of thousands a page): nothing to do
    text = INVISIBLE.sub("", text)
    # str.replace, not translate(): a translate table read every character through a dict, 6 ms
    # of a big listing page's 17 when every label was looked up through it.
    if "\u2010" in text or "\u2011" in text:
        text = text.replace("\u2010", "-").replace("\u2011", "-")
    return text


SPACES = lazy_pattern(r"\s+")
# A no-break space still written as its entity: a feed that escapes its HTML twice leaves "&nbsp;"
# in the text once decoded ("Up&nbsp;to&nbsp;£25,000"). The readers take it as the space it is.
SPACE_ENTITY = lazy_pattern(r"&(?:nbsp|#160|#xa0);", re.IGNORECASE)
# A list item, kept apart from the next when asked: "<li>charities</li><li>parish councils</li>" is
# two applicants, where "charities parish councils" read as one (and left the councils out). Not a
# line break: "Local authorities are not<br>eligible" is one sentence wrapped.
_LIST_ITEM = lazy_pattern(r"<\s*li\b[^<>]*>", re.IGNORECASE)
BULLET = "\u2022"
# A list that ends without a full stop, then more words in a block of their own, ends its sentence
# there: "<ul>…<li>a town or parish council</li></ul><p>Individuals and businesses cannot
# apply.</p>" read as one sentence, "… a town or parish council Individuals and businesses cannot
# apply.", which denied the council it listed (as a heading's section did: loose_labels.py).
# Only a list's end: "<p>One</p><p>Two</p>" stays "One Two" (a label and its value, a heading
# and its text), and a list's items stay one list. spiders/block_sentences.py reads an element
# alike.
LIST_BLOCKS = frozenset({"ul", "ol", "dl"})
NEXT_BLOCKS = frozenset("p div table blockquote section article address h1 h2 h3 h4 h5 h6".split())
SENTENCE_ENDS = (".", "!", "?", ":", ";", ",")
_BLOCK_THEN_BLOCK = lazy_pattern(
    rf"</\s*(?:{'|'.join(LIST_BLOCKS)})\s*>(?=(?:\s|</\s*[a-z][a-z0-9]*\s*>)*<\s*"
    rf"(?:{'|'.join(sorted(NEXT_BLOCKS))})\b)",
    re.IGNORECASE,
)
_BREAK = "\x00"  # where such a sentence ends, until the words on either side are known
_BREAKS = lazy_pattern(r"\s*\x00[\s\x00]*")


def _stop(found: re.Match) -> str:
    before = found.string[: found.start()]
    if not before or found.end() == len(found.string) or before.endswith(SENTENCE_ENDS):
        return " "
    return ". "


# A tag opened and never closed ("<p<p<p…", "<a href=x" at the end): w3lib leaves it as text.
_UNCLOSED_TAG = lazy_pattern(r"<[A-Za-z/!?][^<>]*(?=<|$)")


def as_text(value: object) -> str | None:
    """A field's value as text, whatever a source put there (a number, a list, bytes from a feed):
    the normalisers read words, and a value of the wrong type must not stop a crawl."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def clean_text(value: str | None, *, items: bool = False) -> str | None:
    """Plain text from an HTML fragment or text: no markup, entities decoded, single spaces; None if empty.

    With `items`, list items stay apart: "Who can apply: • charities • parish councils"."""
    if value is None:
        return None
    text = str(value)
    if "<" not in text and "&" not in text:
        # No markup and no entities (most fields: a ::text selection, a JSON value): the steps
        # below would each scan the text and change nothing. A quarter of normalising an item.
        text = plain_marks(text)
        return SPACES.sub(" ", text).strip() or None
    text = remove_comments(text)
    # A <template>'s words are kept, as the spiders read them in a page (spiders/parted_text.py).
    text = remove_tags_with_content(text, which_ones=("script", "style", "noscript"))
    if "</" in text:
        text = _BLOCK_THEN_BLOCK.sub(lambda m: m[0] + _BREAK, text.replace(_BREAK, ""))
    if items:
        text = _LIST_ITEM.sub(f" {BULLET} ", text)
    text = _BLOCK_TAG.sub(" ", text)
    text = remove_tags(text)
    text = _UNCLOSED_TAG.sub(" ", text)
    text = replace_entities(text)
    text = plain_marks(text)
    # \s in Python covers NBSP and the other Unicode spaces that &nbsp; and Word pastes bring in.
    text = SPACES.sub(" ", text).strip()
    if _BREAK in text:
        text = _BREAKS.sub(_stop, text).strip()
    if items:
        text = text.removeprefix(BULLET).lstrip()  # a list at the very start needs no first bullet
    return text or None


# A link's note of the file it leads to, at the end of its words: "(PDF, 412 KB)", "[PDF 198KB]",
# "(pdf, 1.2MB)", GOV.UK's "(PDF, 412 KB, 12 pages)", "(Word document)". A listing whose calls are
# only links to their prospectuses took it for part of the call's name.
_FILE_NOTE = lazy_pattern(
    r"\s*[(\[]\s*(?:pdf|docx?|odt|rtf|xlsx?|ods|csv|pptx?|word|excel)\b(?:\s*document)?"
    r"(?:\s*[,;:-]?\s*[\d.,]+\s*(?:[kmg]i?b|bytes|kilobytes|megabytes)"
    r"|\s*[,;]\s*\d+\s*pages?)*\s*[)\]]\s*$",
    re.IGNORECASE,
)


def one_after_another(first: str, then: str) -> str:
    """Two texts as running sentences: `then` after `first`, a full stop between them unless
    `first` already ends a sentence ("Councils may apply" + "Funder: X" → "Councils may apply.
    Funder: X")."""
    return first + ("" if first.endswith((".", "!", "?")) else ".") + " " + then


def without_file_note(title: str | None) -> str | None:
    """A title without a trailing note of its link's file type and size (see _FILE_NOTE)."""
    if not title:
        return title
    return _FILE_NOTE.sub("", title).strip() or title
