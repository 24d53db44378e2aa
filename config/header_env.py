"""Request headers whose values are secrets, named in sources.yaml and read from the environment.

An Airtable-style API wants `Authorization: Bearer …`. The value never goes in YAML (it would be in
the repository, in `sources check` output, in every copy of the config): an entry names the
variable that holds it, `headers_env: {Authorization: AIRTABLE_AUTH}`, and the crawl and the
curator tools read it when they ask. It is sent only to the hosts of the source's own `urls`: a
redirect or a detail page on another host (even a `follow_hosts` one) goes without it. Nothing
prints it: an error names the header and the variable, never the value (`redact` takes it out of
any line a site's own answer put it in).
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, quote_plus, urlsplit

from config.lazy_pattern import lazy_pattern

# RFC 9110's token; a variable name as a shell writes one.
HEADER_NAME = lazy_pattern(r"^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")
ENV_NAME = lazy_pattern(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Headers the crawl sets itself: an identifying User-Agent (a house rule), the host asked, cookies
# kept for the run, the validators of conditional GET.
RESERVED = {"host", "user-agent", "cookie", "content-length", "if-none-match", "if-modified-since"}
HIDDEN = "[secret]"


def headers_env_problem(value: dict[str, Any]) -> str | None:
    """What is wrong with a `headers_env` mapping, never quoting a value (a secret pasted in where
    the variable's name belongs must not be printed back)."""
    for header, variable in value.items():
        if not HEADER_NAME.match(header):
            return f"{header!r} is not a header name"
        if header.lower() in RESERVED:
            return f"{header!r} is set by fundwatch itself"
        if not isinstance(variable, str) or not ENV_NAME.match(variable):
            return (
                f"the value for {header!r} must be the name of an environment variable (such as "
                "AIRTABLE_AUTH) that holds the header's value, never the value itself"
            )
    return None


def missing_variables(source: Any, environ: Mapping[str, str] | None = None) -> list[str]:
    """ "field 'headers_env.Authorization': …" for each variable the source names that is not set."""
    environ = os.environ if environ is None else environ
    return [
        f"field 'headers_env.{header}': environment variable {variable} is not set (the "
        "header's value comes from the environment only)"
        for header, variable in source.headers_env.items()
        if not environ.get(variable, "").strip()
    ]


def own_hosts(source: Any) -> set[str]:
    return {(urlsplit(url).hostname or "").lower() for url in source.urls}


class SourceSecrets:
    """One source's secret headers for a run (a crawl, `sources try`, `sources record`): its own
    hosts, the variables' values and which are unset, read once when the run begins, not again for
    every request and every line logged (a run's environment does not change under it)."""

    def __init__(self, source: Any, environ: Mapping[str, str] | None = None):
        environ = os.environ if environ is None else environ
        named = getattr(source, "headers_env", None) or {}
        self.names = tuple(named)
        self.missing = missing_variables(source, environ) if named else []
        self.hosts = own_hosts(source) if named else set()
        values = {header: environ.get(variable, "").strip() for header, variable in named.items()}
        self._sent = {header: value.encode() for header, value in values.items() if value}
        # What `redact` takes out of a line: too short a value would blank ordinary words.
        self.values = [value for value in values.values() if len(value) >= 4]

    def for_url(self, url: str) -> dict[str, bytes]:
        """The headers to send with a request for `url`: the source's, if `url` is on its own hosts
        and each variable is set; otherwise none. UTF-8 bytes, the one way both the crawl and the
        curator tools send them (a str left to Scrapy took the encoding of the page the request
        was followed from, so one secret went out as two different byte strings)."""
        if not self._sent or (urlsplit(url).hostname or "").lower() not in self.hosts:
            return {}
        return dict(self._sent)


def _forms(secret: str) -> list[str]:
    """The secret as it might be written into text: as is, percent-encoded, JSON-escaped, base64,
    and the part after a scheme word ("Bearer pat…" → "pat…")."""
    parts = [secret, *secret.split(None, 1)[1:]]
    forms = []
    for part in parts:
        forms += [part, quote(part, safe=""), quote_plus(part), json.dumps(part)[1:-1]]
        forms.append(base64.b64encode(part.encode()).decode().rstrip("="))
    return sorted({form for form in forms if len(form) >= 4}, key=len, reverse=True)


def redact(text: str, secrets: list[str]) -> str:
    """`text` with every secret in it, in any of its written forms, replaced by [secret]."""
    for secret in secrets:
        for form in _forms(secret):
            text = text.replace(form, HIDDEN)
    return text
