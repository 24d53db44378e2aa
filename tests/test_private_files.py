"""What fundwatch makes is its user's alone: the repository with its -wal and -shm, the lock files,
the HTTP cache and the digests written as .eml files (subscribers' addresses), and the folders made
for them; a file or folder the operator made keeps its mode; FUNDWATCH_UMASK chooses another.

Before: under the usual umask (022) every one of them was readable by every account on the machine
(0644 files, 0755 folders; only the .eml files were 0600). Real `fundwatch` processes, each started
with umask 022 as a login shell or systemd gives it.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
from contextlib import closing
from pathlib import Path

from tests.crawl_helpers import ROOT, fundwatch_command, fundwatch_env, write_config
from tests.life_site import Call, listing, source

TEAM = {"id": "email_team", "events": ["new"], "email": {"to": ["team@example.gov.uk"]}}
CALL = Call("retrofit", "Warm Homes Retrofit Fund", "26 January 2027")


def run(*args: str, config: Path, db: Path, env: dict | None = None) -> None:
    done = subprocess.run(
        fundwatch_command(*args, config=config, db=db),
        cwd=ROOT,
        env=fundwatch_env({"SMTP_HOST": "", **(env or {})}),
        capture_output=True,
        text=True,
        timeout=120,
        umask=0o022,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def crawl_and_send(site, tmp_path: Path, db: Path, env: dict | None = None) -> None:
    """A crawl, its alerts routed and a digest written as an .eml file under outbox/."""
    site.add("/funding/", listing([CALL]))
    config = write_config(tmp_path / "config", [source(site)], [TEAM])
    for command in (["crawl"], ["notify"], ["digest", "--force"]):
        run(*command, config=config, db=db, env=env)
    assert list((db.parent / "outbox").glob("*.eml")), "no digest was written"


def modes(folder: Path) -> dict[str, str]:
    """Every file and folder under `folder` (itself too), by path, with its permission bits, and
    the repository's -wal and -shm files, which a clean close removes: as a reader opening it
    beside a running command (under umask 022) makes them, SQLite giving them the file's mode."""
    umask = os.umask(0o022)
    try:
        with closing(sqlite3.connect(folder / "fw.db")) as reader:
            reader.execute("SELECT count(*) FROM opportunities").fetchall()
            made = [folder, *folder.rglob("*")]
            return {
                str(p.relative_to(folder.parent)): oct(stat.S_IMODE(p.lstat().st_mode))
                for p in made
            }
    finally:
        os.umask(umask)


def test_what_fundwatch_makes_is_its_users_alone(site, tmp_path):
    db = tmp_path / "data" / "fw.db"
    crawl_and_send(site, tmp_path, db)
    made = modes(db.parent)
    for name in ("data/fw.db", "data/fw.db-wal", "data/fw.db-shm", "data/fw.db.locks"):
        assert name in made, sorted(made)
    assert any(name.startswith("data/httpcache/") for name in made), sorted(made)
    wrong = {
        name: mode
        for name, mode in made.items()
        if mode != ("0o700" if (tmp_path / name).is_dir() else "0o600")
    }
    assert wrong == {}


def test_a_folder_and_repository_the_operator_made_keep_their_modes(site, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o750)
    db = data / "fw.db"
    crawl_and_send(site, tmp_path, db)
    db.chmod(0o640)  # the operator lets the group read the repository
    run("crawl", config=tmp_path / "config", db=db)
    made = modes(data)
    assert made["data"] == "0o750"
    assert made["data/fw.db"] == "0o640"
    # SQLite gives them the repository file's own mode, so the group reads the latest writes too.
    assert made["data/fw.db-wal"] == made["data/fw.db-shm"] == "0o640"
    assert made["data/outbox"] == "0o700"
    assert {mode for name, mode in made.items() if name.endswith(".eml")} == {"0o600"}


def test_an_operator_who_wants_the_group_to_read_sets_fundwatch_umask(site, tmp_path):
    db = tmp_path / "data" / "fw.db"
    crawl_and_send(site, tmp_path, db, env={"FUNDWATCH_UMASK": "027"})
    made = modes(db.parent)
    assert made["data"] == made["data/outbox"] == made["data/fw.db.locks"] == "0o750"
    assert made["data/fw.db"] == made["data/fw.db-wal"] == "0o640"
    assert {mode for name, mode in made.items() if name.endswith(".eml")} == {"0o640"}


def test_a_umask_setting_it_cannot_use_is_one_config_error_and_makes_nothing(tmp_path):
    config = write_config(tmp_path / "config", [])
    db = tmp_path / "data" / "fw.db"
    done = subprocess.run(
        fundwatch_command("crawl", config=config, db=db),
        cwd=ROOT,
        env=fundwatch_env({"FUNDWATCH_UMASK": "0o27"}),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [
        "config error: environment: FUNDWATCH_UMASK must be an octal umask such as 077 (owner "
        "only) or 027 (the group may read), got '0o27' (unset it for owner-only files)"
    ]
    assert not (tmp_path / "data").exists()


def test_commands_at_once_in_one_process_put_back_the_umask_found_before_them():
    # The tests run commands in their own process, some at once (`serve` in a thread): before,
    # the second took the first's 077 as the umask found, so an export in it was made 0600, and
    # the first to end set 022 back under the second, which then left 077 behind it.
    from config.private_files import make_files_private, shell_mode

    before = os.umask(0o022)
    try:
        first_ends = make_files_private({})
        second_ends = make_files_private({})
        assert oct(shell_mode()) == "0o644"  # what `>` gives, in either command
        first_ends()
        assert oct(os.umask(0o077)) == "0o77"  # the second still makes private files
        second_ends()
        assert oct(os.umask(0o022)) == "0o22"  # the last to end put back the one found
    finally:
        os.umask(before)
