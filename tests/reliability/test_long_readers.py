"""Readers that hold one snapshot of the repository for long while crawls commit beside them.

A snapshot held open keeps every checkpoint from passing it, so the WAL grows with each commit
for as long as it is held (SQLite's design: the reader must still see the pages it started
with). Three things follow, each checked here with real processes or real connections:

- a crawl committing while an analyst's `sqlite3` holds a snapshot ends ok, and commits past the
  automatic checkpoint's threshold behind it do not fail (the checkpoints that cannot finish are
  passive: they never wait, never fail a commit);
- once the reader lets go, the WAL is cut back to WAL_SIZE_LIMIT as it starts over. Before, it
  stayed at its peak size (101,681,632 bytes here) for as long as any connection was open:
  `serve`'s are, for weeks;
- `fundwatch export --format csv` into a pipe whose reader has stalled (a pager left open, a slow
  upload) holds no snapshot while it waits. Before, it wrote as it read, so it waited for its
  reader inside its read snapshot: a TRUNCATE checkpoint stayed busy for as long as the pager
  was open, and the WAL grew meanwhile;
- `serve` streaming the whole CSV of a list to a client that stalls holds no snapshot either:
  Datasette reads a streamed CSV a page at a time, each page a statement of its own (holds).
"""

from __future__ import annotations

import csv
import io
import resource
import select
import signal
import socket
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from spiders.sources.site import LoopbackSite as Site
from storage.db import WAL_SIZE_LIMIT, open_db
from storage.record import record_sightings
from storage.sighting import Sighting
from tests.crawl_helpers import fundwatch_env, start_fundwatch, write_config
from tests.reliability.generated import feed_source, rss
from tests.reliability.kill_sweep import GUARD_S, assert_sound, finish
from tests.reliability.test_interrupted_first_round import runs
from tests.serve_helpers import serving

pytestmark = pytest.mark.slow

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
CALLS = 600  # a CSV of ~1 MB: many times what a pipe holds, so a stalled reader stalls it


def wal_size(db_path: Path) -> int:
    wal = Path(f"{db_path}-wal")
    return wal.stat().st_size if wal.exists() else 0


