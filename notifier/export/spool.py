"""An export read to its end before any of it goes to a reader that can stall.

JSON and CSV exports are read in one snapshot (notifier/export/data.py) and written as they are
read. Written into a pipe or a terminal (`fundwatch export --format csv | less`, an upload over a
slow link), the export waited for its reader with the snapshot still open, for as long as the
reader took: hours for a pager left open. Meanwhile no checkpoint could pass the snapshot, so
the repository's WAL grew with every crawl's commit for all that time.

Here the pieces are read into a temporary file first (in memory while small), which ends the
snapshot, and only then handed on. A regular file (`--output FILE`, `> FILE`) takes its bytes as
fast as they come and is written as they are read.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, Any

IN_MEMORY = 8 * 1024 * 1024  # bytes kept in memory before the spool moves to a temporary file
CHUNK = 64 * 1024


class SpoolError(Exception):
    """The temporary file could not take the export: one line for the person."""


def read_first(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """The same bytes, in chunks, once every piece has been read (a generator of pieces read in
    a snapshot ends it when exhausted)."""
    with tempfile.SpooledTemporaryFile(max_size=IN_MEMORY) as spool:
        try:
            for piece in pieces:
                spool.write(piece)
        except OSError as error:  # the temporary folder full: said as such, not as a traceback
            raise SpoolError(
                f"cannot hold the export in a temporary file in {tempfile.gettempdir()}: "
                f"{(error.strerror or str(error)).lower()}; free some space there, or set TMPDIR "
                "to a folder with room, or write it to a file with --output"
            ) from None
        spool.seek(0)
        while chunk := spool.read(CHUNK):
            yield chunk


def may_stall(stream: IO[Any]) -> bool:
    """Whether writing to `stream` can wait on someone: anything but a regular file or memory."""
    try:
        return not stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError):  # no file behind it (a test's captured output): nobody waits
        return False
