"""Run `fundwatch` as a user would (a real subprocess) against a config folder written by the test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from spiders.sources import SNAPSHOT_NOW

ROOT = Path(__file__).resolve().parent.parent
TAGS = ROOT / "config" / "tags.yaml"


def write_config(
    folder: Path,
    sources: list[dict],
    subscriptions: list[dict] | None = None,
    crawl: dict | None = None,
    settings: dict | None = None,
) -> Path:
    """A config folder: these sources (and subscriptions), the house tags, the tests' crawl
    settings (`crawl` added to them) and any other `settings`."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sources.yaml").write_text(yaml.safe_dump(sources, sort_keys=False))
    (folder / "tags.yaml").write_text(TAGS.read_text())
    if subscriptions is not None:
        (folder / "subscriptions.yaml").write_text(yaml.safe_dump(subscriptions, sort_keys=False))
    (folder / "settings.yaml").write_text(
        yaml.safe_dump(
            {
                "crawl": {"contact": "tests@fundwatch.example", "timeout": 3, **(crawl or {})},
                **(settings or {}),
            }
        )
    )
    return folder


def fundwatch_env(env: dict | None = None) -> dict:
    return {
        **os.environ,
        "FUNDWATCH_CRAWL_DELAY": "0.05",
        "FUNDWATCH_ALLOW_LOOPBACK": "1",  # every site, Slack and SMTP server in the tests is local
        "FUNDWATCH_NOW": SNAPSHOT_NOW.isoformat(),  # the frozen now of tests/conftest.py
        **(env or {}),
    }


def fundwatch_command(*args: str, config: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "notifier.cli", "--config", str(config), "--db", str(db), *args]


def fundwatch(
    *args: str, config: Path, db: Path, env: dict | None = None, timeout: float = 120
) -> subprocess.CompletedProcess:
    return subprocess.run(
        fundwatch_command(*args, config=config, db=db),
        cwd=ROOT,
        env=fundwatch_env(env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def start_fundwatch(*args: str, config: Path, db: Path, **popen: Any) -> subprocess.Popen:
    """`fundwatch ARGS` in the background, its output captured as text (as fundwatch() does): the
    caller waits for it, or stops it. `popen` overrides go to subprocess.Popen."""
    popen.setdefault("env", fundwatch_env())
    popen.setdefault("stdout", subprocess.PIPE)
    popen.setdefault("stderr", subprocess.PIPE)
    popen.setdefault("text", True)
    return subprocess.Popen(fundwatch_command(*args, config=config, db=db), cwd=ROOT, **popen)


def sources_error(folder: Path, sources_yaml: str) -> str:
    """The ConfigError loading this sources.yaml gives (beside a one-tag tags.yaml), as one text."""
    from config.errors import ConfigError
    from config.loader import load_sources

    (folder / "tags.yaml").write_text("net_zero: {any: [net zero]}\n")
    (folder / "sources.yaml").write_text(sources_yaml)
    try:
        load_sources(folder)
    except ConfigError as error:
        return str(error)
    raise AssertionError("the sources loaded without an error")
