"""Two `fundwatch notify` runs and a `fundwatch crawl` on one repository at once, one notify
SIGKILLed: the live ones must not feel it.

Each delivery run sweeps the lease files no live process holds (`<db>.locks/senders`, two left by
runs killed earlier); the crawl, as its cache opens, removes the unfinished pages of dead writers
only, then holds its source's lock and its run open while its feed is held; notify judges source
health meanwhile. Seen, not timed: the first notify's post is held at the
Slack stand-in (its lease held, its rows claimed) while the second runs from start to end; only
then is the first killed. The second leaves the first's lease and claims alone, the crawl's run
ends ok, and a last notify posts what the killed one had claimed: every alert exactly once (the
held post had landed: found in the channel), no lease file left, no lock held.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter

import pytest

from config.clock import iso
from spiders.sources.site import LoopbackSite as Site
from storage.locks import is_held, lock_dir
from tests.crawl_helpers import write_config
from tests.notify_helpers import NOW, add_new_calls, outbox, repository
from tests.reliability.generated import feed_source, rss
from tests.reliability.kill_sweep import assert_sound, count, finish, kill_when, start
from tests.reliability.test_interrupted_first_round import wait_until
from tests.slack_standin import DEFAULT_CHANNELS, DEFAULT_TOKEN, Scripted, SlackStandIn
from tests.test_lease_files import killed_together

pytestmark = pytest.mark.slow

CALLS = 2
HISTORY = ("chat:write", "channels:history", "groups:history")


def waiting(tmp_path, feed_url: str):
    teams = [
        {"id": f"team_{n}", "events": ["new"], "slack": {"channel": channel}}
        for n, channel in enumerate(DEFAULT_CHANNELS)
    ]
    source = feed_source("energy", feed_url)
    config = write_config(tmp_path / "config", [source], teams, crawl={"timeout": 120})
    db = repository(tmp_path)
    add_new_calls(db, "live-opp", "Live runs fund", CALLS)
    db.close()
    return config, tmp_path / "fundwatch.db"


def senders(db_path) -> dict[str, bool]:
    """Each lease file's token, and whether a live process holds it."""
    folder = lock_dir(db_path) / "senders"
    return {path.stem: is_held(path) for path in folder.glob("*.lock")} if folder.exists() else {}


def test_a_notify_killed_beside_a_live_notify_and_crawl_leaves_them_whole(tmp_path):
    with Site() as site, SlackStandIn(scopes=HISTORY, epoch=NOW.timestamp() + 60) as slack:
        site.add("/feed.rss", rss(range(3), site=site.url), hang=120)
        config, db_path = waiting(tmp_path, f"{site.url}/feed.rss")
        dead = set(killed_together(db_path, 2))  # leases of runs killed before this one
        env = {"FUNDWATCH_NOW": iso(NOW), "SLACK_BOT_TOKEN": DEFAULT_TOKEN}
        env["SLACK_API_URL"] = slack.api_url

        slack.script(Scripted(held=True, lands=True))
        first = start("notify", config=config, db=db_path, env=env)
        wait_until(lambda: len(slack.posts) >= 1, first, "the first notify's post landed")
        first_leases = {t for t, held in senders(db_path).items() if held}
        assert len(first_leases) == 1, senders(db_path)
        # Unfinished cache pages of the source: one a dead writer left, one named by a live pid.
        pages = tmp_path / "httpcache" / "energy" / "ab"
        pages.mkdir(parents=True)
        gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], text=True,
                              capture_output=True, check=True).stdout.strip()  # fmt: skip
        left, live_page = pages / f"ab1.page.{gone}.tmp", pages / f"ab2.page.{first.pid}.tmp"
        left.write_bytes(b"half")
        live_page.write_bytes(b"half")

        crawl = start("crawl", config=config, db=db_path)
        site.wait_held("/feed.rss", timeout=60)  # its cache opened, its lock and run held
        assert not left.exists() and live_page.exists(), "the cache swept the wrong page"

        code, second = finish("notify", config=config, db=db_path, env=env)
        assert code == 0 and "Traceback" not in second and "locked" not in second, second
        assert "0 failed" in second, second
        after = senders(db_path)
        assert first_leases <= {t for t, held in after.items() if held}, "a live lease swept"
        assert not dead & set(after), "the killed runs' leases stayed"
        claimed = "SELECT count(*) FROM outbox WHERE status = 'sending'"
        assert count(db_path, claimed) > 0, "the live run's claims were taken"

        kill_when(first, lambda: True, "the second notify ended")
        slack.release()
        site.release()
        out, _ = crawl.communicate(timeout=120)
        assert crawl.returncode == 0, out
        code, last = finish("notify", config=config, db=db_path, env=env)
        assert code == 0, last
        said = Counter(
            (post["channel"], found.group(0))
            for post in list(slack.posts)
            if (found := re.search(r"live-opp-\d+", str(post)))
        )
    expected = {(c, f"live-opp-{n}"): 1 for c in DEFAULT_CHANNELS for n in range(CALLS)}
    assert said == expected, (said, second, last)
    assert count(db_path, "SELECT count(*) FROM runs WHERE outcome = 'ok'") == 1
    assert count(db_path, "SELECT count(*) FROM listings") == 3
    db = repository(tmp_path)
    assert {r["status"] for r in outbox(db)} == {"sent"}
    db.close()
    assert senders(db_path) == {}
    assert_sound(db_path)
