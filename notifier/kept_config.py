"""The service's config: read afresh for each job, as curators edit YAML while it runs, and the
last one that read well kept for when an edit does not read (saved half-way, a typo).

Without it every job of `fundwatch run` failed with two tracebacks once a file stopped reading:
a typo in one team's subscription stopped every source's crawls and every team's alerts until
someone noticed and restarted. Now the jobs go on with the last good config, and the log says
once per edit which file and entry to fix, and again when the folder reads well.

A crawl runs in its own process, which reads the folder it is given: it is given a copy of the
last good files (taken each time they read well), so a broken sources.yaml does not fail every
source's crawl either.

`fundwatch serve` follows the same edits through the same class (notifier/web/config_watch.py,
which adds one look per request): the two were near-copies, each with its own way to look at the
folder, keep the last good config and say so.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from notifier.configuration import Config

Stamp = tuple[tuple[str, int, int], ...]


def folder_stamp(directory: Path) -> Stamp:
    """Each YAML file's name, modification time and size: a stat per file, cheap per job of the
    service and per request of the site."""
    found = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            info = path.stat()
        except OSError:
            continue  # removed between the listing and the stat: the next look sees it gone
        found.append((path.name, info.st_mtime_ns, info.st_size))
    return tuple(found)


def newest(stamp: Stamp) -> datetime | None:
    """The latest modification among the files: a feed built from this config is no older."""
    latest = max((mtime for _, mtime, _ in stamp), default=None)
    return None if latest is None else datetime.fromtimestamp(latest / 1e9, tz=UTC)


@dataclass(frozen=True)
class Words:
    """What the log says, and where: `broken` (an edit that does not read; {directory}, {error}),
    `mended` (the first good read after one), `changed` (every good read after the first)."""

    logger: str
    broken: str
    mended: str | None = None
    changed: str | None = None


SERVICE = Words(
    "fundwatch.service",
    "config in {directory} does not read; still running on the last good config (the next job "
    "reads it again once it is saved): {error}",
    mended="config in {directory} reads well again: using it",
)

# Reads of a folder saved again while it was read (an editor writing file after file), before the
# last is used as it stands, its crawls then reading the live folder.
READS = 3

# How long an edit must stand still before the service takes it (seconds). An editor saving in
# place truncates the file and writes it in steps; the half written so far may read well (a
# sources.yaml cut after an entry's first URL), and a crawl of it is a complete crawl that marks
# the calls on the URLs not yet written back as removed. Editors finish a save in milliseconds.
SETTLE = 2.0
SETTLE_LOOKS = 3  # waits for one job at most: a folder saved again and again is then taken as is


@dataclass(frozen=True)
class KeptView:
    """One read of the config and the folder holding those very files, for a crawl: its crawl
    process reads what the job checked. `holder` keeps a copy's folder alive while it is used."""

    config: Config
    folder: Path
    holder: object = None


