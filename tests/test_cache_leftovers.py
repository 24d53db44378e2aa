"""What a crawl killed mid-write leaves in the HTTP cache: `<fingerprint>.page.<pid>.tmp`, a page
half pickled, never renamed into place (spiders/cache_storage.py). Nothing removed them, so a crawl
process killed now and then (a timeout, the OOM killer, a deploy) gathered them for ever. The next
crawl of that source now removes those whose writer is dead as its cache opens, and leaves alone
one a live process is still writing. Real processes write the pages and are really killed."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from scrapy import Request
from scrapy.http import HtmlResponse

from spiders.cache_storage import PageFileCacheStorage
from tests.crawl_helpers import ROOT
from tests.test_cache_storage import BODY, URL, opened
from tests.test_cache_storage import spider as spider  # noqa: F401 - the fixture

WRITE_HALF = """
import os, sys, time
from pathlib import Path
from scrapy import Request
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler
from spiders.cache_storage import PageFileCacheStorage
from tests.test_cache_storage import Listing
crawler = get_crawler(Listing)
spider = crawler.spider = Listing()
spider.crawler = crawler
storage = PageFileCacheStorage(Settings({"HTTPCACHE_DIR": sys.argv[1]}))
storage.open_spider(spider)
path = storage._page_path(spider, Request(sys.argv[2]))
path.parent.mkdir(parents=True, exist_ok=True)
partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")  # as store_response names it
partial.write_bytes(b"\\x80\\x04half a pickle")
print(partial, flush=True)
time.sleep(120)
"""


def half_written(folder: Path, url: str) -> tuple[subprocess.Popen, Path]:
    """A process part-way through caching `url` (its unfinished file, not yet renamed)."""
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITE_HALF, str(folder), url],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    return writer, Path(writer.stdout.readline().strip())


def killed(writer: subprocess.Popen) -> None:
    writer.send_signal(signal.SIGKILL)
    writer.wait()


def test_the_next_crawl_removes_what_killed_writers_left_and_keeps_a_live_ones(tmp_path, spider):
    storage = opened(PageFileCacheStorage, tmp_path, spider)
    request = Request(URL)
    storage.store_response(spider, request, HtmlResponse(URL, body=BODY, request=request))
    # Started together, then three killed: each writer's own crawl start clears what dead ones left.
    writers = [half_written(tmp_path, f"{URL}?page={n}") for n in range(4)]
    (live, in_flight), dead = writers[-1], [partial for _, partial in writers[:-1]]
    for writer, _ in writers[:-1]:
        killed(writer)
    try:
        assert all(path.exists() for path in dead)  # a kill leaves them behind

        opened(PageFileCacheStorage, tmp_path, spider)  # the next crawl of the source

        assert not any(path.exists() for path in dead)
        assert in_flight.exists(), "a live writer's unfinished page was removed"
        assert (
            opened(PageFileCacheStorage, tmp_path, spider)
            .retrieve_response(spider, Request(URL))
            .body
            == BODY
        )  # the finished page stays
    finally:
        killed(live)
