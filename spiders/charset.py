"""A page's bytes read in the encoding they were written in, when its header (or, with none
there, its own `<meta>`) names a Western single-byte one they cannot be.

An old host's default charset (Apache's `AddDefaultCharset ISO-8859-1`) labels every page it
serves, though the page was saved as UTF-8 and says so in its own `<meta charset="utf-8">`. The
header wins in Scrapy, as it does in a browser (WHATWG encoding sniffing puts the transport
layer before the meta), so "£10,000" read "Â£10,000", the money was lost and "People’s" was
stored "Peopleâ€™s". UTF-8's multi-byte sequences (a lead byte 0xC2–0xF4 and its 0x80–0xBF
continuations) almost never occur in real Latin-1 or windows-1252 prose ("Ã©" and "â€™" would
have to be meant), so a body labelled so that decodes as UTF-8 with any such sequence is UTF-8.
A body that is not valid UTF-8 (a real windows-1252 page's lone 0xA3 for "£") keeps its header's
charset; a BOM already decides before the header (Scrapy's own order).
"""

from __future__ import annotations

from scrapy.http import HtmlResponse, Response, TextResponse
from w3lib.encoding import html_body_declared_encoding

# The labels an old server or CMS gives by default; w3lib reads all of them as windows-1252.
_SINGLE_BYTE = {
    "iso-8859-1",
    "iso8859-1",
    "latin-1",
    "latin1",
    "l1",
    "iso-8859-15",
    "iso8859-15",
    "windows-1252",
    "cp1252",
    "us-ascii",
    "ascii",
}


def header_charset(response: Response) -> str | None:
    """The charset the Content-Type header names, lower-cased; None when it names none."""
    kind = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
    for part in kind.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.strip() == "charset":
            return value.strip().strip("\"'") or None
    return None


def declared_charset(response: Response) -> str | None:
    """The charset the page is labelled with: its header's, else (a page whose header names none)
    its own `<meta charset>`'s. A CMS template's stale `<meta charset="iso-8859-1">` over text
    saved as UTF-8 is the same mislabel as a host's default header, and loses the same "£"."""
    named = header_charset(response)
    if named is None and isinstance(response, HtmlResponse):
        named = html_body_declared_encoding(response.body)
    return named


def is_utf8_text(body: bytes) -> bool:
    """Whether `body` is valid UTF-8 holding at least one multi-byte character."""
    if body.isascii():
        return False  # the same in every one of these encodings: nothing to choose
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def with_true_charset(response: Response) -> Response:
    """`response`, read as UTF-8 when its header's single-byte charset cannot be what its body
    was written in (the module's docstring); else unchanged."""
    if not isinstance(response, TextResponse) or declared_charset(response) not in _SINGLE_BYTE:
        return response
    if response.body.startswith(b"\xef\xbb\xbf") or not is_utf8_text(response.body):
        return response
    return response.replace(encoding="utf-8")
