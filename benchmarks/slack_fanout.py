"""Slack delivery to many channels: ALERTS alerts (default 500) over CHANNELS channels (default 100)
against the Slack stand-in on loopback, paced at one message a second per channel as Slack asks.
The anchor is the limit itself: the least time those posts can take at 1 message/s per channel.

    .venv/bin/python benchmarks/slack_fanout.py [ALERTS] [CHANNELS]

Target ([8/9]): within 1.2 × the limit's minimum; 0 lost, 0 twice.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from config.models import Settings  # noqa: E402
from notifier.delivery import deliver_instant  # noqa: E402
from tests.notify_helpers import (  # noqa: E402
    NOW,
    add_opportunity,
    add_outbox_row,
    repository,
    subscription,
)
from tests.slack_standin import DEFAULT_TOKEN, SlackStandIn  # noqa: E402

TITLE = re.compile(r"\bFund (\d+)\b")


if __name__ == "__main__":
    alerts = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    channels = [f"C0BENCH{n:04d}" for n in range(count)]
    with tempfile.TemporaryDirectory() as folder:
        db = repository(Path(folder))
        teams = [subscription(f"team_{n}", slack={"channel": c}) for n, c in enumerate(channels)]
        for n in range(alerts):
            add_opportunity(db, f"opp-{n}", title=f"Fund {n}")
            add_outbox_row(db, f"opp-{n}", subscription_id=f"team_{n % count}")
        per_channel = -(-alerts // count)
        minimum = per_channel - 1  # seconds: the first post at 0 s, then one a second
        with SlackStandIn(channels=channels) as slack:
            env = {"SLACK_BOT_TOKEN": DEFAULT_TOKEN, "SLACK_API_URL": slack.api_url}
            start = time.perf_counter()
            summary = deliver_instant(db, teams, Settings(burst_limit=1000), now=NOW, env=env)
            took = time.perf_counter() - start
            # Each post names its call ("Fund 12 …"): every call once, none lost, none twice.
            posted = Counter(m[1] for p in slack.posts if (m := TITLE.search(p["text"])))
    lost = sum(1 for n in range(alerts) if str(n) not in posted)
    twice = sum(n - 1 for n in posted.values() if n > 1)
    print(
        f"{alerts} alerts over {count} channels: {took:.1f} s; the limit's minimum {minimum} s "
        f"(ratio {took / max(minimum, 1):.2f}, target ≤ 1.2); sent {summary.sent}, "
        f"failed {summary.failed}, to retry {summary.retrying}, posts {len(slack.posts)}; "
        f"lost {lost}, sent twice {twice} (target 0 and 0)"
    )
