"""The bundled snapshot folders served on loopback, one site per real site, for the demo and the
tests; and the mapping between a snapshot's real URLs and its loopback ones."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from spiders.sources import SOURCES_DIR, source_folders
from spiders.sources.routes import load_routes
from spiders.sources.site import LoopbackSite


@contextmanager
def serve_snapshots(root: str | Path = SOURCES_DIR) -> Iterator[dict[str, LoopbackSite]]:
    """The snapshot folders under `root` on loopback, keyed by source id; all stopped on exit.
    Folders of the same real site share one loopback site, as they share one host for real."""
    by_origin: dict[str, LoopbackSite] = {}
    sites: dict[str, LoopbackSite] = {}
    for folder in source_folders(root):
        routes = load_routes(folder)
        origin = routes[0]
        if origin in by_origin:
            sites[folder.name] = by_origin[origin].include(folder, routes=routes)
        else:
            sites[folder.name] = by_origin[origin] = LoopbackSite(folder, routes=routes)
    with ExitStack() as stack:
        for site in by_origin.values():
            stack.enter_context(site)
        yield sites


def local_url(site: LoopbackSite, real: str) -> str:
    """The loopback URL on `site` that serves the real URL `real`."""
    return site.local_url(real)


def real_url(site: LoopbackSite, loopback: str) -> str:
    """The real site's URL for a loopback one on `site`."""
    return site.real_url(loopback)
