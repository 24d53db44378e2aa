"""Which commands hear a stop from the command line's first line (notifier/stopping.py): found in
the arguments past the group's own options, and only when the process is the command line."""

from __future__ import annotations

import signal

import pytest

from notifier.stopping import command_named, hear_stops_from_the_start


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["notify"], "notify"),
        (["--db", "x.db", "--config", "conf", "run", "-v"], "run"),
        (["--config=conf", "ingest", "items"], "ingest"),
        (["--db"], None),
        (["--help"], None),
        ([], None),
    ],
)
def test_the_command_is_found_past_the_groups_options(argv, named):
    assert command_named(argv) == named


def test_only_the_command_line_installs_them(monkeypatch):
    heard: dict = {}
    # Recorded, not installed: pytest keeps its own handlers.
    monkeypatch.setattr(signal, "signal", lambda signum, handler: heard.update({signum: handler}))
    hear_stops_from_the_start(["/venv/bin/pytest", "notify"])  # a process importing notifier.cli
    hear_stops_from_the_start(["/venv/bin/fundwatch", "search", "net zero"])  # no stop of its own
    assert heard == {}
    hear_stops_from_the_start(["/venv/bin/fundwatch", "--db", "x.db", "digest"])
    assert set(heard) == {signal.SIGTERM, signal.SIGINT}
