"""The HTTP cache's storage: one file per cached page, written whole or not at all.

The cache exists for conditional GET (spiders/middlewares.py RevalidatePolicy): a page's validators
go out with the next request, and a 304 replays the stored copy. Scrapy's FilesystemCacheStorage
writes seven files and a directory per response (request headers and body, a readable copy of
the metadata, …); on this machine's ext4 that was ~2.5 ms a page, about a tenth of a whole
crawl's time (benchmarks/crawl_scale.py). Here a response is one pickle, written to a temporary
name and renamed into place, so a crawl killed mid-write leaves the previous copy or none, never a
page's headers without its body. Entries of Scrapy's layout, written before this storage, are
still read, so an existing cache keeps revalidating.

The cache only saves bandwidth: a page it cannot store (a cache folder another user made, as a
crawl run once as root does; a full disk) is fetched afresh next time, said once a crawl in the
log, and never fails the source. It failed the crawl as "download failed: Permission denied",
though the download had worked, and told the curators the source was broken.
"""

from __future__ import annotations

import logging
import os
import pickle
from pathlib import Path
from time import time
from typing import Any

from scrapy import Request, Spider
from scrapy.extensions.httpcache import FilesystemCacheStorage
from scrapy.http import Response
from scrapy.utils.response import response_from_dict

from spiders.pid_alive import PARTIAL, remove_dead_writers

logger = logging.getLogger(__name__)

SUFFIX = ".page"  # `<fingerprint>.page`, and `<fingerprint>.page.<pid>.tmp` as <pid> writes it


def remove_leftovers(folder: Path) -> int:
    """Remove the unfinished pages in a source's cache `folder` whose writer is dead: a crawl
    killed mid-write leaves one, and nothing else ever did, so they gathered kill after kill.
    Read by the pid in the name: a crawl of the source holds its lock (one at a time), so a
    writer still alive, or a pid reused by a live process, is left alone; its turn comes later.
    This crawl is only opening: none of its pages is being written yet. Cheap enough at a
    crawl's start: one listing of the folder's prefixes."""
    return remove_dead_writers(folder.glob(f"*/*{SUFFIX}.*{PARTIAL}"))


class PageFileCacheStorage(FilesystemCacheStorage):
    """HTTPCACHE_STORAGE: `<dir>/<spider>/<ab>/<fingerprint>.page`, one pickle per response."""

    def _page_path(self, spider: Spider, request: Request) -> Path:
        # Beside Scrapy's own entry directory of the same fingerprint, which it falls back to.
        return Path(self._get_request_path(spider, request) + SUFFIX)

    def open_spider(self, spider: Spider) -> None:
        super().open_spider(spider)
        self._unwritable: set[Path] = set()
        try:
            remove_leftovers(Path(self.cachedir) / spider.name)
        except OSError:
            pass  # a leftover another user's crawl made: it stays, as the pages it cached do

    def retrieve_response(self, spider: Spider, request: Request) -> Response | None:
        path = self._page_path(spider, request)
        try:
            with path.open("rb") as file:
                entry: dict[str, Any] = pickle.load(file)  # noqa: S301 - our own cache files
            if 0 < self.expiration_secs < time() - path.stat().st_mtime:
                return None  # expired
        except FileNotFoundError:
            return super().retrieve_response(spider, request)  # a page cached before this storage
        except (OSError, pickle.UnpicklingError, EOFError, KeyError, ValueError):
            return None  # unreadable: fetch the page again, as if never cached
        request.meta["cache_timestamp"] = entry["timestamp"]
        return response_from_dict(entry["response"])

    def store_response(self, spider: Spider, request: Request, response: Response) -> None:
        path = self._page_path(spider, request)
        entry = {"timestamp": time(), "url": request.url, "response": response.to_dict()}
        partial = path.with_name(f"{path.name}.{os.getpid()}{PARTIAL}")
        try:
            try:
                file = partial.open("wb")
            except FileNotFoundError:  # the first page under this prefix: one mkdir, not one a page
                path.parent.mkdir(parents=True, exist_ok=True)
                file = partial.open("wb")
            with file:
                pickle.dump(entry, file, protocol=4)
            os.replace(partial, path)
        except OSError as error:
            self._not_cached(spider, partial, error)

    def _not_cached(self, spider: Spider, partial: Path, error: OSError) -> None:
        """A page the cache could not keep: the crawl goes on; the log says so once a folder."""
        try:
            partial.unlink(missing_ok=True)  # half a page, if the disk filled as it was written
        except OSError:
            pass
        folder = Path(self.cachedir) / spider.name
        if folder in self._unwritable:
            return
        self._unwritable.add(folder)
        logger.warning(
            "%s: cannot write the page cache in %s (%s): its pages are fetched whole each crawl "
            "until the user fundwatch runs as may write there (the cache only saves bandwidth: "
            "the folder may be deleted)",
            spider.name,
            folder,
            error.strerror or error,
        )
