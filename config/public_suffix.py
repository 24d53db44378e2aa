"""Whether a host name is registrable (example.gov.uk) or a public suffix (gov.uk, com), from the
Public Suffix List that tldextract bundles. Never fetched: reading config must not touch the network.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import tldextract


@cache
def _extract() -> tldextract.TLDExtract:
    # Imported on first use: tldextract brings requests and urllib3 (80 ms), and every command and
    # crawl process reads the config, while only a wildcard follow_hosts entry asks this.
    import tldextract

    # suffix_list_urls=() keeps tldextract to its bundled snapshot; cache_dir=None writes nothing.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def registrable(name: str) -> bool:
    """'googleusercontent.com' and 'example.gov.uk' are; 'gov.uk', 'co.uk' and 'com' are not."""
    parts = _extract()(name)
    return bool(parts.domain and parts.suffix)
