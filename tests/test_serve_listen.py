"""`fundwatch serve` on a port another program holds, or an address not on this machine: one line
and exit 1, said before any "serving … at" announcement (a real subprocess, as people run it)."""

from __future__ import annotations

import socket
import subprocess

import pytest

from tests.crawl_helpers import fundwatch
from tests.web_helpers import build_repository, write_config


@pytest.fixture
def repository(tmp_path):
    config = write_config(tmp_path / "config")
    db_path = tmp_path / "fundwatch.db"
    build_repository(db_path)
    return config, db_path


def serve(repository, *args: str) -> subprocess.CompletedProcess:
    config, db_path = repository
    env = {"FUNDWATCH_NOW": "2026-12-04T09:00:00Z"}
    # timeout: it would serve for ever if it did start
    return fundwatch("serve", *args, config=config, db=db_path, env=env, timeout=60)


def test_a_port_in_use_is_one_line_and_exit_1(repository):
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        port = held.getsockname()[1]
        done = serve(repository, "--port", str(port))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"Error: cannot listen on 127.0.0.1:{port}: the port is in use by another program: "
        "choose another with --port"
    ]


def test_a_host_that_is_not_this_machine_is_one_line_and_exit_1(repository):
    done = serve(repository, "--host", "192.0.2.1")  # TEST-NET-1: never a local address
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "Error: cannot listen on 192.0.2.1:8001: that address is not one of this machine's: "
        "check --host"
    ]
