"""`fundwatch demo`: the whole cycle offline, on bundled snapshots of real sources served on loopback.

Crawl → repository → route to the example subscriptions → alerts on the console and digests as .eml
files. Nothing leaves the machine: Slack and SMTP settings are ignored, every URL is 127.0.0.1.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

import config
from notifier.configuration import load_config
from notifier.crawl_launcher import run_crawl
from notifier.service import Service
from spiders.sources.snapshot_sites import local_url, serve_snapshots
from storage.db import open_db
from storage.outbox_queries import sent_by_channel
from storage.search import live_summary

# The snapshots were taken on this day; freezing "now" keeps the demo's open/closing-soon mix meaningful.
DEMO_NOW = "2026-11-25T09:00:00+00:00"
# Live delivery settings the demo must never use.
LIVE_SETTINGS = (
    "SLACK_BOT_TOKEN",
    "SLACK_API_URL",
    "SMTP_HOST",
    "SMTP_PORT",
    "SMTP_USERNAME",
    "SMTP_PASSWORD",
)
# Written into the demo's folder: the only folder (besides an empty one) the demo will wipe, so a
# mistyped `--dir data` cannot delete a live repository.
MARKER = ".fundwatch-demo"
DEMO_CONTACT = "demo@fundwatch.invalid"


class NotADemoFolder(Exception):
    """The --dir folder holds something the demo did not make."""


@dataclass
class DemoSummary:
    folder: Path
    sources_ok: list[str] = field(default_factory=list)
    sources_failed: list[str] = field(default_factory=list)
    opportunities: int = 0
    merged: int = 0
    tags: Counter = field(default_factory=Counter)
    alerts: Counter = field(default_factory=Counter)  # sent outbox rows by channel
    digests: int = 0  # .eml files written


def bundled_config_dir() -> Path:
    return Path(config.__file__).resolve().parent


def write_demo_config(folder: Path, servers: dict) -> Path:
    """The bundled config, with each snapshotted source pointing at its loopback server."""
    source_dir = bundled_config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    sources = yaml.safe_load((source_dir / "sources.yaml").read_text())
    demo_sources = []
    for entry in sources:
        server = servers.get(entry["id"])
        if server is None:
            continue  # no snapshot for it: the demo never touches the network
        entry["urls"] = [local_url(server, url) for url in entry["urls"]]
        demo_sources.append(entry)
    (folder / "sources.yaml").write_text(yaml.safe_dump(demo_sources, sort_keys=False))
    for name in ("tags.yaml", "subscriptions.yaml"):
        shutil.copyfile(source_dir / name, folder / name)  # its mode from the umask: private
    (folder / "settings.yaml").write_text(yaml.safe_dump({"crawl": {"contact": DEMO_CONTACT}}))
    return folder


def prepare_environment() -> dict[str, str]:
    for name in LIVE_SETTINGS:
        os.environ.pop(name, None)
    os.environ.setdefault("FUNDWATCH_NOW", DEMO_NOW)
    os.environ["FUNDWATCH_ALLOW_LOOPBACK"] = "1"  # the demo's sources are served on 127.0.0.1
    os.environ.setdefault(
        "FUNDWATCH_CRAWL_DELAY", "0.05"
    )  # loopback: the floor for real sites is 1 s
    # Only fundwatch's own switches reach delivery: any other variable may be a real webhook a
    # subscription in the copied config/subscriptions.yaml names (Slack or Teams, under any name).
    return {k: v for k, v in os.environ.items() if k.startswith("FUNDWATCH_")}


def _made_by_the_demo(folder: Path) -> bool:
    if (folder / MARKER).is_file():
        return True
    # A demo folder from before the marker: its settings carry the demo's own contact.
    settings = folder / "config" / "settings.yaml"
    return settings.is_file() and DEMO_CONTACT in settings.read_text(errors="replace")


def fresh_folder(folder: Path) -> None:
    """Empty the demo's folder for a new run; refuse any folder holding something else."""
    if folder.exists():
        if not folder.is_dir():
            raise NotADemoFolder(f"{folder} is a file, not a folder")
        if any(folder.iterdir()) and not _made_by_the_demo(folder):
            raise NotADemoFolder(
                f"{folder} is not empty and was not made by `fundwatch demo`, so it is left as it "
                "is; name a new or empty folder with --dir"
            )
        shutil.rmtree(folder)
    try:
        folder.mkdir(parents=True)
        (folder / MARKER).write_text("made by `fundwatch demo`: wiped by the next demo run\n")
    except OSError as error:  # a path through a file, a read-only place: the --dir is wrong
        reason = (error.strerror or str(error)).lower()
        raise NotADemoFolder(
            f"cannot make {folder}: {reason}; name a folder you can write with --dir"
        ) from None


