"""Which webhook URLs alerts may be POSTed to: Slack's own, and loopback only for tests and the demo.

`webhook_env` in subscriptions.yaml may name any variable; without this rule, alerts would go to
whatever URL that variable holds. Reasons name the variable, never its value (the URL is a secret).
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from urllib.parse import urlsplit

LOOPBACK_ENV = "FUNDWATCH_ALLOW_LOOPBACK"
SLACK_WEBHOOK_HOST = "hooks.slack.com"


def loopback_allowed(env: Mapping[str, str]) -> bool:
    """FUNDWATCH_ALLOW_LOOPBACK=1 in the given environment or the process's, read now (not when the
    channel was built), so a test that sets it is honoured."""
    return any((e.get(LOOPBACK_ENV) or "").strip() == "1" for e in (env, os.environ))


def is_loopback(host: str) -> bool:
    """`localhost` or a loopback address: where tests and the demo run their stand-ins."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def webhook_url_problem(name: str, url: str, env: Mapping[str, str]) -> str | None:
    """Why the webhook URL in variable `name` may not be used, or None when it may."""
    refused = f"{name} must hold a Slack webhook URL (https://{SLACK_WEBHOOK_HOST}/…)"
    if any(ord(ch) <= 32 or ord(ch) == 127 for ch in url):
        return f"{refused}; its value has spaces or control characters"
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return refused
    scheme = parts.scheme.lower()
    if parts.username is not None or parts.password is not None or not parts.path.strip("/"):
        return refused
    if scheme == "https" and host == SLACK_WEBHOOK_HOST and port in (None, 443):
        return None
    if scheme in ("http", "https") and is_loopback(host):
        if loopback_allowed(env):
            return None
        return f"{refused}; a loopback URL is allowed only when {LOOPBACK_ENV}=1"
    return refused
