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


def test_eml_digests_remove_what_a_killed_run_left_half_written_and_nothing_else(tmp_path):
    # A run killed mid-write left a digest's unfinished file, under a name (its time, its team)
    # no later digest has: the next run that writes to the folder removes it.
    from notifier.channels.eml import EmlChannel
    from tests.email_helpers import MAIL_FROM, NOW, TEAM, digest_alerts, subscription

    folder = tmp_path / "outbox"
    folder.mkdir()
    abandoned = folder / ".20261124T080000Z-digital_team-daily-a@example.gov.uk.eml.k3j9x0_q"
    abandoned.write_bytes(b"From: half a message")
    live, live_path = start_unfinished(folder, "20261125T085959Z-other-daily-b@example.eml")
    try:
        channel = EmlChannel(folder, mail_from=MAIL_FROM)
        assert all(r.ok for r in channel.deliver(subscription(), digest_alerts(), NOW))
    finally:
        os.close(live)
    assert not abandoned.exists()
    assert live_path.exists()  # another run still writing it
    assert sorted(p.name for p in folder.iterdir() if p != live_path) == sorted(
        f"20261125T090000Z-digital_team-instant-{address}.eml" for address in TEAM
    )
