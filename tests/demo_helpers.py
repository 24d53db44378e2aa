"""`fundwatch demo` as a user runs it (a real subprocess), for the demo's tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.crawl_helpers import ROOT


def demo_env() -> dict[str, str]:
    """The environment with live settings the demo must ignore: it never sends anything anywhere."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "SMTP_", "FUNDWATCH_"))
    }
    env.update(SLACK_BOT_TOKEN="xoxb-not-a-real-token", SMTP_HOST="192.0.2.1")
    return env


def run_demo(folder: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "notifier.cli", "demo", "--dir", str(folder)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
