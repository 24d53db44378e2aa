"""The delivery settings in the environment, checked before a command sends anything.

A mistyped SMTP_PORT, SMTP_SECURITY, MAIL_FROM or SLACK_API_URL is wrong for every alert alike:
found at send time, it became a "problem:" line per subscription, the alerts waiting to be retried
for ever, and exit 0, so cron and systemd never heard of it. Said up front, like a config error,
nothing is routed or sent until it is fixed. Values are named, never echoed when they could be a
secret (only SMTP_PORT, SMTP_SECURITY and MAIL_FROM are quoted back, as mail_settings does).
"""

from __future__ import annotations

from collections.abc import Mapping

from config.models import Settings
from notifier.channels.mail_settings import SmtpSettings, mail_identity


def delivery_settings_problems(env: Mapping[str, str], settings: Settings) -> list[str]:
    """Each problem with the environment's delivery settings, phrased for the operator."""
    problems = []
    try:
        if SmtpSettings.from_env(env, settings) is None:
            mail_identity(env, settings)  # .eml digests still need a sender
    except ValueError as error:
        problems.append(str(error))
    api_url = (env.get("SLACK_API_URL") or "").strip()
    if api_url and not api_url.lower().startswith(("http://", "https://")):
        problems.append(
            "SLACK_API_URL must be an http(s) URL, the Slack Web API's base (default "
            "https://slack.com/api/)"
        )
    return problems
