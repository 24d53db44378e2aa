"""The crawl process: `python -m spiders.crawl_process --config DIR --db PATH --batch ID SOURCE...`.

Started by the crawl launcher (notifier/crawl_launcher.py) for `fundwatch crawl` and the scheduler,
because Twisted's reactor cannot be restarted in one process. The named sources crawl concurrently,
except that sources reaching a common host crawl one after another (spiders/crawl_order.py): one
request at a time per host. Each source is crawled under its lock (storage/locks.py): a second
crawl of a source that is already being crawled, by any process, waits for the first to finish
rather than interleave with it; and a process waits for another that is asking the same hosts.
"""

from __future__ import annotations

# First, before the imports that take most of a second: a stop from now on reads as a stop. (Only
# as the crawl process: a module importing this one keeps its own handlers.)
from spiders.early_stop import exit_when_stopped, note_stop

if __name__ == "__main__":
    exit_when_stopped()

import argparse  # noqa: E402
import gc  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from functools import partial  # noqa: E402
from pathlib import Path  # noqa: E402

# Scrapy's HTTP download handler, imported now rather than by the first request: its module makes
# deprecated aliases that each call inspect.stack(), whose cost grows with the stack's depth and the
# number of modules loaded. Asked from inside the running crawl (43 frames, ~1,300 modules) that
# was ~4 % of a one-page crawl process's instructions (4.84e9 -> 4.64e9 imported here).
import scrapy.core.downloader.handlers.http11  # noqa: E402, F401
from scrapy.crawler import Crawler  # noqa: E402

from config.errors import ConfigError  # noqa: E402
from config.loader import load_settings, load_sources, load_tags  # noqa: E402
from config.private_files import make_files_private  # noqa: E402
from config.settings import scrapy_settings  # noqa: E402
from spiders.crawl_exit import REFUSED, STOPPED, UNRECORDED  # noqa: E402
from spiders.crawl_log import install_crawl_logging  # noqa: E402
from spiders.crawl_order import host_groups, hosts_reached  # noqa: E402
from spiders.graceful_stop import GracefulCrawlerProcess  # noqa: E402
from spiders.pipelines import repository_refused, runs_unrecorded  # noqa: E402
from spiders.registry import spider_class  # noqa: E402
from spiders.tagging import compile_rules  # noqa: E402
from storage.errors import RepositoryError  # noqa: E402
from storage.locks import (  # noqa: E402
    CRAWL_LOCKS,
    FileLock,
    host_lock,
    lock_dir,
    source_lock,
    sweep_unheld,
)


def allow_open_files(wanted: int) -> None:
    """A lock file per source and per host stays open for the whole crawl, beside every crawler's
    sockets: a `fundwatch crawl` of a few hundred sources must not meet a 1,024-file soft limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


def lock_sources(
    db: Path, source_ids: list[str], batch: str, quiet: bool = False
) -> list[FileLock]:
    """Every named source's crawl lock, in a fixed order so two processes never deadlock."""
    return [
        _acquired(
            source_lock(db, source_id, f"crawl batch {batch}"),
            f"{source_id}: waiting for the crawl already running ({{holder}}) to finish",
            quiet,
        )
        for source_id in sorted(set(source_ids))
    ]


def lock_hosts(db: Path, hosts: list[str], batch: str, quiet: bool = False) -> list[FileLock]:
    """Every host's lock, sorted, taken after the sources' (one order for all: no deadlock)."""
    return [
        _acquired(
            host_lock(db, host, f"crawl batch {batch}"),
            f"{host}: waiting for another crawl asking this host ({{holder}}) to finish",
            quiet,
        )
        for host in hosts
    ]


def _acquired(lock: FileLock, waiting: str, quiet: bool = False) -> FileLock:
    def tell(holder: str) -> None:
        if not quiet:
            print(waiting.format(holder=holder), file=sys.stderr, flush=True)

    lock.acquire(on_wait=tell)
    return lock


def tell_turn(fd: int) -> None:
    """Its turn has come: said on the launcher's pipe, then closed (a launcher gone: no matter)."""
    try:
        os.write(fd, b"\n")
    except OSError:
        pass
    finally:
        os.close(fd)


