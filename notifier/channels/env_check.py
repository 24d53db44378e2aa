"""The delivery settings in the environment, checked before a command sends anything.

A mistyped SMTP_PORT, SMTP_SECURITY, MAIL_FROM or SLACK_API_URL is wrong for every alert alike:
found at send time, it became a "problem:" line per subscription, the alerts waiting to be retried
for ever, and exit 0, so cron and systemd never heard of it. Said up front, like a config error,
nothing is routed or sent until it is fixed. Values are named, never echoed when they could be a
secret (only SMTP_PORT, SMTP_SECURITY and MAIL_FROM are quoted back, as mail_settings does).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from config.model_parts import is_web_address
from config.models import Settings
from notifier.channels.mail_settings import (
    DEFAULT_ADDRESS,
    SmtpSettings,
    address_of,
    mail_identity,
)


def delivery_settings_problems(env: Mapping[str, str], settings: Settings) -> list[str]:
    """Each problem with the environment's delivery settings, phrased for the operator."""
    problems = []
    try:
        if SmtpSettings.from_env(env, settings) is None:
            mail_identity(env, settings)  # .eml digests still need a sender
    except ValueError as error:
        problems.append(str(error))
    api_url = (env.get("SLACK_API_URL") or "").strip()
    if api_url and not is_web_address(api_url):
        problems.append(
            "SLACK_API_URL must be an http(s) URL, the Slack Web API's base (default "
            "https://slack.com/api/)"
        )
    return problems


# SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD and SMTP_SECURITY only shape a connection to SMTP_HOST.
# Set without it, email goes to .eml files as the embedded default, and an operator who forgot (or
# misspelt) SMTP_HOST would think digests were being mailed. Not an error: the .eml default is a
# working set-up, so the command goes on; but it says what it ignores and why.
SMTP_ONLY = ("SMTP_PORT", "SMTP_USERNAME", "SMTP_PASSWORD", "SMTP_SECURITY")


def ignored_settings_warning(env: Mapping[str, str], outbox: Path) -> str | None:
    """One line naming the SMTP settings that are set but ignored (names only: a password is a
    secret), or None when there are none."""
    if (env.get("SMTP_HOST") or "").strip():
        return None
    ignored = [name for name in SMTP_ONLY if (env.get(name) or "").strip()]
    if not ignored:
        return None
    return (
        f"warning: {', '.join(ignored)} ignored: SMTP_HOST is not set, so email is written as "
        f".eml files under {outbox}/ instead of being sent"
    )


# The ports RFC 8314 and RFC 6409 give each way of starting TLS: the settings each wants, and why.
_PORT_WANTS = {
    465: (
        ("ssl",),
        "TLS from the start: spoken to in plain text it says nothing, so each digest "
        "waits out the timeout",
    ),
    587: (("starttls",), "a plain greeting, which TLS from the start cannot read"),
    25: (("starttls", "none"), "a plain greeting, which TLS from the start cannot read"),
}


def port_mismatch_warning(env: Mapping[str, str]) -> str | None:
    """One line when SMTP_SECURITY does not fit a well-known SMTP_PORT (starttls or none to 465,
    ssl to 587 or 25). Said before sending, not refused: a server may be set up otherwise."""
    if not (env.get("SMTP_HOST") or "").strip():
        return None
    security = (env.get("SMTP_SECURITY") or "starttls").strip().lower()
    port_text = (env.get("SMTP_PORT") or "").strip()
    if not port_text.isdigit() or int(port_text) not in _PORT_WANTS:
        return None
    port = int(port_text)
    wants, why = _PORT_WANTS[port]
    if security in wants:
        return None
    fits = " or ".join(f"SMTP_SECURITY={mode}" for mode in wants)
    # Unset is starttls; an operator who set only SMTP_PORT=465 would not know where it came from.
    unset = "" if (env.get("SMTP_SECURITY") or "").strip() else " (the default: it is not set)"
    return (
        f"warning: SMTP_SECURITY={security}{unset} with SMTP_PORT={port}: port {port} usually wants "
        f"{fits} ({why})"
    )


def placeholder_sender_warning(env: Mapping[str, str], settings: Settings) -> str | None:
    """One line when mail goes out through SMTP_HOST from the placeholder crawl.contact (no
    MAIL_FROM, curators.email or crawl.contact set): a real server sends it as
    fundwatch-maintainers@example.org, which a council's mail filter may refuse as a forgery and
    to which nobody replies. Said, not refused: the .eml default and the demo use it too."""
    if not (env.get("SMTP_HOST") or "").strip():
        return None
    try:
        sender, _ = mail_identity(env, settings)
    except ValueError:
        return None  # a problem, said as one by delivery_settings_problems
    if address_of(sender) != DEFAULT_ADDRESS:
        return None
    return (
        f"warning: email is sent from {DEFAULT_ADDRESS}, a placeholder (no MAIL_FROM, and no "
        "curators.email or crawl.contact in settings.yaml): set curators.email to a mailbox "
        "you read, or MAIL_FROM"
    )


def delivery_warnings(env: Mapping[str, str], settings: Settings, outbox: Path) -> list[str]:
    """The warnings `notify` and `digest` give before sending (each says nothing when it does not
    apply: the first only without SMTP_HOST, the others only with it), and `sources check` too."""
    warnings = (
        ignored_settings_warning(env, outbox),
        port_mismatch_warning(env),
        placeholder_sender_warning(env, settings),
    )
    return [warning for warning in warnings if warning]
