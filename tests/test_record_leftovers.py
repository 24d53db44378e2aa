"""What a `sources record` killed part way leaves beside the snapshots is never taken for one.

A recording writes its pages into a hidden scratch folder (`.<id>.recording`) and renames it into
place, setting an old snapshot aside (`.<id>.replaced`) until the new one stands
(notifier/curation/record.py). A kill after the scratch folder is written and before its rename,
or between the two renames, leaves those hidden folders, each with a routes.yaml and a DRAFT
expected.yaml, until that source is recorded again. Before, every reader of the snapshot folders
(source_folders: the demo's loopback sites, the per-source tests) took them for sources of their
own: the demo served `.small_funder.recording` on the same loopback site as `small_funder`, and
the tests looked for a source named `.small_funder.recording`.

The write phase has no point a test could see and kill at (it is a few file writes, then two
renames), so the states a kill leaves are made here as the kill leaves them, from a real recording.
"""

from __future__ import annotations

import shutil

from spiders.sources import source_folders
from spiders.sources.snapshot_sites import serve_snapshots
from tests.test_sources_record import config, funder, record  # noqa: F401 - fixtures


def test_a_killed_recordings_folders_are_no_snapshots_and_the_next_recording_clears_them(
    tmp_path,
    config,  # noqa: F811 - the fixture imported above
):
    into = tmp_path / "snapshots"
    assert record(config, into).returncode == 0
    folder = into / "small_funder"
    # killed before the scratch folder's rename: the new snapshot whole, hidden beside the old
    shutil.copytree(folder, into / ".small_funder.recording")
    # killed between a --force's renames, an earlier time: the old snapshot set aside
    shutil.copytree(folder, into / ".small_funder.replaced")

    assert source_folders(into) == [folder]
    with serve_snapshots(into) as sites:
        assert list(sites) == ["small_funder"]

    again = record(config, into, "--force")
    assert again.returncode == 0, again.stderr
    assert [p.name for p in into.iterdir()] == ["small_funder"]
