"""SIGKILL `fundwatch notify` while the card it posted to a Teams webhook several teams share
(one card for all their rows, storage/channel_posts.py) has landed and its answer is held, then
run it again to its end, and once more.

A webhook cannot be read back, so the card in flight at the kill goes once more (README: exactly
once, apart from the message in flight); nothing is lost, every other card goes once, each run's
summary line counts what it did, and a run after has nothing to post.
"""

from __future__ import annotations

import re
import threading
from collections import Counter

import pytest

from config.clock import iso
from tests.crawl_helpers import write_config
from tests.notify_helpers import NOW, add_new_calls, outbox, repository
from tests.reliability.kill_sweep import GUARD_S, assert_sound, finish, kill_when, start
from tests.teams_standin import TeamsStandIn

pytestmark = pytest.mark.slow

HOOK = "SHARED_TEAMS_WEBHOOK"
TEAMS = 3  # all posting to one webhook
CALLS = 2


class HeldTeams(TeamsStandIn):
    """The Teams stand-in whose card number `hold_at` lands at once and is answered only once
    released."""

    def __init__(self, hold_at: int) -> None:
        super().__init__()
        self.released = threading.Event()
        self.hold_at = hold_at

    def answer(self, path: str, raw: bytes):
        found = super().answer(path, raw)  # the card is posted here
        if len(self.posts) == self.hold_at:
            self.released.wait(GUARD_S)  # a hang guard: the test releases it once it has killed
        return found


def cards(teams: TeamsStandIn) -> Counter:
    return Counter(
        found.group(0)
        for post in list(teams.posts)
        if (found := re.search(r"hook-opp-\d+", str(post["card"])))
    )


@pytest.mark.parametrize("hold_at", [1, 2], ids=["first card", "second card"])
def test_a_notify_killed_with_a_shared_webhooks_card_in_flight_loses_nothing(tmp_path, hold_at):
    # Held at the second card, the first was answered and recorded with its row's mark before the
    # kill: the other teams' rows stand on it, and it does not go again.
    teams = [
        {"id": f"team_{n}", "events": ["new"], "teams": {"webhook_env": HOOK}} for n in range(TEAMS)
    ]
    config = write_config(tmp_path / "config", [], teams)
    db = repository(tmp_path)
    add_new_calls(db, "hook-opp", "Shared webhook fund", CALLS)
    db.close()
    db_path = tmp_path / "fundwatch.db"
    with HeldTeams(hold_at) as standin:
        env = {"FUNDWATCH_NOW": iso(NOW), HOOK: standin.url()}
        notify = start("notify", config=config, db=db_path, env=env)
        kill_when(notify, lambda: len(standin.posts) >= hold_at, "the held card landed")
        standin.released.set()
        in_flight = re.search(r"hook-opp-\d+", str(standin.posts[hold_at - 1]["card"])).group(0)
        code, out = finish("notify", config=config, db=db_path, env=env)
        again = finish("notify", config=config, db=db_path, env=env)
        posted = cards(standin)
    assert code == 0 and "Traceback" not in out, out
    expected = {f"hook-opp-{n}": 1 for n in range(CALLS)}
    assert posted == {**expected, in_flight: 2}, (posted, out)
    # The rerun's alerts: every team's of the card in flight and of any card not yet posted, in
    # the messages it posted; rows standing on a card recorded before the kill, in none.
    alerts, messages = TEAMS * CALLS - (hold_at - 1), CALLS - (hold_at - 1)
    assert f"{alerts} alert(s) sent in {messages} message(s), 0 to retry, 0 failed" in out, out
    assert again[0] == 0 and "0 alert(s) sent in 0 message(s)" in again[1], again
    db = repository(tmp_path)
    assert Counter(r["status"] for r in outbox(db)) == {"sent": TEAMS * CALLS}
    db.close()
    assert_sound(db_path)