def run_demo(folder: Path, echo=print) -> DemoSummary:
    fresh_folder(folder)
    env = prepare_environment()
    db_path = folder / "fundwatch.db"
    summary = DemoSummary(folder=folder)
    with serve_snapshots() as servers:
        config_dir = write_demo_config(folder / "config", servers)
        source_ids = list(servers)
        echo(
            f"1. Crawling {len(source_ids)} bundled source snapshot(s) on 127.0.0.1: {', '.join(source_ids)}"
        )
        report = run_crawl(
            source_ids, enabled=source_ids, config_dir=config_dir, db_path=db_path, timeout=300
        )
    for run in report.runs:
        (summary.sources_ok if run["outcome"] == "ok" else summary.sources_failed).append(
            run["source_id"]
        )
        echo(
            f"   {run['source_id']:<24} {run['outcome']:<7} {run['items'] or 0} items, {run['new'] or 0} new"
        )
    service = Service(config_dir=config_dir, db_path=db_path, env=env)
    echo("2. Routing to the example subscriptions; instant alerts (console stands in for Slack):")
    echo(service.notify())
    echo(service.closing_soon())
    echo("3. Digests (no SMTP_HOST: written as .eml files):")
    for cadence in ("daily", "weekly"):
        echo(service.digest(cadence, force=True))

    db = open_db(db_path, readonly=True)
    summary.opportunities, summary.merged, by_tag = live_summary(db)
    tag_labels = load_config(config_dir).labels().tags
    summary.tags = Counter({tag_labels.get(t, t): n for t, n in by_tag.items()})
    summary.alerts = Counter(sent_by_channel(db))
    db.close()
    summary.digests = len(list((folder / "outbox").glob("*.eml")))
    return summary


def command_name() -> str:
    """How the person can run fundwatch again: on PATH, or from the virtualenv `make demo` made."""
    if shutil.which("fundwatch"):
        return "fundwatch"
    script = Path(sys.argv[0])
    if script.name == "fundwatch" and script.exists():
        return _written(script)
    return f"{_written(Path(sys.executable))} -m notifier.cli"


def _written(path: Path) -> str:
    """A path as short as it can be typed from here (`.venv/bin/fundwatch`, not `../../…`)."""
    relative, absolute = os.path.relpath(path), str(path.resolve())
    return shlex.quote(relative if len(relative) <= len(absolute) else absolute)


def describe(summary: DemoSummary) -> str:
    folder = summary.folder
    fundwatch = command_name()
    db, config_dir = (shlex.quote(str(folder / name)) for name in ("fundwatch.db", "config"))
    # The demo's day, so `sources status` and "closes in N days" read as they did in the demo.
    day = shlex.quote(os.environ.get("FUNDWATCH_NOW", DEMO_NOW))
    here = f"FUNDWATCH_NOW={day} FUNDWATCH_ALLOW_LOOPBACK=1 {fundwatch} --db {db} --config {config_dir}"
    tags = ", ".join(f"{tag} {count}" for tag, count in summary.tags.most_common())
    failed = (
        f" ({len(summary.sources_failed)} failed: {', '.join(summary.sources_failed)})"
        if summary.sources_failed
        else ""
    )
    return f"""
fundwatch demo summary
  sources crawled:          {len(summary.sources_ok) + len(summary.sources_failed)}{failed}
  opportunities stored:     {summary.opportunities}
  merged across sources:    {summary.merged}
  tags:                     {tags or "none"}
  alerts sent:              {summary.alerts.get("slack", 0)} to Slack channels (console), {summary.alerts.get("email", 0)} by email
  digest emails written:    {summary.digests} .eml file(s) in {folder / "outbox"}

Try next (the demo's sources are snapshots on this machine, hence FUNDWATCH_ALLOW_LOOPBACK=1;
FUNDWATCH_NOW keeps the demo's day, which its snapshots describe):
  {here} search "net zero"
  {here} sources status
  {here} export --format ics --output calls.ics
  {here} serve      (browse, search and subscribe at http://127.0.0.1:8001)
  open an .eml file from {folder / "outbox"} in your mail client
  edit config/subscriptions.yaml, then read README.md "Going live" to send to Slack and email
"""
