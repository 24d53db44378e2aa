"""Two crawls on a real small disk: the repository on a tmpfs in a mount namespace of the test's own
(`unshare -rm`), as test_full_disk_mid_crawl.py and test_full_disk_then_free.py need it: a small feed
crawled first, then a big one after the disk is filled, by a shell script of theirs."""

from __future__ import annotations

import shlex
import shutil
import subprocess
from pathlib import Path

from spiders.sources.site import LoopbackSite as Site
from tests.crawl_helpers import ROOT, fundwatch_command, fundwatch_env, write_config
from tests.reliability.generated import feed_source, rss


def namespaces_work() -> bool:
    if shutil.which("unshare") is None:
        return False
    tried = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount -t tmpfs tmpfs /mnt"], capture_output=True
    )
    return tried.returncode == 0


def crawl_small_then_big(
    tmp_path: Path, script: str, big: str
) -> tuple[Path, subprocess.CompletedProcess]:
    """Runs `script` (its {disk}, {out}, {first} and {second}: the small source's crawl command and
    the big one's) in its own mount namespace; the folder it wrote into, and how it ended."""
    disk, out = tmp_path / "disk", tmp_path / "out"
    disk.mkdir()
    out.mkdir()
    with Site() as site:
        site.add("/small.rss", rss(range(3)), content_type="application/rss+xml")
        site.add("/big.rss", big, content_type="application/rss+xml")
        config = write_config(
            tmp_path / "config",
            [
                feed_source("small", f"{site.url}/small.rss"),
                feed_source("big", f"{site.url}/big.rss"),
            ],
        )
        crawl = fundwatch_command("crawl", config=config, db=disk / "fw.db")
        filled = script.format(
            disk=disk,
            out=out,
            first=shlex.join([*crawl, "small"]),
            second=shlex.join([*crawl, "big"]),
        )
        done = subprocess.run(
            ["unshare", "-rm", "sh", "-c", filled],
            cwd=ROOT,
            env=fundwatch_env(),
            capture_output=True,
            text=True,
            timeout=300,
        )
    return out, done
