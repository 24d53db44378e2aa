"""An exception as a line a curator reads: what went wrong, without Python's class name where the
message already says it ("Cannot use css on a Selector of type 'json'" read as what the page is, not
"ValueError: Cannot …").

The class name is kept where it is the only clue (an empty message) or where it points at a bug in
a spider rather than at the page (AttributeError, IndexError…): those lines go to a developer.
"""

from __future__ import annotations

from config.lazy_pattern import lazy_pattern

# Raised for what a page held, by parsel, jmespath, json and our own readers: the message is the news.
_SAYS_IT_ALL = (ValueError, TypeError, UnicodeError)


# parsel's words when a listing's selectors meet a JSON or plain-text answer: true, but a curator
# needs to hear what the page is and what reads it.
_NOT_MARKUP = lazy_pattern(r"Cannot use (?:css|xpath) on a Selector of type '(json|text)'")
_PAGE_KIND = {"json": "JSON", "text": "plain text"}


def error_text(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    if isinstance(exc, ValueError) and (found := _NOT_MARKUP.fullmatch(text)):
        kind = _PAGE_KIND[found.group(1)]
        return (
            f"the page is {kind}, not HTML, so CSS and XPath selectors cannot read it "
            "(a JSON API is read with kind: api)"
        )
    if isinstance(exc, KeyError) and exc.args:
        return f"missing key {exc.args[0]!r}"
    if isinstance(exc, _SAYS_IT_ALL) and text:
        return text
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