def analyst(db_path: Path) -> sqlite3.Connection:
    """A snapshot held open, as `sqlite3 fundwatch.db` with BEGIN and a first SELECT holds one."""
    reader = sqlite3.connect(db_path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM opportunities").fetchone()
    return reader


def calls(first: int, last: int, words: int = 25) -> list[Sighting]:
    return [
        Sighting(
            source_id="find_a_grant",
            ref=f"call-{n}",
            url=f"https://www.find-government-grants.service.gov.uk/grants/call-{n}",
            title=f"Community energy fund {n}",
            summary="Capital grants for councils to retrofit public buildings. " * words,
            status="open",
        )
        for n in range(first, last)
    ]


def test_a_crawl_commits_while_an_analyst_holds_a_snapshot(tmp_path):
    db_path = tmp_path / "fundwatch.db"
    db = open_db(db_path)
    record_sightings(db, calls(0, 5), run_id=None, now=NOW)
    db.close()
    with Site() as site:
        site.add("/feed.rss", rss(range(50)), content_type="application/rss+xml")
        config = write_config(tmp_path / "config", [feed_source("energy", f"{site.url}/feed.rss")])
        reader = analyst(db_path)
        code, out = finish("crawl", config=config, db=db_path)
        assert reader.execute("SELECT count(*) FROM opportunities").fetchone()[0] == 5
        reader.close()
    assert code == 0, out
    assert runs(db_path) == {"energy": ["ok"]}
    assert_sound(db_path)


def test_a_wal_grown_behind_a_long_reader_is_cut_back_once_it_lets_go(tmp_path):
    db_path = tmp_path / "fundwatch.db"
    db = open_db(db_path)  # a writer as every command's: the repository's own settings
    db.execute("CREATE TABLE ballast (b BLOB)")
    reader = analyst(db_path)
    while wal_size(db_path) <= WAL_SIZE_LIMIT:  # each commit as a crawl's unit: its own
        db.execute("INSERT INTO ballast VALUES (randomblob(4000000))")
    reader.close()  # the analyst lets go
    for _ in range(2):  # the first checkpoints the whole WAL; the second starts it over
        db.execute("INSERT INTO ballast VALUES (randomblob(10))")
    after = wal_size(db_path)
    db.close()
    assert after <= WAL_SIZE_LIMIT, f"the WAL kept its peak size: {after:,} bytes"


def test_an_export_into_a_stalled_pipe_holds_no_snapshot_while_it_waits(tmp_path):
    db_path = tmp_path / "fundwatch.db"
    db = open_db(db_path)  # kept open: the WAL keeps its frames, as beside a running service
    record_sightings(db, calls(0, CALLS), run_id=None, now=NOW)
    config = write_config(tmp_path / "config", [])
    export = start_fundwatch(
        "export", "--format", "csv", config=config, db=db_path, text=False, stderr=subprocess.PIPE
    )
    try:
        # Its first bytes are in the pipe, which nobody reads: the export is stalled on it.
        ready, _, _ = select.select([export.stdout], [], [], GUARD_S)
        assert ready, "the export wrote nothing"
        record_sightings(db, calls(CALLS, CALLS + 1), run_id=None, now=NOW)  # a crawl commits
        checkpoint = sqlite3.connect(db_path, timeout=0, isolation_level=None)
        busy = checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        checkpoint.close()
        assert export.poll() is None, "the export ended: nothing was stalled"
        assert busy == 0, "the export waits for its reader inside its read snapshot"
        assert wal_size(db_path) == 0
        out, err = export.communicate(timeout=GUARD_S)
    finally:
        if export.poll() is None:
            export.kill()
            export.communicate()
        db.close()
    assert export.returncode == 0, err
    rows = list(csv.DictReader(io.StringIO(out.decode("utf-8"))))
    assert len(rows) == CALLS, "the export is not the one snapshot it began reading"


def read_to_the_end(client: socket.socket) -> bytes:
    """The rest of a chunked answer (until its last, empty chunk)."""
    got = bytearray()
    while not got.endswith(b"0\r\n\r\n"):
        piece = client.recv(1 << 16)
        if not piece:
            break
        got += piece
    return bytes(got)


def most_buffered() -> int:
    """The largest send buffer the kernel may give a socket (net.ipv4.tcp_wmem's maximum)."""
    return int(Path("/proc/sys/net/ipv4/tcp_wmem").read_text().split()[2])


def test_serve_streaming_a_csv_to_a_stalled_client_holds_no_snapshot(tmp_path):
    db_path = tmp_path / "fundwatch.db"
    db = open_db(db_path)
    # ~8 MB of CSV: more than the loopback socket buffers on both sides take, so the stream is
    # still being read when the checkpoint is tried
    record_sightings(db, calls(0, 2 * CALLS, words=120), run_id=None, now=NOW)
    config = write_config(tmp_path / "config", [])
    try:
        with serving(config, db_path, fundwatch_env()) as base:
            host, port = base.removeprefix("http://").split(":")
            client = socket.socket()
            client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # a slow reader
            client.connect((host, int(port)))
            client.settimeout(GUARD_S)
            path = "/fundwatch/opportunities.csv?_stream=on&_size=max"
            client.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
            assert client.recv(1024).startswith(b"HTTP/1.1 200"), "the CSV did not begin"
            record_sightings(db, calls(CALLS, CALLS + 1), run_id=None, now=NOW)  # a crawl commits
            checkpoint = sqlite3.connect(db_path, timeout=0, isolation_level=None)
            busy = checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            checkpoint.close()
            answer = read_to_the_end(client)
            client.close()
    finally:
        db.close()
    # Larger than the most the kernel buffers for a socket: serve could not have sent it all.
    assert len(answer) > most_buffered(), "the CSV fitted in the buffers: nothing was stalled"
    assert answer.endswith(b"0\r\n\r\n"), "the CSV was cut short"
    assert busy == 0, "serve holds a snapshot while a client reads its CSV"


def no_room() -> None:
    """A temporary folder with no room: no file may grow past 4 KB (a write past it fails with
    EFBIG, SIGXFSZ ignored), as tests/reliability/test_full_disk_delivery.py fills a disk."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_an_export_into_a_pipe_with_no_room_to_hold_it_says_so_and_writes_nothing(tmp_path):
    db_path = tmp_path / "fundwatch.db"
    db = open_db(db_path)
    record_sightings(db, calls(0, 2 * CALLS, words=160), run_id=None, now=NOW)  # past IN_MEMORY
    config = write_config(tmp_path / "config", [])
    try:  # the repository kept open, as beside a running service: reading it writes no file
        export = start_fundwatch("export", "--format", "csv", config=config, db=db_path,
                                 preexec_fn=no_room)  # fmt: skip
        out, err = export.communicate(timeout=GUARD_S)
    finally:
        db.close()
    assert export.returncode == 1, err
    assert "Traceback" not in err, err
    assert err.startswith("Error: cannot hold the export in a temporary file in "), err
    assert "file too large; free some space there" in err and len(err.splitlines()) == 1, err
    assert out == "", "half an export went out"
