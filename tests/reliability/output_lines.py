"""A process's output read as it comes, in a thread: a test waits for a line it prints (an event),
never for a time. The wait's bound is a hang guard, not a timing."""

from __future__ import annotations

import subprocess
import threading
from typing import IO

import pytest


class Lines:
    def __init__(self, stream: IO[str]) -> None:
        self._lines: list[str] = []
        self._ended = False
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            with self._changed:
                self._lines.append(line)
                self._changed.notify_all()
        with self._changed:
            self._ended = True
            self._changed.notify_all()

    def wait_for(self, text: str, process: subprocess.Popen, guard: float = 60) -> str:
        """The first line holding `text`; fails if the stream ends (the process died) first."""

        def found() -> str | None:
            return next((line for line in self._lines if text in line), None)

        with self._changed:
            self._changed.wait_for(lambda: found() is not None or self._ended, guard)
            line = found()
        if line is None:
            process.poll()
            pytest.fail(f"no line with {text!r} (exit {process.returncode}): {self.text()}")
        return line

    def text(self) -> str:
        """Everything read so far (all of it, once the process has ended)."""
        with self._changed:
            return "".join(self._lines)

    def finish(self) -> str:
        """All of it, once the stream has ended (the process exited)."""
        self._thread.join(timeout=60)
        return self.text()
