"""Delivery settings in the environment that have no effect, said in one warning line.

SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD and SMTP_SECURITY only shape a connection to SMTP_HOST.
Set without it, email goes to .eml files as the embedded default, and an operator who forgot (or
misspelt) SMTP_HOST would think digests were being mailed. Not an error: the .eml default is a
working set-up, so the command goes on; but it says what it ignores and why.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

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
