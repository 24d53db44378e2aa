"""How alerts that are due together are grouped into deliver calls (the engine marks after each)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from notifier.alerts import Alert


def burst_groups(alerts: list[Alert], burst_limit: int) -> list[list[Alert]]:
    """Slack, Teams and the console: one alert per call up to the burst limit (a crash repeats at
    most one post); beyond it, one call, which Slack turns into a single summary message. The
    limit counts what the destination has in the run (`together`: several subscriptions sharing
    a channel), as Slack's pace is the channel's. A new subscription's welcome (the open calls
    that match it) is one summary however few: one welcome, as README promises, not a post per
    call."""
    welcomes = [alert for alert in alerts if alert.event == "welcome"]
    others = [alert for alert in alerts if alert.event != "welcome"]
    groups = [welcomes] if welcomes else []
    if len(others) <= burst_limit and (len(others) < 2 or _count(others) <= burst_limit):
        return groups + [[alert] for alert in others]
    return [*groups, others]


def is_summary(alerts: list[Alert], burst_limit: int) -> bool:
    """Whether one deliver call's alerts go as one summary (burst_groups made it so)."""
    return len(alerts) > burst_limit or (
        len(alerts) > 1
        and (_count(alerts) > burst_limit or all(alert.event == "welcome" for alert in alerts))
    )


def _count(alerts: list[Alert]) -> int:
    """The alerts the burst limit weighs: these, or their destination's in the run if more (a
    single alert still goes as itself)."""
    return max([len(alerts), *(alert.together for alert in alerts)])


def counted_together(
    split: Callable[[list[Alert]], list[list[Alert]]], together: int
) -> Callable[[list[Alert]], list[list[Alert]]]:
    """`split`, told how many different alerts the target's destination has in the run."""
    if not together:
        return split
    return lambda alerts: split([replace(alert, together=together) for alert in alerts])


def one_message(alerts: list[Alert]) -> list[list[Alert]]:
    """Email, and every digest: the whole group in one message."""
    return [alerts] if alerts else []
