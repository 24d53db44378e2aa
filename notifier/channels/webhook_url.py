"""Which webhook URLs alerts may be POSTed to: the service's own hosts over https, and loopback
only when FUNDWATCH_ALLOW_LOOPBACK=1 (tests and the demo). Slack (slack/webhook_url.py) and Teams
(teams/webhook_url.py) say which hosts are theirs; the rule is this one.

A subscription's `webhook_env` may name any variable: without this rule, alerts would go to
whatever URL that variable holds. Reasons name the variable, never its value (the URL is a secret).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from urllib.parse import urlsplit

from config.addresses import LOOPBACK_ENV, loopback_allowed
from notifier.channels.mail_settings import is_loopback


def url_problem(
    url: str,
    env: Mapping[str, str],
    *,
    refused: str,
    service_host: Callable[[str], bool],
    root_dot: bool = False,
) -> str | None:
    """Why `url` may not be used (`refused`, and what is wrong with it), or None when it may.
    `service_host`: whether a (lower-case) host is the service's own. `root_dot`: a host written
    with DNS's trailing root dot (`x.logic.azure.com.`) counts as the host without it."""
    if any(ord(ch) <= 32 or ord(ch) == 127 for ch in url):
        return f"{refused}; its value has spaces or control characters"
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return refused
    if root_dot:
        host = host.rstrip(".")
    scheme = parts.scheme.lower()
    if parts.username is not None or parts.password is not None or not parts.path.strip("/"):
        return refused
    if scheme == "https" and service_host(host) and port in (None, 443):
        return None
    if scheme in ("http", "https") and is_loopback(host):
        # The given environment or the process's, read now (a test that sets it is honoured).
        if loopback_allowed(env) or loopback_allowed():
            return None
        return f"{refused}; a loopback URL is allowed only when {LOOPBACK_ENV}=1"
    return refused
