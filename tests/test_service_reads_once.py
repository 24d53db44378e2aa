"""`fundwatch run` reads its config once as it starts.

Before: settings.yaml was read four times before the first job (the delivery check, the crawl
check, the validating read, the service's own), and the other files twice: a file saved in
between could be checked in one state and planned from another. The real `run` command,
in this process, stopped as it says it is running (before its scheduler starts).
"""

from __future__ import annotations

import logging
from collections import Counter

from click.testing import CliRunner

from config import loader
from notifier.cli import cli
from notifier.service_starting import StoppedBeforeStart
from tests.crawl_helpers import write_config
from tests.test_scheduler_stop import stop_handlers  # noqa: F401 (a fixture)


class StopWhenRunning(logging.Handler):
    """Stops the service as it says it runs, as its stop handler does (a signal, in the test's
    own process, came whenever Python next looked: sometimes after its scheduler had started)."""

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("fundwatch running on"):
            raise StoppedBeforeStart("SIGTERM")


def test_run_reads_each_config_file_once_as_it_starts(tmp_path, monkeypatch, caplog, stop_handlers):  # noqa: F811
    folder = write_config(tmp_path / "config", [], [])
    reads: Counter[str] = Counter()
    read_yaml = loader.read_yaml

    def counted(path):
        reads[path.name] += 1
        return read_yaml(path)

    monkeypatch.setattr(loader, "read_yaml", counted)  # every config file is read through it
    stopper = StopWhenRunning()
    logging.getLogger("fundwatch.run").addHandler(stopper)
    try:
        caplog.set_level(logging.INFO, logger="fundwatch.run")  # where the test's root says less
        done = CliRunner().invoke(
            cli, ["--config", str(folder), "--db", str(tmp_path / "fw.db"), "run"]
        )
    finally:
        logging.getLogger("fundwatch.run").removeHandler(stopper)
    assert done.exit_code == 0, done.output
    assert dict(reads) == {
        "tags.yaml": 1,
        "sources.yaml": 1,
        "subscriptions.yaml": 1,
        "settings.yaml": 1,
    }
