"""A repository that cannot take another write (a full disk) while `digest` or `notify` delivers:
one line naming the repository, a failing exit, and every alert still pending.

Repro: with nothing left to route, the first write was a delivery claim, inside the guard that
keeps one subscription's failure from stopping the others: each subscription was reported as
"OperationalError: disk I/O error", as if it alone had failed, and the command exited 0.
The disk fills as a per-process file-size limit (RLIMIT_FSIZE, with SIGXFSZ ignored, so a write
past it fails with EFBIG, as on a full disk).
"""

from __future__ import annotations

import resource
import signal
import sqlite3
import subprocess

import pytest

from spiders.sources.site import LoopbackSite as Site
from tests.crawl_helpers import ROOT, fundwatch, fundwatch_command, fundwatch_env, write_config
from tests.reliability.generated import feed_source, rss

pytestmark = pytest.mark.slow


def disk_full() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))  # not one more WAL frame


def pending(db_path) -> dict[str, int]:
    with sqlite3.connect(db_path) as db:
        return dict(db.execute("SELECT status, count(*) FROM outbox GROUP BY status").fetchall())


def emails(folder) -> list:
    """The .eml files written so far (without SMTP_HOST, email is written beside the repository)."""
    return sorted(folder.rglob("*.eml"))


@pytest.mark.parametrize("command", [("digest", "--force"), ("notify",)])
def test_a_full_disk_while_delivering_is_one_line_and_a_failing_exit(tmp_path, command):
    db_path = tmp_path / "fundwatch.db"
    cadence = "daily" if command[0] == "digest" else "instant"
    teams = [
        {"id": f"team_{n}", "email": {"to": [f"team{n}@example.gov.uk"], "cadence": cadence}}
        for n in range(2)
    ]
    with Site() as site:
        site.add("/feed.rss", rss(range(3)), content_type="application/rss+xml")
        config = write_config(
            tmp_path / "config", [feed_source("feed", f"{site.url}/feed.rss")], teams
        )
        assert fundwatch("crawl", config=config, db=db_path).returncode == 0
    # Routed, nothing sent yet: the delivery's claim is the next write. (No SMTP_HOST: .eml files.)
    routed = fundwatch("notify", config=config, db=db_path, env={"SMTP_HOST": ""})
    assert routed.returncode == 0, routed.stderr
    if cadence == "instant":  # notify sent them: route new ones, for the run under test
        with sqlite3.connect(db_path) as db:
            db.execute("UPDATE outbox SET status = 'pending', attempts = 0, sent_at = NULL")
    with sqlite3.connect(db_path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = pending(db_path)
    assert before == {"pending": 6}
    eml = emails(tmp_path)

    full = subprocess.run(
        fundwatch_command(*command, config=config, db=db_path),
        cwd=ROOT,
        env=fundwatch_env({"SMTP_HOST": ""}),
        capture_output=True,
        text=True,
        preexec_fn=disk_full,
        timeout=120,
    )
    assert full.returncode == 1, full.stdout + full.stderr
    assert "OperationalError" not in full.stdout + full.stderr
    assert "Traceback" not in full.stderr
    assert f"cannot write to the repository {db_path}" in full.stderr, full.stderr
    assert pending(db_path) == before  # nothing claimed, nothing lost
    assert emails(tmp_path) == eml  # nothing sent