class KeptConfig:
    """`current()`: the folder's config, or the last good one while the folder does not read.
    `view()`: that config with the folder a crawl process should read: the live one, or (made with
    `keep_copies`: the service) a copy of the very files the config was read from, so a source
    the job saw is the source its crawl process finds (a command that reads once has no copy)."""

    def __init__(
        self,
        directory: Path,
        load: Callable[[Path], Config],
        *,
        keep_copies: bool = False,
        first: Config | None = None,
        words: Words = SERVICE,
        settle: float = 0.0,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ):
        """`first`: the config already read from the folder as it stands (`fundwatch serve`).
        `settle`: how long a new edit must stand still before it is taken (the service: SETTLE),
        judged by `clock` (the files' times are the wall clock's) and waited out with `sleep`."""
        self.directory = directory
        self._load = load
        self._keep_copies = keep_copies
        self._words = words
        self._log = logging.getLogger(words.logger)
        self._good: Config | None = first
        # The files as last read, well or not: read again once they change.
        self._looked: Stamp | None = folder_stamp(directory) if first is not None else None
        self.read_at = newest(self._looked or ())  # when the config in use was last written
        self._said: str | None = None  # the problem logged, while the folder does not read
        self._copy: tempfile.TemporaryDirectory | None = None  # the files `_good` was read from
        self._kept_copy = self._copy  # the copy as the last view left it: a held edit's is not used
        self._copy_failed = False  # said once: a full disk would say it at every edit
        self._lock = threading.Lock()  # the service's jobs run in threads side by side
        self._settle, self._clock, self._sleep = settle, clock, sleep

    def current(self) -> Config:
        return self.view().config

    def view(self, load: Callable[[Path], Config] | None = None) -> KeptView:
        """`load`: how to read it, if it must be read (the service's start checks more)."""
        with self._lock:
            for _ in range(SETTLE_LOOKS if self._settle else 1):
                before = self._good
                self._look(load or self._load)
                if not self._settle or before is None or self._good is before or not self._fresh():
                    break  # the first read, no new edit taken, or one that has stood still
                # A new edit, saved moments ago: perhaps half a save. Wait for it to stand still,
                # and look again (the last good config stays until then, as for one not reading).
                self._good, self._copy, self._looked = before, self._kept_copy, None
                self._sleep(self._settle)
            else:
                self._look(load or self._load)  # saved over and over: taken as it stands
            self._kept_copy = self._copy
            assert self._good is not None  # _read raised if nothing ever read well
            if self._copy is None:
                return KeptView(self._good, self.directory)
            return KeptView(self._good, Path(self._copy.name), self._copy)

    def _look(self, load: Callable[[Path], Config]) -> None:
        for _ in range(READS):
            stamp = folder_stamp(self.directory)
            if self._good is not None and stamp == self._looked:
                return
            if not self._read(stamp, load):
                return

    def _fresh(self) -> bool:
        """Whether the folder's newest file was written less than `settle` seconds ago."""
        latest = max((mtime for _, mtime, _ in folder_stamp(self.directory)), default=0)
        return self._clock() - latest / 1e9 < self._settle

    def _read(self, stamp: Stamp, load: Callable[[Path], Config]) -> bool:
        """Read the folder as `stamp` saw it; False once settled (read well and copied whole, or
        not read, which keeps the last good), True when it was saved again meanwhile."""
        try:
            config = load(self.directory)
        except Exception as error:  # noqa: BLE001 (a file mid-save, a typo: keep the last good)
            if self._good is None:
                raise  # nothing read well yet: the command, or the service's start, says it
            self._looked = stamp
            if str(error) != self._said:
                self._said = str(error)
                self._say(self._words.broken, error)
            return False
        if self._said is not None and self._words.mended:
            self._say(self._words.mended)
        elif self._good is not None and self._words.changed:
            self._say(self._words.changed)
        self._said = None
        self.read_at = newest(stamp)
        # Copied once they have read well (an edit that does not read is never copied); the copy
        # stands for the config only if nothing was saved from before the read to after the copy.
        copy = self._copied() if self._keep_copies else None
        # (Only the copy needs it: without one, an edit mid-read is read at the next look.)
        settled = not self._keep_copies or folder_stamp(self.directory) == stamp
        self._good, self._copy = config, copy if settled else None
        self._looked = stamp if settled else None
        return not settled

    def _say(self, words: str, error: Exception | None = None) -> None:
        self._log.warning("%s", words.format(directory=self.directory, error=error))

    def _copied(self) -> tempfile.TemporaryDirectory | None:
        """A copy of the folder's files; None, said once, when one cannot be made (a full disk):
        the crawls then read the live folder, as a command does, and the service goes on."""
        try:
            copy = tempfile.TemporaryDirectory(prefix="fundwatch-config-")
        except OSError as error:
            return self._no_copy(error)
        try:
            for path in self.directory.glob("*.yaml"):
                shutil.copy2(path, Path(copy.name) / path.name)
        except OSError as error:
            copy.cleanup()
            return self._no_copy(error)
        return copy

    def _no_copy(self, error: OSError) -> None:
        if not self._copy_failed:
            self._copy_failed = True
            self._log.warning(
                "cannot keep a copy of the config in %s (%s): crawls read the folder itself",
                self.directory,
                error.strerror or error,
            )
        return None
