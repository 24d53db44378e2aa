"""Locks beside the repository file, held by processes: released by the kernel when one dies.

Advisory `flock` locks in `<db>.locks/`: one per source being crawled, one for the scheduler
service, one while the schema is set up, and one per delivery run that holds outbox claims. A
SIGKILLed process loses its locks at once, so "is its owner alive?" never depends on a clock (which
tests and the demo freeze) or on how slow a live process is.
"""

from __future__ import annotations

import errno
import fcntl
import os
import pwd
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from config.lazy_pattern import lazy_pattern
from storage.errors import RepositoryError, lock_denied_text

_SAFE = lazy_pattern(r"[^A-Za-z0-9_.-]")
POLL_S = 0.1


def lock_dir(db_file: Path) -> Path:
    return db_file.with_name(db_file.name + ".locks")


def lock_path(db_file: Path, name: str) -> Path:
    return lock_dir(db_file) / f"{_SAFE.sub('_', name)}.lock"


class Busy(RuntimeError):
    """The lock is held by another process: `holder` says which, as it wrote itself down."""

    def __init__(self, path: Path, holder: str):
        super().__init__(f"{path} is held by {holder}")
        self.path, self.holder = path, holder


class FileLock:
    """An exclusive flock on one file; the holder writes its pid (and a note) into it."""

    def __init__(self, path: Path, note: str = ""):
        self.path = Path(path)
        self.note = note
        self._file = None

    @property
    def locked(self) -> bool:
        return self._file is not None

    def try_acquire(self) -> bool:
        """Take the lock if it is free; False (nothing held) if another process has it."""
        if self._file is not None:
            return True
        while True:
            handle = self._open()
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as error:
                handle.close()
                if error.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    return False
                raise
            if _names(self.path, handle):
                break
            # Unlinked between our open and our lock (a holder's release(remove=True), or a sweep
            # of stale leases): a lock on a file no path names guards nothing. Open it anew.
            handle.close()
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}" + (f", {self.note}" if self.note else ""))
        handle.flush()
        self._file = handle
        return True

    def _open(self):
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return open(self.path, "a+")  # noqa: SIM115 - held until release()
        except OSError as error:
            # Most often a lock folder a command run as root left behind, which the service's own
            # user may not write: said in one line, not a traceback from every command.
            raise RepositoryError(_denied(self.path, error)) from None

    def acquire(
        self,
        *,
        timeout: float | None = None,
        on_wait: Callable[[str], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        give_up: Callable[[], bool] | None = None,
    ) -> bool:
        """Wait for the lock (for ever, or `timeout` seconds, then Busy). `on_wait` hears once who
        holds it, so a person knows what they are waiting for. `give_up`: stop waiting once it
        says so (a stopped command, which must not wait out an hour's crawl): False, not held."""
        deadline = None if timeout is None else time.monotonic() + timeout
        told = False
        while not self.try_acquire():
            if give_up is not None and give_up():
                return False
            if not told and on_wait is not None:
                on_wait(self.holder())
                told = True
            if deadline is not None and time.monotonic() >= deadline:
                raise Busy(self.path, self.holder())
            sleep(POLL_S)
        return True

    def holder(self) -> str:
        try:
            return self.path.read_text().strip() or "another process"
        except OSError:
            return "another process"

    def release(self, *, remove: bool = False) -> None:
        if self._file is None:
            return
        if remove:
            # Unlinked while still locked: a process that opens the path afterwards gets a new
            # file, and one that opened the old file first finds it gone (see is_held()).
            self.path.unlink(missing_ok=True)
        fcntl.flock(self._file, fcntl.LOCK_UN)
        self._file.close()
        self._file = None

    @contextmanager
    def held(self, **wait) -> Iterator[FileLock]:
        self.acquire(**wait)
        try:
            yield self
        finally:
            self.release()


def _names(path: Path, handle) -> bool:
    """Does `path` still name the file `handle` has open?"""
    try:
        return os.stat(path).st_ino == os.fstat(handle.fileno()).st_ino
    except FileNotFoundError:
        return False


def is_held(path: Path) -> bool:
    """Does a live process hold the lock at `path`? A missing file means nobody does."""
    try:
        handle = open(path)  # noqa: SIM115
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        handle.close()
    return False


class OwnerLease:
    """Who holds outbox claims: a token and a lock that lives exactly as long as its process.

    A delivery run starts a lease, claims rows under its token, and ends the lease when every
    claimed row is marked. Another run may take back `sending` rows only when their owner's lease is
    no longer held: their process died. A live sender, however slow, keeps its rows.
    """

    def __init__(self, db_file: Path | None):
        self.token = f"{os.getpid()}-{secrets.token_hex(6)}"
        self._lock = FileLock(_lease_path(db_file, self.token)) if db_file else None

    def __enter__(self) -> OwnerLease:
        if self._lock is not None:
            # The token is this run's own, so only a sweep (below, in another run) can hold its
            # file, and for an instant: it finds the file unheld and removes it.
            for _ in range(50):
                if self._lock.try_acquire():
                    break
                time.sleep(POLL_S)
            else:
                raise RuntimeError(f"could not take the delivery lease {self._lock.path}")
            sweep_stale_leases(self._lock.path.parent)
        _LOCAL.add(self.token)
        return self

    def __exit__(self, *exc: object) -> None:
        _LOCAL.discard(self.token)
        if self._lock is not None:
            self._lock.release(remove=True)


def sweep_stale_leases(folder: Path) -> int:
    """Remove the lease files in `folder` that no live process holds: a run killed before it
    could remove its own left one behind, a file a kill, for ever."""
    return sweep_unheld(folder, "*.lock")


# A crawl's locks: one per source and one per host it may ask (source_lock, host_lock).
CRAWL_LOCKS = ("crawl-*.lock", "host-*.lock")


def sweep_unheld(folder: Path, *patterns: str) -> int:
    """Remove the lock files in `folder` matching `patterns` that no live process holds. A file is
    removed only while this process holds it exclusively, so never one a live process holds; one
    that opened the file just before sees it gone once it has the lock, and opens it anew
    (FileLock.try_acquire). How many were removed."""
    removed = 0
    for path in [p for pattern in patterns for p in folder.glob(pattern)]:
        try:
            handle = open(path)  # noqa: SIM115 - closed below
        except FileNotFoundError:
            continue
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue  # held: a live run's
            if _names(path, handle):
                try:
                    path.unlink(missing_ok=True)
                except PermissionError:
                    continue  # another user's folder: taking a lock there says so in one line
                removed += 1
    return removed


def _denied(path: Path, error: OSError) -> str:
    """One line for a lock file this process cannot create or open, naming who owns what."""
    folder = next((p for p in path.parents if p.name.endswith(".locks")), path.parent)
    in_the_way = next((p for p in (path.parent, *path.parents) if p.exists()), folder)
    return lock_denied_text(
        path,
        folder,
        error.strerror or str(error),
        user=_user_name(os.geteuid()),
        owner=_owner(in_the_way),
    )


def _user_name(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


def _owner(folder: Path) -> str:
    try:
        return _user_name(folder.stat().st_uid)
    except OSError:
        return "another user"


# Leases on in-memory repositories (tests) have no file: this process is their only owner.
_LOCAL: set[str] = set()


def _lease_path(db_file: Path, token: str) -> Path:
    return lock_dir(db_file) / "senders" / f"{_SAFE.sub('_', token)}.lock"


def owner_alive(db_file: Path | None, token: str | None) -> bool:
    """Is the delivery run that claimed rows under `token` still running?"""
    if not token:
        return False
    if token in _LOCAL:
        return True
    if db_file is None:
        return False
    return is_held(_lease_path(db_file, token))


def source_lock(db_file: Path, source_id: str, note: str = "") -> FileLock:
    """One crawl of a source at a time, across every process on this repository."""
    return FileLock(lock_path(db_file, f"crawl-{source_id}"), note)


def crawl_running(db_file: Path, source_id: str) -> bool:
    """Is a live process crawling the source now (holding its crawl lock)?"""
    return is_held(source_lock(db_file, source_id).path)


def host_lock(db_file: Path, host: str, note: str = "") -> FileLock:
    """One crawl process at a time asking a host for pages, across every process on this
    repository: politeness is per host, whichever sources share it."""
    return FileLock(lock_path(db_file, f"host-{host}"), note)


def service_lock(db_file: Path) -> FileLock:
    """One `fundwatch run` per repository."""
    return FileLock(lock_path(db_file, "service"), "fundwatch run")
