"""Scale-out on Scrapyd, end to end: a real Scrapyd on loopback, the project deployed to it with
scrapyd-deploy and the egg fundwatch builds, one source crawled there against its snapshot on a
loopback site, and the job's items (with the crawl's outcome beside them) ingested into a repository;
ingesting them again changes nothing.
Also, without Scrapyd: the node's spider loader finds each source's spider by its id.
"""

from __future__ import annotations

import configparser
import json
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlite_utils
import yaml
from scrapy.crawler import Crawler

from spiders.registry import spider_class
from spiders.scrapyd.deployed import node_config_dir
from spiders.scrapyd.egg import build_egg
from spiders.scrapyd.loader import SourceSpiderLoader
from spiders.sources import SOURCES_DIR, load_expected
from spiders.sources.site import LoopbackSite
from tests.crawl_helpers import ROOT, fundwatch, fundwatch_env, write_config
from tests.smtp_server import free_port

SOURCE = "govuk_council_funding"  # one feed, one page: the smallest real crawl there is
POLL_S = 0.2
ATTEMPTS = 300  # polls before giving up: a bound on waiting, not a claim about speed


def bundled_source(source_id: str, site: LoopbackSite) -> dict:
    """The source as config/sources.yaml has it, pointed at its snapshot on loopback."""
    entries = yaml.safe_load((ROOT / "config" / "sources.yaml").read_text())
    entry = next(e for e in entries if e["id"] == source_id)
    return {**entry, "urls": [site.local_url(url) for url in entry["urls"]]}


def wait_for(
    check: Callable[[], object], what: str, *, sleep: Callable[[float], None] = time.sleep
) -> object:
    """Poll until check() gives something true; fail naming what never happened."""
    for _ in range(ATTEMPTS):
        found = check()
        if found:
            return found
        sleep(POLL_S)
    raise AssertionError(f"gave up waiting for {what}")


def api(base: str, endpoint: str, **form: str) -> dict:
    """One Scrapyd API call: GET with a query, or POST the form."""
    data = urllib.parse.urlencode(form).encode() if form else None
    with urllib.request.urlopen(base + endpoint, data=data, timeout=30) as answer:
        return json.load(answer)


def answering(base: str) -> bool:
    try:
        return api(base, "daemonstatus.json")["status"] == "ok"
    except OSError:
        return False


def start_scrapyd(folder: Path, env: dict) -> tuple[subprocess.Popen, str] | None:
    """Scrapyd on a free port, answering; None if it died first (another process took the port
    between our probe and its bind)."""
    port = free_port()
    conf = configparser.ConfigParser()
    conf["scrapyd"] = {
        "bind_address": "127.0.0.1",
        "http_port": str(port),
        "eggs_dir": str(folder / "eggs"),
        "logs_dir": str(folder / "logs"),
        "items_dir": str(folder / "items"),
        "dbs_dir": str(folder / "dbs"),
        "poll_interval": str(POLL_S),
        "max_proc": "1",
    }
    with open(folder / "scrapyd.conf", "w") as out:
        conf.write(out)
    with open(folder / "scrapyd.log", "ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "scrapyd"],
            cwd=folder,
            # HOME: a ~/.scrapyd.conf on the machine would override this one
            env={**env, "HOME": str(folder)},
            stdout=log,
            stderr=log,
        )
    base = f"http://127.0.0.1:{port}/"
    wait_for(lambda: process.poll() is not None or answering(base), "Scrapyd to answer")
    return (process, base) if process.poll() is None else None