def _errors(lines: list[str], args: argparse.Namespace) -> None:
    """Problems that end the crawl before it starts, on stderr, naming the folder curators edit;
    levelled, as ERROR lines."""
    for line in lines:
        if args.config_shown:
            line = line.replace(str(args.config), args.config_shown)
        print(f"ERROR {line}" if args.levelled else line, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m spiders.crawl_process")
    parser.add_argument("--config", required=True)
    # The folder to name in problems, when --config is a copy of it (the service's: a crawl reads
    # the very files its job read, notifier/kept_config.py); curators edit this one.
    parser.add_argument("--config-shown")
    parser.add_argument("--db", required=True)
    parser.add_argument("--batch", required=True)
    parser.add_argument(
        "--log-level", default=os.environ.get("FUNDWATCH_CRAWL_LOG_LEVEL", "WARNING")
    )
    # The service's crawls: sources on one host taking turns is its routine, and a line each wait
    # (without a time, amid its log) was a twelfth of a 48-source service's log.
    parser.add_argument("--quiet-waits", action="store_true")
    # The service's crawls too: each line starts with its level, which the service's log keeps.
    parser.add_argument("--levelled", action="store_true")
    # The service's crawls: a pipe to write a line on once every lock is taken, so its timeout
    # counts the crawl's own time, not its wait (notifier/crawl_deadline.py).
    parser.add_argument("--turn-fd", type=int)
    parser.add_argument("source_ids", nargs="+")
    args = parser.parse_args(argv)
    # As its parent's (notifier/cli.py) already: the HTTP cache and lock files are owner-only.
    try:
        make_files_private()
    except ConfigError as error:
        _errors(error.problems, args)
        return 2
    # One plain line per problem, unless debugging.
    install_crawl_logging(args.log_level, levelled=args.levelled)

    try:
        tags = load_tags(args.config)
        sources = {s.id: s for s in load_sources(args.config, tags=tags)}
    except ConfigError as error:  # e.g. a loopback URL without FUNDWATCH_ALLOW_LOOPBACK=1
        _errors(error.problems, args)
        return 2
    unknown = [source_id for source_id in args.source_ids if source_id not in sources]
    if unknown:
        # Removed from sources.yaml between the asking and this read (a curator's edit as the
        # service's job or `fundwatch crawl` started): one line each, not a KeyError's traceback.
        config = Path(args.config) / "sources.yaml"
        said = "(removed since its crawl was asked for?): no source crawled"
        _errors([f"{s}: not in {config} {said}" for s in dict.fromkeys(unknown)], args)
        return 2
    settings = scrapy_settings(
        load_settings(args.config),
        db_path=Path(args.db),
        batch=args.batch,
        log_level=args.log_level,
    )
    settings["FUNDWATCH_TAG_RULES"] = compile_rules(tags)
    named = [sources[source_id] for source_id in dict.fromkeys(args.source_ids)]
    allow_open_files(2 * len(named) + 512)
    quiet = args.quiet_waits
    try:
        # The lock files no live process holds (a file per source and host ever crawled, and a
        # killed crawl's), so the folder holds what is crawled now, not every host of years past.
        sweep_unheld(lock_dir(Path(args.db)), *CRAWL_LOCKS)
        # Held until the crawl ends, their files then removed; the kernel releases them if killed.
        locks = lock_sources(Path(args.db), [s.id for s in named], args.batch, quiet)
        locks += lock_hosts(Path(args.db), hosts_reached(named), args.batch, quiet)
    except RepositoryError as error:  # a lock folder this user may not write: one line
        print(f"fundwatch: {error}", file=sys.stderr, flush=True)
        return 1
    if args.turn_fd is not None:
        tell_turn(args.turn_fd)
    # An item's objects are nearly all freed by reference counting, but the default threshold (700
    # allocations) still ran a cycle collection for every page, each walking the young objects of
    # Scrapy's machinery: 5 % of a crawl's time (benchmarks/crawl_scale.py). Collect less often.
    gc.set_threshold(10_000, 10, 10)
    # From here a stop is noted, not an exit: runs open as the crawlers start, and the graceful
    # stop, begun as the reactor starts, closes each as stopped (spiders/early_stop.py).
    note_stop()
    process = GracefulCrawlerProcess(settings)
    reactor_installed = False

    def crawler_for(source) -> Crawler:
        # The first crawler installs the reactor, as CrawlerProcess would for crawlers it makes
        # itself. (A source's own, longer delay is set by SourceSpider.from_crawler.)
        nonlocal reactor_installed
        crawler = Crawler(spider_class(source), settings, init_reactor=not reactor_installed)
        reactor_installed = True
        return crawler

    # Each group's first crawl starts now, so the process's join() waits for every group. A stop
    # signal (the only way a spider closes "shutdown") starts no source waiting its turn.
    for group in host_groups(named):
        process.in_turn([(partial(crawler_for, source), {"source": source}) for source in group])
    try:
        process.start()
    finally:
        for lock in locks:
            lock.release(remove=True)
    if process.signalled:
        return STOPPED
    if runs_unrecorded():
        return UNRECORDED
    return REFUSED if repository_refused() else 0


if __name__ == "__main__":
    raise SystemExit(main())
