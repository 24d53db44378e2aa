"""The web repository's config, read again when its YAML changes: `fundwatch serve` runs for weeks
beside the service, which reads the YAML afresh for every job, and a team added to
subscriptions.yaml expects its feed and calendar without anyone restarting the site."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime
from pathlib import Path

from notifier.configuration import Config, load_config

log = logging.getLogger("fundwatch.serve")

Stamp = tuple[tuple[str, int, int], ...]

# The config one request was answered with, per watch: a results page asks for a label per facet
# value and per tag on each row, and one look at the folder per request is enough (it was one per
# label: some hundreds of globs and stats on a page of 100 calls).
_ANSWERED: ContextVar[dict[int, Config] | None] = ContextVar("fundwatch_config", default=None)


def one_look_per_request(app: Callable) -> Callable:
    """ASGI middleware: within one request, every ConfigWatch looks at its folder once."""

    async def answer(scope, receive, send):
        token = _ANSWERED.set({})
        try:
            await app(scope, receive, send)
        finally:
            _ANSWERED.reset(token)

    return answer


def folder_stamp(directory: Path) -> Stamp:
    """Each YAML file's name, modification time and size: a stat per file, cheap per request (and
    per job of the service: notifier/kept_config.py)."""
    found = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            info = path.stat()
        except OSError:
            continue  # removed between the listing and the stat: the next look sees it gone
        found.append((path.name, info.st_mtime_ns, info.st_size))
    return tuple(found)


def _newest(stamp: Stamp) -> datetime | None:
    """The latest modification among the files: a feed built from this config is no older."""
    newest = max((mtime for _, mtime, _ in stamp), default=None)
    return None if newest is None else datetime.fromtimestamp(newest / 1e9, tz=UTC)


class ConfigWatch:
    """The config as last read well; read again on a request after its files change. A file
    that no longer reads (saved half-way, a typo) keeps the last good config and says why once
    in the log: the site must not go down over an edit."""

    def __init__(
        self,
        config: Config,
        directory: Path,
        load: Callable[[Path], Config] = lambda d: load_config(d, fetching=False),
    ):
        self._config = config
        self._directory = directory
        self._load = load
        self._stamp = folder_stamp(directory)
        self.read_at = _newest(self._stamp)  # when the config served was last written
        self._lock = threading.Lock()

    def current(self) -> Config:
        answered = _ANSWERED.get()
        if answered is None:
            return self._looked()
        if id(self) not in answered:
            answered[id(self)] = self._looked()
        return answered[id(self)]

    def _looked(self) -> Config:
        stamp = folder_stamp(self._directory)
        if stamp == self._stamp:
            return self._config
        with self._lock:
            if stamp != self._stamp:
                self._stamp = stamp  # tried once per edit, not once per request
                try:
                    self._config = self._load(self._directory)
                    self.read_at = _newest(stamp)
                    log.warning("config in %s changed: read again", self._directory)
                except Exception as error:  # noqa: BLE001 (any failure keeps the last good)
                    log.warning(
                        "config in %s not read again, still serving the last good: %s",
                        self._directory,
                        error,
                    )
        return self._config
