"""A long delivery run says how far it has got (notifier/delivery/progress.py): Slack's one message
a second per channel made `notify` with hundreds of alerts for one channel silent for minutes.
Delivered here through the embedded default (no Slack settings: the console channel), with the
clock injected: a line each time `every` seconds have passed, none with `never`."""

from __future__ import annotations

import re

import pytest

from config.models import Settings
from notifier.delivery import deliver_instant
from notifier.delivery.progress import LOG_EVERY, TERMINAL_EVERY, DeliveryProgress, every
from storage.db import open_db
from tests.crawl_helpers import fundwatch, write_config
from tests.notify_helpers import (
    NOW,
    add_event,
    add_opportunity,
    add_outbox_row,
    repository,
    subscription,
)

LINE = re.compile(r"^notify: (\d+) sent, (\d+) to retry, (\d+) failed so far$")


class Clock:
    """Moves on `step` seconds each time it is read."""

    def __init__(self, step: float) -> None:
        self.now, self.step = 0.0, step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def deliver(tmp_path, progress: DeliveryProgress, alerts: int = 6):
    db = repository(tmp_path)
    for n in range(alerts):
        add_opportunity(db, f"opp-{n}")
        add_outbox_row(db, f"opp-{n}")
    return deliver_instant(db, [subscription()], Settings(), now=NOW, env={}, progress=progress)


def test_a_line_each_time_the_interval_has_passed(tmp_path, capsys):
    lines: list[str] = []
    summary = deliver(tmp_path, DeliveryProgress("notify", 10.0, lines.append, Clock(4.0)))
    assert summary.sent == 6
    assert "digital_team" in capsys.readouterr().out  # the console channel printed the alerts
    counted = [tuple(map(int, LINE.match(line).groups())) for line in lines]
    # 4 s a count, a line every 10 s or more: after the 3rd and the 6th alert.
    assert counted == [(3, 0, 0), (6, 0, 0)]


def test_never_says_nothing(tmp_path, capsys):
    lines: list[str] = []
    assert deliver(tmp_path, DeliveryProgress("notify", None, lines.append, Clock(60.0))).sent == 6
    assert lines == []


@pytest.mark.parametrize(
    ("mode", "terminal", "expected"),
    [
        (None, True, TERMINAL_EVERY),
        ("auto", False, LOG_EVERY),
        ("never", True, None),
        ("off", False, None),
        ("0", True, None),
        ("2.5", False, 2.5),
        ("sometimes", True, TERMINAL_EVERY),  # the crawl warns of it and uses auto
    ],
)
def test_the_crawls_setting_says_how_often(mode, terminal, expected):
    assert every(mode, terminal) == expected


def test_fundwatch_notify_prints_its_progress(tmp_path):
    """The command passes its progress on: with a line due at every count, each alert says so."""
    db = repository(tmp_path)
    for n in range(3):
        add_opportunity(db, f"opp-{n}", title=f"Digital inclusion fund {n}")
        add_event(db, f"opp-{n}")
    subscriptions = [
        {"id": "digital_team", "match": {"tags": ["digital"]}, "slack": {"channel": "C0DIGITAL1"}}
    ]
    config = write_config(tmp_path / "config", [], subscriptions)
    env = {"FUNDWATCH_CRAWL_PROGRESS": "0.000001"}
    result = fundwatch("notify", config=config, db=tmp_path / "fundwatch.db", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    said = [line for line in result.stderr.splitlines() if LINE.match(line)]
    assert said[-1] == "notify: 3 sent, 0 to retry, 0 failed so far", result.stderr
    quiet = fundwatch("notify", config=config, db=tmp_path / "fundwatch.db", env={})
    assert not [line for line in quiet.stderr.splitlines() if LINE.match(line)]


def test_fundwatch_notify_says_a_setting_it_does_not_understand(tmp_path):
    """README: any other value is taken as auto, with a warning. `crawl` and `run` said it; notify,
    which reads the same setting for its progress, took 'soon' as auto without a word."""
    config = write_config(tmp_path / "config", [], [])
    open_db(tmp_path / "fundwatch.db").close()  # notify uses a repository, never makes one
    env = {"FUNDWATCH_CRAWL_PROGRESS": "soon"}
    result = fundwatch("notify", config=config, db=tmp_path / "fundwatch.db", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (
        "warning: FUNDWATCH_CRAWL_PROGRESS='soon' is not one of auto, never or a number of "
        "seconds; using auto" in result.stderr.splitlines()
    )
