"""The SMTP settings, said by `fundwatch sources check` as it says the Slack and Teams variables
(variables.py): who sends mail, and how the environment the check runs in would send it. Without
SMTP_HOST, email is written as .eml files; with it, the port, the security and whether a login is
set (names only: SMTP_HOST and the login are not echoed, a password is a secret), then what
`notify` would refuse (SMTP_PORT=abc) or warn of (starttls to port 465). Nothing connects: a
check is a reading of the config, and the service's environment may not be the shell's. A pure
function of the config and the environment.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from config.models import Settings, Subscription
from notifier.channels.env_check import delivery_warnings
from notifier.channels.mail_settings import SmtpSettings
from notifier.channels.variables import users_of


def mail_lines(
    subscriptions: Sequence[Subscription],
    settings: Settings,
    env: Mapping[str, str],
    outbox: Path,
) -> list[str]:
    """An `email:` line when some subscription (or the curators) takes email, then any problem or
    warning `notify` would give; none when nobody does."""
    who = [s.id for s in subscriptions if s.email is not None]
    if settings.curators.email:
        who.append("curators")
    if not who:
        return []
    users = users_of(who)
    # Each line is followed by notify's own warnings (env_check.py), as notify gives them.
    if not (env.get("SMTP_HOST") or "").strip():
        line = f"email: {users} by .eml files under {outbox}/ (SMTP_HOST not set here)"
        return [line, *delivery_warnings(env, settings, outbox)]
    try:
        smtp = SmtpSettings.from_env(env, settings)
    except ValueError as error:
        return [f"email: {users} by SMTP_HOST (set), but notify would stop: {error}"]
    assert smtp is not None  # SMTP_HOST is set
    chosen = "" if (env.get("SMTP_SECURITY") or "").strip() else " (the default)"
    port = "" if (env.get("SMTP_PORT") or "").strip() else f" (the default for {smtp.security})"
    login = "SMTP_USERNAME and SMTP_PASSWORD set" if smtp.username else "no login"
    return [
        f"email: {users} by SMTP_HOST (set): port {smtp.port}{port}, "
        f"SMTP_SECURITY={smtp.security}{chosen}, {login}; not connected to (notify does)",
        *delivery_warnings(env, settings, outbox),
    ]
