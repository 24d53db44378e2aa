"""Which webhook URLs Teams alerts may be POSTed to: Microsoft's Workflows hosts over https, and
loopback only when FUNDWATCH_ALLOW_LOOPBACK=1 (tests and the demo).

Workflows webhook URLs live on `*.environment.api.powerplatform.com` (flows made since Microsoft
moved them off Logic Apps hosts in 2025) or `*.logic.azure.com` (older flows); a retired Office 365
connector's `*.webhook.office.com` is still accepted, so a council that has one gets a clear answer
from Microsoft rather than a refusal from us. `teams: {webhook_env: NAME}` may name any variable:
without this rule alerts would go wherever that variable points. Reasons name the variable, never
its value (the URL carries the flow's signature: it is a secret).
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from notifier.channels.slack.webhook_url import LOOPBACK_ENV, is_loopback, loopback_allowed

TEAMS_WEBHOOK_HOSTS = (
    ".environment.api.powerplatform.com",
    ".logic.azure.com",
    ".webhook.office.com",
)


def _microsoft_host(host: str) -> bool:
    return any(host.endswith(suffix) and len(host) > len(suffix) for suffix in TEAMS_WEBHOOK_HOSTS)


def teams_url_problem(name: str, url: str, env: Mapping[str, str]) -> str | None:
    """Why the webhook URL in variable `name` may not be used, or None when it may."""
    refused = (
        f"{name} must hold a Teams Workflows webhook URL "
        "(https://….environment.api.powerplatform.com/… or https://….logic.azure.com/…)"
    )
    if any(ord(ch) <= 32 or ord(ch) == 127 for ch in url):
        return f"{refused}; its value has spaces or control characters"
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().rstrip(".")
        port = parts.port
    except ValueError:
        return refused
    scheme = parts.scheme.lower()
    if parts.username is not None or parts.password is not None or not parts.path.strip("/"):
        return refused
    if scheme == "https" and _microsoft_host(host) and port in (None, 443):
        return None
    if scheme in ("http", "https") and is_loopback(host):
        if loopback_allowed(env):
            return None
        return f"{refused}; a loopback URL is allowed only when {LOOPBACK_ENV}=1"
    return refused
