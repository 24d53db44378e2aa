"""`fundwatch demo` offline, as `make demo` runs it: its summary must match the repository it wrote."""

from __future__ import annotations

import email
import email.policy
import json
import os
import re
import shlex
import subprocess
import sys
from collections import Counter

import pytest
import sqlite_utils
import yaml

from tests.crawl_helpers import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture
def demo(demo_made):
    """The shared demo run (conftest.demo_made), with live Slack and SMTP settings in its
    environment that it must ignore."""
    return demo_made


def summary_number(output: str, label: str) -> int:
    match = re.search(rf"^\s*{re.escape(label)}:\s+(\d+)", output, re.M)
    assert match, f"summary has no {label!r}:\n{output}"
    return int(match.group(1))


def test_summary_matches_the_repository(demo):
    folder, output = demo
    db = sqlite_utils.Database(folder / "fundwatch.db")
    live = list(db.query("select * from opportunities where removed_at is null"))
    demo_sources = yaml.safe_load((folder / "config" / "sources.yaml").read_text())
    assert summary_number(output, "sources crawled") == len(demo_sources) >= 12
    assert [r["outcome"] for r in db["runs"].rows] == ["ok"] * len(demo_sources)
    assert summary_number(output, "opportunities stored") == len(live) > 20
    merged = [o for o in live if len(json.loads(o["source_ids"])) > 1]
    assert summary_number(output, "merged across sources") == len(merged) >= 1
    # Tags are shown by their labels from tags.yaml, with the count of live calls carrying each.
    labels = {
        k: v["label"] for k, v in yaml.safe_load((ROOT / "config/tags.yaml").read_text()).items()
    }
    tags = Counter(labels[t] for o in live for t in json.loads(o["tags"]))
    tag_line = re.search(r"^\s*tags:\s+(.*)$", output, re.M).group(1)
    shown = {label: int(n) for label, n in re.findall(r"([^,]+?) (\d+)(?:, |$)", tag_line)}
    assert shown == dict(tags)
    sent = Counter(r["channel"] for r in db["outbox"].rows_where("status = 'sent'"))
    alerts = re.search(
        r"alerts sent:\s+(\d+) to Slack channels \(console\), (\d+) by email", output
    )
    assert (int(alerts.group(1)), int(alerts.group(2))) == (sent["slack"], sent["email"])
    assert sent["slack"] > 0 and sent["email"] > 0
    emls = sorted((folder / "outbox").glob("*.eml"))
    assert summary_number(output, "digest emails written") == len(emls) > 0


def test_alerts_print_to_the_console_and_digests_are_readable_eml(demo):
    folder, output = demo
    assert "[fundwatch → example_climate_team] New funding:" in output
    assert "127.0.0.1" in output and "xoxb" not in output
    message = email.message_from_bytes(
        sorted((folder / "outbox").glob("*.eml"))[0].read_bytes(), policy=email.policy.default
    )
    # The subject says what happened, for whom and when (issue [5/9]), not "fundwatch …".
    assert re.fullmatch(
        r"\d+ [a-z ]+(, \d+ [a-z ]+)* · .+ · \d{1,2} [A-Z][a-z]{2}", message["Subject"]
    )
    assert {part.get_content_type() for part in message.walk()} >= {"text/plain", "text/html"}


def test_search_finds_tagged_net_zero_opportunities(demo):
    folder, _ = demo
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "notifier.cli",
            "--db",
            str(folder / "fundwatch.db"),
            "search",
            "net zero",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert re.search(r"^(\d+) result\(s\)$", result.stdout, re.M)
    assert "tags: " in result.stdout and "Net zero & climate" in result.stdout  # labels, not ids


def test_the_try_next_commands_run_as_printed(demo):
    """What the summary suggests works when pasted: the demo's day and loopback come with it, so
    every source reads ok and the search finds the demo's calls."""
    folder, output = demo
    lines = output.split("Try next", 1)[1].splitlines()
    suggested = [line.strip() for line in lines if "FUNDWATCH_NOW=" in line]
    assert len(suggested) == 4, output
    env = {k: v for k, v in os.environ.items() if not k.startswith("FUNDWATCH_")}

    def run(line: str) -> subprocess.CompletedProcess:
        words = shlex.split(line)
        settings = dict(w.split("=", 1) for w in words if re.match(r"^[A-Z_]+=", w))
        command = [w for w in words if not re.match(r"^[A-Z_]+=", w)]
        return subprocess.run(
            command, cwd=ROOT, env={**env, **settings}, capture_output=True, text=True, timeout=60
        )

    search = run(next(s for s in suggested if s.endswith('search "net zero"')))
    assert search.returncode == 0, search.stderr
    assert re.search(r"^[1-9]\d* result\(s\)$", search.stdout, re.M), search.stdout
    status = run(next(s for s in suggested if s.endswith("sources status")))
    assert status.returncode == 0, status.stdout + status.stderr
    assert "FAILING" not in status.stdout
