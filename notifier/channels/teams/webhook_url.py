"""Which webhook URLs Teams alerts may be POSTed to: Microsoft's Workflows hosts over https, and
loopback only when FUNDWATCH_ALLOW_LOOPBACK=1 (tests and the demo).

Workflows webhook URLs live on `*.environment.api.powerplatform.com` (flows made since Microsoft
moved them off Logic Apps hosts in 2025) or `*.logic.azure.com` (older flows); a retired Office 365
connector's `*.webhook.office.com` is still accepted, so a council that has one gets a clear answer
from Microsoft rather than a refusal from us. The rule itself is notifier/channels/webhook_url.py;
a Workflows URL carries the flow's signature, so it is a secret like Slack's.
"""

from __future__ import annotations

from collections.abc import Mapping

from notifier.channels.webhook_url import url_problem

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
    return url_problem(url, env, refused=refused, service_host=_microsoft_host, root_dot=True)
