"""How alerts that are due together are grouped into deliver calls (the engine marks after each)."""

from __future__ import annotations

from notifier.alerts import Alert


def burst_groups(alerts: list[Alert], burst_limit: int) -> list[list[Alert]]:
    """Slack and the console: one alert per call up to the burst limit (a crash repeats at most one
    post); beyond it, one call, which Slack turns into a single summary message."""
    if len(alerts) <= burst_limit:
        return [[alert] for alert in alerts]
    return [list(alerts)]


def one_message(alerts: list[Alert]) -> list[list[Alert]]:
    """Email, and every digest: the whole group in one message."""
    return [alerts] if alerts else []
