"""Development settings in the environment that fundwatch cannot use are said, not ignored:
FUNDWATCH_NOW stops the command (a test or demo must not run on the real clock by mistake);
FUNDWATCH_CRAWL_PROGRESS gets a warning naming what it accepts."""

from __future__ import annotations

import pytest

from storage.db import open_db
from tests.crawl_helpers import fundwatch, write_config
from tests.smtp_server import free_port


def test_a_frozen_now_that_is_not_a_time_is_one_config_error(tmp_path):
    # Before: a ValueError traceback from config/clock.py.
    config = write_config(tmp_path / "config", [])
    open_db(tmp_path / "fw.db").close()  # notify uses a repository, never makes one
    done = fundwatch(
        "notify", config=config, db=tmp_path / "fw.db", env={"FUNDWATCH_NOW": "garbage"}
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [
        "config error: environment: FUNDWATCH_NOW must be a time such as 2026-11-25T09:00:00Z, "
        "got 'garbage' (a development setting: unset it to use the real clock)"
    ]


def test_a_crawl_progress_setting_it_does_not_take_is_a_warning_naming_what_it_takes(tmp_path):
    # Before: 'sometimes' was taken as auto without a word.
    config = write_config(tmp_path / "config", [])
    env = {"FUNDWATCH_CRAWL_PROGRESS": "sometimes"}
    done = fundwatch("crawl", config=config, db=tmp_path / "fw.db", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        "warning: FUNDWATCH_CRAWL_PROGRESS='sometimes' is not one of auto, never or a number of "
        "seconds; using auto"
    ]
    quiet = fundwatch(
        "crawl", config=config, db=tmp_path / "fw.db", env={"FUNDWATCH_CRAWL_PROGRESS": "2.5"}
    )
    assert quiet.stderr == ""


@pytest.mark.parametrize("command", [["crawl"], ["run"]])
@pytest.mark.parametrize(
    ("name", "value", "wanted", "setting"),
    [
        ("FUNDWATCH_CRAWL_DELAY", "abc", "0 or more", "crawl.delay"),
        ("FUNDWATCH_CRAWL_TIMEOUT", "-1", "more than 0", "crawl.timeout"),
    ],
)
def test_a_crawl_override_it_cannot_use_is_one_config_error(
    tmp_path, command, name, value, wanted, setting
):
    # Before: 'abc' ended the crawl process before any source's turn ("not started: the crawl
    # process exited with code 1" for every source), and -1 failed every download, as crawl faults.
    url = f"http://127.0.0.1:{free_port()}/feed"
    config = write_config(tmp_path / "config", [{"id": "grants", "kind": "feed", "urls": [url]}])
    db = tmp_path / "fw.db"
    done = fundwatch(*command, config=config, db=db, env={name: value}, timeout=60)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.splitlines() == [
        f"config error: environment: {name} must be a number of seconds, {wanted}, got "
        f"{value!r} (a development setting: unset it to use settings.yaml's {setting})"
    ]
    assert not db.exists()  # nothing crawled, no run recorded as a source's failure
