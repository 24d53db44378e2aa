"""`fundwatch export --output FILE` where FILE cannot simply be replaced: a folder that is not there,
a path through a file, a pipe. One line and exit 1, nothing half-written; a pipe is written into,
never swapped for a plain file."""

from __future__ import annotations

import os
import stat
import threading

import pytest
from click.testing import CliRunner

from notifier.cli import cli
from tests.crawl_helpers import fundwatch
from tests.web_helpers import export_site


@pytest.fixture
def site(tmp_path, monkeypatch):
    return export_site(tmp_path, monkeypatch)


def export_to(site, target) -> tuple[int, str]:
    config, db_path, _ = site
    result = CliRunner().invoke(
        cli,
        ["--config", str(config), "--db", str(db_path), "export", "--format", "csv"]
        + ["--output", str(target)],
    )
    assert not isinstance(result.exception, OSError), result.exception  # no traceback
    return result.exit_code, result.output


def test_a_missing_folder_is_one_line_and_exit_1(site, tmp_path):
    target = tmp_path / "not" / "there" / "calls.csv"
    code, said = export_to(site, target)
    assert code == 1
    assert said.strip() == f"Error: cannot write {target}: {target.parent} does not exist"
    assert not (tmp_path / "not").exists()


def test_a_path_through_a_file_is_one_line_and_exit_1(site, tmp_path):
    (tmp_path / "plain").write_text("keep me")
    target = tmp_path / "plain" / "calls.csv"
    code, said = export_to(site, target)
    assert code == 1
    assert said.strip() == f"Error: cannot write {target}: {tmp_path / 'plain'} is not a folder"
    assert (tmp_path / "plain").read_text() == "keep me"


def test_a_pipe_is_written_into_not_replaced(site, tmp_path):
    # As /dev/stdout is when the output is piped: a rename over it would swap the node for a file
    # (as root, over /dev/full or a terminal too).
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, _ = export_to(site, fifo)
    reader.join(timeout=30)
    assert code == 0
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received and received[0].startswith(b"id,")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".pipe")] == []


@pytest.mark.skipif(
    not (os.path.exists("/dev/full") and stat.S_ISCHR(os.stat("/dev/full").st_mode)),
    reason="needs /dev/full",
)
def test_a_write_failing_part_way_is_one_line_on_stderr(site):
    # A real process: the stream left open by the failed write was closed by the garbage collector
    # after the repository, printing "Exception ignored … Cannot operate on a closed database".
    config, db_path, _ = site
    done = fundwatch(
        "export", "--format", "json", "--output", "/dev/full", config=config, db=db_path, timeout=60
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["Error: cannot write /dev/full: no space left on device"]
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_the_written_file_is_as_readable_as_one_written_by_shell(site, tmp_path):
    # A calendar a web server publishes: the temporary file's 0600 made it unreadable to the server.
    old_umask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.csv"
        assert export_to(site, fresh)[0] == 0
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        kept = tmp_path / "kept.csv"
        kept.write_text("old")
        kept.chmod(0o640)
        assert export_to(site, kept)[0] == 0
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    finally:
        os.umask(old_umask)


@pytest.mark.parametrize("base", ["ftp://x", "javascript:alert(1)//", "fundwatch.example.org"])
def test_a_base_url_that_is_not_http_is_a_usage_error(site, base):
    # It went out as each call's "fundwatch page: ftp://x/opportunity/…" in the calendar.
    config, db_path, _ = site
    result = CliRunner().invoke(
        cli,
        ["--config", str(config), "--db", str(db_path), "export", "--format", "ics"]
        + ["--base-url", base],
    )
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        f"Error: Invalid value for '--base-url': {base!r} is not an http:// or https:// address"
    )


@pytest.mark.parametrize(
    "base,said",
    [
        ("https://funding.example.gov.uk/fw?x=1", "has a query or fragment"),
        ("https://funding.example.gov.uk/fw#top", "has a query or fragment"),
        ("https://fundwatch:s3cret@funding.example.gov.uk/", "carries a user name or password"),
    ],
)
def test_a_base_url_no_page_link_could_follow_is_a_usage_error(site, base, said):
    # '…/fw?x=1/opportunity/…' and '…/fw#top/opportunity/…' led to the home page, and a
    # password went out in every link of the published file.
    config, db_path, _ = site
    result = fundwatch("export", "--format", "atom", "--base-url", base, config=config, db=db_path)
    assert result.returncode == 2, result.stdout[:300]
    assert said in result.stderr and "s3cret" not in result.stdout + result.stderr
    fine = fundwatch(
        "export",
        "--format",
        "atom",
        "--base-url",
        "https://funding.example.gov.uk/fw/",
        config=config,
        db=db_path,
    )
    assert 'href="https://funding.example.gov.uk/fw/opportunity/' in fine.stdout


@pytest.mark.parametrize("suffix", ["", "-wal"])
def test_the_repository_itself_is_never_the_output(site, suffix):
    # `--output data/fundwatch.db` replaced the repository with the JSON export.
    config, db_path, _ = site
    target = db_path.parent / (db_path.name + suffix)
    before = db_path.read_bytes()
    result = CliRunner().invoke(
        cli,
        ["--config", str(config), "--db", str(db_path), "export", "--format", "json"]
        + ["--output", str(target)],
    )
    assert result.exit_code == 2, result.output
    assert "is the repository (or its journal): name another file" in result.output
    assert db_path.read_bytes() == before


def test_a_dash_is_stdout(site, tmp_path, monkeypatch):
    # `--output -` wrote a file named "-" in the working folder, and nothing to the pipe.
    monkeypatch.chdir(tmp_path)
    code, said = export_to(site, "-")
    assert code == 0, said
    assert said.startswith("id,")
    assert not (tmp_path / "-").exists()


def test_a_format_in_capitals_is_the_format(site, tmp_path):
    # `--format CSV` was a usage error ("'CSV' is not one of 'json', 'csv', 'atom', 'ics'").
    config, db_path, _ = site
    result = CliRunner().invoke(
        cli,
        ["--config", str(config), "--db", str(db_path), "export", "--format", "CSV"]
        + ["--output", str(tmp_path / "calls.csv")],
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "calls.csv").read_text().startswith("id,")
