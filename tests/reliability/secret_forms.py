"""Every form a secret could be written in: plain, URL- and form-encoded, JSON-escaped,
quoted-printable, hex, and base64 at each of the three byte alignments (so a secret inside a longer
base64 blob, such as AUTH PLAIN's "\\0user\\0password", is still found)."""

from __future__ import annotations

import base64
import json
import quopri
from urllib.parse import quote, quote_plus


def _base64_cores(secret: bytes) -> list[bytes]:
    """The base64 characters that encode only the secret's own bytes, whatever comes before and
    after it, for each of the three offsets it can start at within a 3-byte group."""
    cores = []
    for offset in range(3):
        for encode in (base64.b64encode, base64.urlsafe_b64encode):
            encoded = encode(b"\0" * offset + secret)
            start = 4 if offset else 0
            end = ((offset + len(secret)) // 3) * 4
            if end - start >= 8:
                cores.append(encoded[start:end])
    return cores


def forms(secret: str) -> dict[str, bytes]:
    raw = secret.encode("utf-8")
    found = {
        "plain": raw,
        "url-encoded": quote(secret, safe="").encode(),
        "url-encoded (path)": quote(secret).encode(),
        "form-encoded": quote_plus(secret).encode(),
        "json-escaped": json.dumps(secret)[1:-1].encode(),
        "quoted-printable": quopri.encodestring(raw).rstrip(b"\n"),
        "hex": raw.hex().encode(),
        "HEX": raw.hex().upper().encode(),
    }
    for index, core in enumerate(_base64_cores(raw)):
        found[f"base64 #{index}"] = core
    return found


def leaks(blob: bytes, secrets: dict[str, str]) -> list[str]:
    """'NAME as FORM' for every secret found in the blob, in any form."""
    return [
        f"{name} as {form}"
        for name, secret in secrets.items()
        for form, encoded in forms(secret).items()
        if encoded in blob
    ]
