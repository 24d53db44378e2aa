"""The unfinished files written beside a target before their rename: a dead writer's are removed by
the next writer, a live writer's and anything else in the folder are left alone."""

from __future__ import annotations

import fcntl
import os

from notifier.unfinished_files import remove_abandoned, start_unfinished


def test_only_the_abandoned_unfinished_files_of_that_name_are_removed(tmp_path):
    (tmp_path / "calls.json").write_text("published")
    (tmp_path / ".calls.json.bak").write_text("the operator's own")
    (tmp_path / ".other.json.abcd1234").write_text("another target's")
    abandoned = tmp_path / ".calls.json.abcd1234"
    abandoned.write_text("half an export")  # its writer died: nobody holds it

    live, live_path = start_unfinished(tmp_path, "calls.json")  # a writer still writing
    try:
        assert not abandoned.exists()
        assert remove_abandoned(tmp_path, "calls.json") == []  # the live one is held
        assert live_path.exists()
    finally:
        os.close(live)  # as its process ending would: the lock goes with it
    assert remove_abandoned(tmp_path, "calls.json") == [live_path]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".calls.json.bak",
        ".other.json.abcd1234",
        "calls.json",
    ]


def test_a_writer_holds_its_unfinished_file_locked(tmp_path):
    handle, path = start_unfinished(tmp_path, "feed.atom")
    try:
        other = os.open(path, os.O_RDONLY)
        try:
            try:
                fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
                locked = False
            except BlockingIOError:
                locked = True
        finally:
            os.close(other)
        assert locked
    finally:
        os.close(handle)