@contextmanager
def scrapyd(folder: Path, env: dict) -> Iterator[str]:
    """Scrapyd on 127.0.0.1 with every folder of its own under `folder`; stopped on exit."""
    folder.mkdir(parents=True)
    started = None
    for _ in range(3):
        started = start_scrapyd(folder, env)
        if started:
            break
    assert started, (folder / "scrapyd.log").read_text()
    process, base = started
    try:
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def deploy(egg: Path, base: str, folder: Path, env: dict) -> subprocess.CompletedProcess:
    """`scrapyd-deploy --egg` with the project's own scrapy.cfg, its target pointed at `base`."""
    folder.mkdir()
    cfg = configparser.ConfigParser(interpolation=None)
    cfg.read(ROOT / "scrapy.cfg")
    assert cfg["deploy"]["project"] == "fundwatch"
    cfg["deploy"]["url"] = base
    with open(folder / "scrapy.cfg", "w") as out:
        cfg.write(out)
    return subprocess.run(
        [sys.executable, "-m", "scrapyd_client.deploy", "--egg", str(egg), "--version", "1"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def table(db: Path, name: str) -> list[dict]:
    return list(sqlite_utils.Database(db)[name].rows_where(order_by="rowid"))


@pytest.mark.slow
def test_a_source_crawled_on_scrapyd_is_ingested_once(tmp_path, monkeypatch):
    env = fundwatch_env()
    monkeypatch.setenv("FUNDWATCH_ALLOW_LOOPBACK", "1")  # the egg's config points at loopback
    with LoopbackSite(SOURCES_DIR / SOURCE) as site:
        config = write_config(tmp_path / "config", [bundled_source(SOURCE, site)])
        egg = build_egg(tmp_path / "dist" / "fundwatch.egg", config=config)
        with scrapyd(tmp_path / "scrapyd", env) as base:
            deployed = deploy(egg, base, tmp_path / "deploy", env)
            assert deployed.returncode == 0, deployed.stdout + deployed.stderr
            assert json.loads(deployed.stdout)["spiders"] == 1, deployed.stdout
            assert api(base, "listspiders.json?project=fundwatch")["spiders"] == [SOURCE]

            job = api(base, "schedule.json", project="fundwatch", spider=SOURCE)["jobid"]

            def finished() -> bool:
                jobs = api(base, "listjobs.json?project=fundwatch")
                return any(j["id"] == job for j in jobs["finished"])

            wait_for(finished, f"Scrapyd job {job} to finish")
        log = (tmp_path / "scrapyd" / "logs" / "fundwatch" / SOURCE / f"{job}.log").read_text()
        assert "'finish_reason': 'finished'" in log, log
        assert "ERROR" not in log, log
        items = tmp_path / "scrapyd" / "items" / "fundwatch" / SOURCE / f"{job}.jl"
        lines = [json.loads(line) for line in items.read_text().splitlines()]
        expected = load_expected(SOURCE)["items"]
        assert len(lines) == len(expected) and {i["source_id"] for i in lines} == {SOURCE}
        outcome = json.loads(items.with_name(f"{job}.jl.outcome.json").read_text())
        assert (outcome["finish_reason"], outcome["complete"], outcome["items"]) == (
            "finished",
            True,
            len(expected),
        )

        db = tmp_path / "fundwatch.db"
        first = fundwatch("ingest", str(tmp_path / "scrapyd" / "items"), config=config, db=db)
        assert first.returncode == 0, first.stdout + first.stderr
        assert f"{SOURCE}, run 1: {len(expected)} item(s), {len(expected)} new" in first.stdout
        stored = table(db, "opportunities")
        assert sorted((o["title"], site.real_url(o["url"])) for o in stored) == sorted(
            (i["title"], i["url"]) for i in expected
        )
        assert {o["funder"] for o in stored} == {e["funder"] for e in expected}
        [run] = table(db, "runs")
        assert (run["source_id"], run["outcome"], run["complete"]) == (SOURCE, "ok", 1)
        before = {name: table(db, name) for name in ("listings", "opportunities", "events", "runs")}

        second = fundwatch("ingest", str(items), config=config, db=db)
        assert second.returncode == 0, second.stdout + second.stderr
        assert "already ingested (run 1, ok): skipped" in second.stdout
        assert {name: table(db, name) for name in before} == before


@pytest.fixture
def node_config(tmp_path, monkeypatch):
    """A config folder as a node would read it without an egg: FUNDWATCH_CONFIG."""
    entries = yaml.safe_load((ROOT / "config" / "sources.yaml").read_text())
    slow = {**entries[0], "delay": 7.5}
    config = write_config(tmp_path / "config", [slow, *entries[1:3]])
    monkeypatch.setenv("FUNDWATCH_CONFIG", str(config))
    node_config_dir.cache_clear()
    yield entries
    node_config_dir.cache_clear()


def test_the_node_loader_lists_every_source_and_builds_its_spider(node_config):
    loader = SourceSpiderLoader.from_settings({})
    assert loader.list() == sorted(e["id"] for e in node_config[:3])
    first = node_config[0]["id"]
    spider_cls = loader.load(first)
    assert spider_cls.name == first
    assert issubclass(spider_cls, spider_class(loader.sources[first]))
    crawler = Crawler(spider_cls, {"DOWNLOAD_DELAY": 1.0})
    spider = spider_cls.from_crawler(crawler, _job="abc123")  # Scrapyd passes its job id
    assert spider.source.id == first and spider.name == first
    assert crawler.settings.getfloat("DOWNLOAD_DELAY") == 7.5, "a source may ask for more delay"
    with pytest.raises(KeyError, match="no such source"):
        loader.load("nowhere")
