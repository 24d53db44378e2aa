"""An answer's body as sent before its Content-Encoding, for the curator tools' fetcher.

A static host serving pre-compressed files (S3 behind a CDN) answers gzip whether or not it was
asked; the crawl's HttpCompressionMiddleware decodes gzip, deflate and brotli, and so must `sources
try`, or it reads the compressed bytes as the page. Inflation is capped at the crawl's max_bytes, as
the crawl's is: a small answer that inflates to gigabytes (a zip bomb) is refused, not read.
"""

from __future__ import annotations

import zlib

from spiders.failures import Refusal

try:  # brotli is an optional extra of Scrapy's too: without it, a br answer is not decoded
    import brotli
except ImportError:  # pragma: no cover
    brotli = None

_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}


def decoded(body: bytes, encoding: str | None, max_bytes: int) -> bytes:
    """`body` decoded from each of `encoding`'s codings, last applied first; unknown ones (and
    "identity") leave it as it is."""
    codings = [c.strip().lower() for c in (encoding or "").split(",") if c.strip()]
    for coding in reversed(codings):
        if coding in _WBITS:
            body = _inflate(body, _WBITS[coding], max_bytes)
        elif coding == "br" and brotli is not None:
            body = _unbrotli(body, max_bytes)
    return body


def _inflate(body: bytes, wbits: int, max_bytes: int) -> bytes:
    inflater = zlib.decompressobj(wbits)
    try:
        out = inflater.decompress(body, max_bytes + 1)
    except zlib.error:
        if wbits == zlib.MAX_WBITS:  # "deflate" sent raw, without its zlib header, as some do
            return _inflate(body, -zlib.MAX_WBITS, max_bytes)
        raise Refusal(f"not valid {'gzip' if wbits > zlib.MAX_WBITS else 'deflate'} data") from None
    if len(out) > max_bytes:
        raise Refusal(f"larger than the {max_bytes}-byte limit (decompressed)")
    return out


def _unbrotli(body: bytes, max_bytes: int) -> bytes:
    # Decoded a bounded piece at a time, as zlib's max_length bounds _inflate: decoded whole, a
    # brotli bomb was expanded in memory before its size was checked.
    decoder = brotli.Decompressor()
    pieces, size, data = [], 0, body
    try:
        while True:
            piece = decoder.process(data, output_buffer_limit=max_bytes + 1 - size)
            data = b""
            size += len(piece)
            pieces.append(piece)
            if size > max_bytes:
                raise Refusal(f"larger than the {max_bytes}-byte limit (decompressed)")
            if not piece or decoder.is_finished():
                return b"".join(pieces)
    except brotli.error:
        raise Refusal("not valid brotli data") from None
