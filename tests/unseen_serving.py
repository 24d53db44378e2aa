"""The hand-built sites of tests/sites/ served on loopback for a real crawl or `sources try`
(unseen_sites.py reads the same folders offline), a folder's second host on OTHER_ADDRESS."""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from config.addresses import host_key
from spiders.sources.routes import load_routes, rewrite
from spiders.sources.site import LoopbackSite
from tests.unseen_extras import consent_interstitial, error_body
from tests.unseen_sites import OTHER_HOST, SITES_DIR, entry, extras, folder_extras

OTHER_ADDRESS = "127.0.0.2"  # where a folder's OTHER_HOST is served: another loopback address


class HostPair(LoopbackSite):
    """A funder's site whose pages link to its other host, served on OTHER_ADDRESS: each rewrites
    the other's origin to where it runs, and stop() stops both."""

    def __init__(self, folder: Path, other: LoopbackSite):
        super().__init__(folder)
        self.other = other

    def _served(self, page: Any) -> bytes:
        body = super()._served(page)
        return rewrite(body, self.other.origin, self.other.base_url)

    def stop(self) -> None:
        super().stop()
        self.other.stop()


class _OtherHost(LoopbackSite):
    """The other host: its pages' links back to the main site lead to its loopback address."""

    main: LoopbackSite | None = None

    def _served(self, page: Any) -> bytes:
        body = super()._served(page)
        main = self.main
        return rewrite(body, main.origin, main.base_url) if main and main.origin else body


def serve(site_id: str, sites_dir: Path = SITES_DIR) -> LoopbackSite:
    """The site running on loopback (stop() it after), its extras added."""
    folder = sites_dir / site_id
    other_folder = folder / OTHER_HOST
    if (other_folder / "routes.yaml").is_file():
        other = _OtherHost(other_folder, host=OTHER_ADDRESS).start()
        site: LoopbackSite = HostPair(folder, other).start()
        other.main = site
        for extra in folder_extras(other_folder):  # its redirects (a tracker's), to either host
            to = rewrite(extra["to"].encode(), site.origin, site.base_url).decode()
            other.add(extra["path"], "", status=extra.get("status", 302), redirect=to)
    else:
        site = LoopbackSite(folder).start()
    for extra in extras(site_id, sites_dir):
        if "to" in extra:
            # A path on the site, or a whole address (another host's, left as it is)
            to = (
                extra["to"]
                if extra["to"].startswith(("http://", "https://"))
                else "{{SITE}}" + extra["to"]
            )
            site.add(extra["path"], "", status=extra.get("status", 301), redirect=to)
        elif "hang" in extra:  # held unanswered (until the site stops): a client's timeout
            site.add(extra["path"], "", hang=extra["hang"])
        elif "consent_via" in extra:
            consent_interstitial(site, folder, extra)
        elif {"retry_after", "gzipped", "consent", "fails"} & set(extra):
            # The route's own page, after 429s (or retry_status: 503) with these Retry-After
            # values, after `fails` (a flaky server's 500s), gzip-encoded, or behind a consent
            # wall (that file, setting `cookie`).
            route = load_routes(folder)[1][extra["path"]]
            wall = extra.get("consent")
            site.add(
                extra["path"],
                route.file.read_bytes(),
                retry_after=extra.get("retry_after", ()),
                retry_status=extra.get("retry_status", 429),
                gzipped=extra.get("gzipped", False),
                fails=extra.get("fails", ()),
                consent=(extra["cookie"], (folder / wall).read_bytes()) if wall else None,
                content_type=route.content_type,
            )
        else:
            kind = extra.get("type", "text/html; charset=utf-8")
            body, heads = error_body(folder, extra), extra.get("headers", {})
            site.add(
                extra["path"],
                body,
                status=extra["status"],
                content_type=kind,
                headers=heads.items(),
            )
    return site


def loopback_entry(site_id: str, site: LoopbackSite, sites_dir: Path = SITES_DIR) -> dict[str, Any]:
    """The entry with its URLs on the running site (the pages' own links are rewritten by it)."""
    written = entry(site_id, sites_dir)
    local = {**written, "urls": [_local(site, url) for url in written["urls"]]}
    if isinstance(site, HostPair) and site.other.origin:
        # The other host's real name, where the entry names it, is its loopback address.
        real = urlsplit(site.other.origin).hostname
        # (or a wildcard over it: "*.list-manage.com")
        hosts = [
            OTHER_ADDRESS if fnmatch(real or "", h) else h for h in written.get("follow_hosts", [])
        ]
        # The www twin of the source's own host is its own host live (either side of www.,
        # config/addresses.py), with no follow_hosts; on loopback it is another address.
        if host_key(real or "") in {
            host_key(urlsplit(url).hostname or "") for url in written["urls"]
        }:
            hosts.append(OTHER_ADDRESS)
        local["follow_hosts"] = hosts
    return local


def _local(site: LoopbackSite, url: str) -> str:
    """Where `url` is served: on the site, or on its other host (an entry reading the list a
    council's page embeds from another host names that host's address)."""
    try:
        return site.local_url(url)
    except ValueError:
        if isinstance(site, HostPair) and site.other.origin:
            return site.other.local_url(url)
        raise


def try_on_loopback(
    site_id: str, tmp_path: Path, *options: str
) -> tuple[Any, list[tuple[str, int]]]:
    """`fundwatch sources try` of the site's entry (with `options`: "--json"), the site on
    loopback: its result, and what the site was asked and answered (path, status), in order."""
    from tests.crawl_helpers import fundwatch, write_config

    site = serve(site_id)
    try:
        config = write_config(tmp_path / "config", [loopback_entry(site_id, site)])
        result = fundwatch(
            "sources", "try", site_id, *options, config=config, db=tmp_path / "never.db"
        )
        return result, [(hit.path, hit.status) for hit in site.hits]
    finally:
        site.stop()
