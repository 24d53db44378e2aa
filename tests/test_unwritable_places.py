"""A repository, or the lock folder beside it, that the user running fundwatch may not write.

An administrator who once runs `fundwatch notify` as root leaves `<repository>.locks/` to root; the
service, run as its own user, then crashed with a PermissionError traceback from every command
(`crawl` said only "the crawl process exited with code 1"). A writable repository in a folder the
user may not write was "read-only", or "check the path", though SQLite's -wal and -shm files and
the lock files are what could not be made. Each is now one line naming the folder and what to do.

Root may write anything, so as root (CI) a place is made unwritable with the immutable attribute,
which binds root too; otherwise with its mode. The commands are the real `fundwatch`.
"""

from __future__ import annotations

import os
import subprocess
from contextlib import contextmanager

import pytest

from spiders.sources.site import LoopbackSite
from storage.db import open_db
from storage.locks import lock_dir
from tests.crawl_helpers import fundwatch, write_config


@contextmanager
def unwritable(path):
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot make {path} unwritable for root: {made.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


@pytest.fixture
def repository(tmp_path):
    folder = tmp_path / "repo dir"
    db_file = folder / "fundwatch.db"
    open_db(db_file).close()
    with LoopbackSite() as site:  # a source nobody reaches: the lock comes first
        site.add("/calls", "<ul><li><a href='/c/1'>A fund</a></li></ul>")
        source = {
            "id": "calls",
            "kind": "listing",
            "urls": [f"{site.url}/calls"],
            "item": "li",
            "fields": {"title": "a::text", "url": "a::attr(href)"},
        }
        yield write_config(tmp_path / "config", [source]), db_file


def one_line(result) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    return " ".join(result.stderr.split())


@pytest.mark.parametrize("command", [["notify"], ["digest", "--force"], ["crawl"]])
def test_a_lock_folder_another_user_left_is_one_line(repository, command):
    config, db_file = repository
    locks = lock_dir(db_file)
    locks.mkdir(exist_ok=True)
    for leftover in locks.iterdir():  # the setup's own migrate.lock, left as a root run leaves it
        leftover.unlink()
    with unwritable(locks):
        result = fundwatch(*command, config=config, db=db_file)
    said = one_line(result)
    assert result.returncode == 1, said
    assert f"cannot write the lock file {locks}/" in said
    assert "chown -R" in said and str(locks) in said


def test_a_writable_repository_in_a_folder_it_may_not_write_names_the_folder(repository):
    config, db_file = repository
    for extra in db_file.parent.iterdir():
        if extra != db_file:  # only the file itself, as a copy put there by hand would be
            subprocess.run(["rm", "-rf", str(extra)], check=True)
    with unwritable(db_file.parent):
        result = fundwatch("notify", config=config, db=db_file)
    said = one_line(result)
    assert result.returncode == 1, said
    assert f"folder {db_file.parent} is not writable" in said
    assert "-wal and -shm" in said


def test_a_read_only_repository_says_what_to_do(repository):
    config, db_file = repository
    with unwritable(db_file):
        result = fundwatch("notify", config=config, db=db_file)
    said = one_line(result)
    assert result.returncode == 1, said
    assert f"the repository {db_file} is read-only" in said
    assert "point --db at a writable copy" in said


def test_a_page_cache_it_may_not_write_costs_bandwidth_not_the_crawl(repository):
    """data/httpcache/ only saves bandwidth (README, Operations): one another user made (a crawl
    run once as root) failed the source as "download failed: Permission denied"."""
    config, db_file = repository
    cache = db_file.parent / "httpcache" / "calls"
    cache.mkdir(parents=True)
    with unwritable(cache):
        result = fundwatch("crawl", config=config, db=db_file)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "calls                        ok           1" in result.stdout
    said = " ".join(result.stderr.split())
    assert f"cannot write the page cache in {cache}" in said
    assert said.count("cannot write the page cache") == 1  # once a crawl, not once a page
