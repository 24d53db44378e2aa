"""Repository files a command cannot use: one line naming the path and what to do, a non-zero
exit, no traceback, and nothing created or changed.

Repro from issue [4/9]: a corrupt or non-SQLite file gave a 40–135-line traceback; a read-only mount
broke even `search`; a mistyped `--db` on `sources status` silently created folders and an empty
repository.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from storage.db import open_db
from storage.record import record_sighting
from storage.sighting import Sighting
from tests.crawl_helpers import ROOT, fundwatch, write_config
from tests.notify_helpers import NOW

pytestmark = pytest.mark.slow

READERS = [("search", "fund"), ("sources", "status")]
WRITERS = [("notify",), ("digest", "--force"), ("crawl",)]


@pytest.fixture
def config(tmp_path):
    source = {"id": "feed", "kind": "feed", "urls": ["http://127.0.0.1:9/feed.rss"]}
    return write_config(tmp_path / "config", [source])


def digest_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line(result: subprocess.CompletedProcess, *fragments: str) -> str:
    assert result.returncode != 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def a_repository(path: Path, calls: int = 300) -> None:
    db = open_db(path)
    for n in range(calls):
        sighting = Sighting(
            source_id="feed",
            ref=f"call-{n}",
            url=f"https://funder.example.gov.uk/calls/{n}",
            title=f"Community fund call {n}",
            summary="Grants for councils. " * 20,
        )
        record_sighting(db, sighting, run_id=None, now=NOW)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


@pytest.mark.parametrize("command", READERS + WRITERS, ids=" ".join)
def test_a_file_that_is_not_a_database(tmp_path, config, command):
    path = tmp_path / "notes.db"
    path.write_text("these are my meeting notes, not a repository\n" * 50)
    before = digest_of(path)
    line = one_line(fundwatch(*command, config=config, db=path), str(path), "not a fundwatch")
    assert "check --db" in line
    assert digest_of(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config", "notes.db"]


@pytest.mark.parametrize("command", READERS + WRITERS, ids=" ".join)
def test_another_programs_sqlite_file_is_never_made_into_a_repository(tmp_path, config, command):
    path = tmp_path / "other.db"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    other.commit()
    other.close()
    before = digest_of(path)
    one_line(fundwatch(*command, config=config, db=path), str(path), "not a fundwatch repository")
    assert digest_of(path) == before


@pytest.mark.parametrize("command", READERS + [("notify",)], ids=" ".join)
def test_a_damaged_repository(tmp_path, config, command):
    path = tmp_path / "fundwatch.db"
    a_repository(path)
    data = bytearray(path.read_bytes())
    for page in range(2, len(data) // 4096):  # every page but the first: the header still reads
        data[page * 4096 : page * 4096 + 4096] = os.urandom(4096)
    path.write_bytes(bytes(data))
    line = one_line(fundwatch(*command, config=config, db=path), str(path))
    assert "damaged" in line or "not a fundwatch" in line, line


# Every command that uses the repository but is not meant to make one. `notify` and `digest`
# made an empty repository at a mistyped path (and its .locks folder), then exit 0.
USERS = [
    *READERS,
    ("sources", "ack", "feed"),
    ("export", "--format", "json"),
    ("export", "--format", "ics"),
    ("serve",),
    ("notify",),
    ("notify", "--retry-failed"),
    ("digest",),
    ("digest", "--force"),
]


@pytest.mark.parametrize("command", USERS, ids=" ".join)
def test_a_mistyped_path_creates_nothing(tmp_path, config, command):
    path = tmp_path / "typo" / "fundwatch.db"
    result = fundwatch(*command, config=config, db=path)
    one_line(result, str(path), "no repository at", "check --db")
    assert result.returncode == 1, result.stderr  # README: a repository it cannot use
    assert not (tmp_path / "typo").exists()


def test_crawl_makes_its_repository_where_it_is_told(tmp_path, config):
    path = tmp_path / "new" / "fundwatch.db"
    fundwatch("crawl", config=config, db=path)
    assert path.exists()


@pytest.mark.parametrize("command", READERS + WRITERS, ids=" ".join)
def test_a_folder_given_as_the_repository(tmp_path, config, command):
    one_line(fundwatch(*command, config=config, db=tmp_path), str(tmp_path), "is a folder")


def as_unprivileged(command: list[str]) -> list[str]:
    """Root ignores file modes: read-only tests run the command as nobody when we are root."""
    if os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: cannot make a read-only repository")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *command]


@pytest.fixture
def read_only_repository(config):
    folder = Path(tempfile.mkdtemp(prefix="fundwatch-ro-"))
    path = folder / "fundwatch.db"
    a_repository(path)
    shutil.copytree(config, folder / "config")
    os.chmod(path, 0o444)
    os.chmod(folder / "config", 0o555)
    os.chmod(folder, 0o555)  # no -wal or -shm file can be made beside it: a read-only mount
    yield path
    os.chmod(folder, 0o755)
    shutil.rmtree(folder)


def run_unprivileged(path: Path, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "notifier.cli", "--config", str(path.parent / "config")]
    return subprocess.run(
        as_unprivileged([*command, "--db", str(path), *args]),
        cwd=ROOT,
        env={
            **os.environ,
            "FUNDWATCH_NOW": "2026-11-25T09:00:00+00:00",
            "FUNDWATCH_ALLOW_LOOPBACK": "1",
            "HOME": "/tmp",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_read_only_repository_can_still_be_searched_and_reports_its_status(
    read_only_repository,
):
    before = sorted(p.name for p in read_only_repository.parent.iterdir())
    found = run_unprivileged(read_only_repository, "search", "community fund call 42")
    assert found.returncode == 0, found.stderr
    assert "Community fund call 42" in found.stdout
    status = run_unprivileged(read_only_repository, "sources", "status")
    assert status.returncode == 0, status.stderr
    assert "feed" in status.stdout and "never crawled" in status.stdout
    written = run_unprivileged(read_only_repository, "notify")
    one_line(written, str(read_only_repository), "read-only")
    assert sorted(p.name for p in read_only_repository.parent.iterdir()) == before
