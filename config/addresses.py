"""Where the crawler may go: public addresses only (DESIGN "Only where it should", research §2.7).

Pure: no DNS here. A host written as an address is read the way the resolver and browsers read it,
whatever its form: dotted, decimal `2130706433`, hex `0x7f000001`, octal `0177.0.0.1`, short `127.1`,
IPv6 `[::1]`, IPv4-mapped `[::ffff:127.0.0.1]`, percent-encoded or full-width digits, a trailing dot.
A zero-padded part could be octal (the resolver) or decimal (some readers): both readings are judged.
A name is judged by what it resolves to, at request time (spiders/address_guard.py); only `localhost`,
`*.localhost` and the cloud metadata names are judged by name.

Loopback is allowed only when FUNDWATCH_ALLOW_LOOPBACK=1 (the tests and the demo); private ranges only
for a source with `allow_private: true`; link-local, cloud metadata, multicast, reserved and
unspecified addresses never. A source reaches its own hosts (their `www.` variant too) and the hosts
in its `follow_hosts`, nowhere else.
"""

from __future__ import annotations

import ipaddress
import os
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any
from urllib.parse import unquote, urlsplit

from pydantic_core import InitErrorDetails, PydanticCustomError

from config.lazy_pattern import lazy_pattern
from config.public_suffix import registrable

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

LOOPBACK_ENV = "FUNDWATCH_ALLOW_LOOPBACK"
LOOPBACK_HINT = f"allowed only when {LOOPBACK_ENV}=1"
PRIVATE_HINT = "set allow_private: true on the source to allow it"
FOLLOW_HINT = "add it to the source's follow_hosts to go there"

METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200")
)
METADATA_NAMES = frozenset(
    {"metadata.google.internal", "metadata.goog", "metadata", "instance-data.ec2.internal"}
)
PRIVATE_NETWORKS = tuple(
    ipaddress.ip_network(n)
    for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7")
)
NAT64 = ipaddress.ip_network("64:ff9b::/96")
_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})  # what IDNA reads as a dot
_HEX, _OCTAL, _DECIMAL = (
    lazy_pattern(r"0x[0-9a-f]*"),
    lazy_pattern(r"0[0-7]+"),
    lazy_pattern(r"[0-9]+"),
)
HOST_NAME = lazy_pattern(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")


def loopback_allowed(env: Mapping[str, str] | None = None) -> bool:
    """FUNDWATCH_ALLOW_LOOPBACK=1, read now (so a test or the demo that sets it is honoured)."""
    return ((os.environ if env is None else env).get(LOOPBACK_ENV) or "").strip() == "1"


def clean_host(host: str) -> str:
    """A host as the resolver or a browser reads it: percent-decoded, full-width folded, lower case,
    an international name in its xn-- form (as Scrapy sends it), without IPv6 brackets or the
    trailing dot of a fully qualified name."""
    host = unicodedata.normalize("NFKC", unquote(host)).translate(_DOTS)
    host = host.strip().lower().removeprefix("[").removesuffix("]").rstrip(".")
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            pass  # not a name the resolver could look up either
    return host


def _ipv4_part(part: str, *, octal: bool) -> int | None:
    if _HEX.fullmatch(part):
        return int(part[2:] or "0", 16)
    if octal and _OCTAL.fullmatch(part):
        return int(part, 8)
    if _DECIMAL.fullmatch(part) and (not octal or part == "0" or not part.startswith("0")):
        return int(part)
    return None


def _ipv4(host: str, *, octal: bool) -> ipaddress.IPv4Address | None:
    """inet_aton's reading (octal=True: what the resolver connects to), or all parts decimal."""
    parts = host.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    values = [_ipv4_part(part, octal=octal) for part in parts]
    if any(v is None for v in values):
        return None
    *head, last = values
    if any(v > 255 for v in head) or last >= 256 ** (5 - len(values)):
        return None
    return ipaddress.IPv4Address(sum(v << 8 * (3 - i) for i, v in enumerate(head)) + last)


def host_addresses(host: str) -> list[IPAddress]:
    """The address(es) a host written as a number means, the resolver's reading first; [] for a name."""
    host = clean_host(host)
    if ":" in host:
        try:
            return [ipaddress.IPv6Address(host)]
        except ValueError:
            return []
    readings = [_ipv4(host, octal=True), _ipv4(host, octal=False)]
    return list(dict.fromkeys(r for r in readings if r is not None))


def address_verdict(address: IPAddress, *, allow_loopback: bool, allow_private: bool) -> str | None:
    """Why the crawler may not connect to this one address ('a private address (…)'), or None."""
    if address in METADATA_ADDRESSES:
        return "a cloud metadata address"
    if address.is_unspecified:
        return "the unspecified address"
    if address.is_loopback:
        return None if allow_loopback else f"a loopback address ({LOOPBACK_HINT})"
    if address.is_link_local:
        return "a link-local address"
    if address.is_multicast:
        return "a multicast address"
    if any(address in network for network in PRIVATE_NETWORKS):
        return None if allow_private else f"a private address ({PRIVATE_HINT})"
    if address.is_reserved:
        return "a reserved address"
    if not address.is_global:
        return "not a public address"
    return None


def _reached(address: IPAddress) -> list[IPAddress]:
    """The addresses a connection to `address` reaches: an IPv4-mapped IPv6 address is its IPv4
    address; a 6to4 or NAT64 one also reaches the IPv4 address inside it."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped:
            return [address.ipv4_mapped]
        if address.sixtofour:
            return [address.sixtofour, address]
        if address in NAT64:
            return [ipaddress.IPv4Address(int(address) & 0xFFFFFFFF), address]
    return [address]


def judge(
    subject: str, address: IPAddress, *, allow_loopback: bool, allow_private: bool, how: str = "is"
) -> str | None:
    """'10.0.0.5 is a private address (…)', '0x7f000001 is 127.0.0.1, a loopback address (…)',
    'intranet.example resolves to 10.0.0.5, a private address (…)'; None when it may be reached."""
    for reached in _reached(address):
        verdict = address_verdict(
            reached, allow_loopback=allow_loopback, allow_private=allow_private
        )
        if verdict:
            if how == "is" and subject == str(reached):
                return f"{subject} is {verdict}"
            return f"{subject} {how} {reached}, {verdict}"
    return None


def host_problem(host: str, *, allow_loopback: bool, allow_private: bool) -> str | None:
    """Why this host may not be reached, judged as written (no DNS); None when it may, or when it is
    an ordinary name (judged after resolution, at request time)."""
    name = clean_host(host)
    for address in host_addresses(name):
        problem = judge(name, address, allow_loopback=allow_loopback, allow_private=allow_private)
        if problem:
            return problem
    if name == "localhost" or name.endswith(".localhost"):
        return None if allow_loopback else f"{name} is a loopback name ({LOOPBACK_HINT})"
    if name in METADATA_NAMES:
        return f"{name} is a cloud metadata host"
    return None


def resolved_problem(
    host: str, address: str, *, allow_loopback: bool, allow_private: bool
) -> str | None:
    """Why a name that resolved to `address` may not be reached, or None."""
    try:
        parsed = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return f"{host} resolves to {address!r}, which is not an address"
    return judge(
        clean_host(host),
        parsed,
        allow_loopback=allow_loopback,
        allow_private=allow_private,
        how="resolves to",
    )


def url_hosts(url: str) -> list[str]:
    """The hosts a URL could mean: what urllib reads (after any `user@`) and what a browser or Scrapy
    reads (a backslash is a slash there: `http://127.0.0.1\\@good.example/` goes to 127.0.0.1)."""
    hosts: list[str] = []
    for text in (url, url.replace("\\", "/")):
        try:
            host = urlsplit(text.strip()).hostname
        except ValueError:
            continue
        if host and clean_host(host) not in hosts:
            hosts.append(clean_host(host))
    return hosts


def url_problem(
    url: str, *, allow_loopback: bool | None = None, allow_private: bool = False
) -> str | None:
    """Why the crawler may not fetch this URL, judged without DNS; None when it may (so far)."""
    loopback = loopback_allowed() if allow_loopback is None else allow_loopback
    scheme = url.strip().split(":", 1)[0].lower() if ":" in url else ""
    if scheme not in ("http", "https"):  # file:, data:, ftp: … would read this machine or elsewhere
        return f"only http and https URLs are fetched, not {scheme + ':' if scheme else repr(url)}"
    hosts = url_hosts(url)
    if not hosts:
        return f"URL has no host: {url!r}"
    for host in hosts:
        problem = host_problem(host, allow_loopback=loopback, allow_private=allow_private)
        if problem:
            return problem
    return None


def host_key(host: str) -> str:
    """What makes two hosts the same site: an address in any form is itself; www.x is x."""
    host = clean_host(host)
    addresses = host_addresses(host)
    return str(addresses[0]) if addresses else host.removeprefix("www.")


def source_host_keys(urls: Iterable[str], follow_hosts: Iterable[str]) -> frozenset[str]:
    """The hosts a source may reach: its URLs' hosts (either side of www.) and its follow_hosts."""
    hosts = [h for url in urls for h in url_hosts(url)[:1]] + list(follow_hosts)
    return frozenset(host_key(h) for h in hosts)


def reaches(host: str, keys: frozenset[str]) -> bool:
    """Whether a source whose host keys are `keys` may ask `host`: one of them, or under a
    follow_hosts wildcard ("*.googleusercontent.com" reaches doc-0k-sheets.googleusercontent.com,
    never googleusercontent.com itself nor evilgoogleusercontent.com)."""
    key = host_key(host)
    return key in keys or any(k.startswith("*.") and key.endswith(k[1:]) for k in keys)


def follow_host_problem(host: str, *, allow_loopback: bool, allow_private: bool) -> str | None:
    """A follow_hosts entry is a bare host name or address, and one the crawler may reach; or
    "*." and a registrable name, for a service whose answers come from varying hosts under it."""
    name = clean_host(host)
    wildcard = name.startswith("*.")
    name = name.removeprefix("*.")
    if not (HOST_NAME.match(name) or (host_addresses(name) and not wildcard)):
        return f"expected a host name such as www.ukri.org (no scheme, port or path), got {host!r}"
    if wildcard and not registrable(name):
        return (
            f"{host!r} would reach every site under a public suffix: name a registrable domain "
            "after '*.' (*.example.gov.uk, *.googleusercontent.com)"
        )
    return host_problem(name, allow_loopback=allow_loopback, allow_private=allow_private)


# Whether the sources read now are about to be fetched: only then is where they point judged.
_FETCHING: ContextVar[bool] = ContextVar("fetching", default=True)


@contextmanager
def not_fetching() -> Iterator[None]:
    """Read sources for a command that fetches none of them (search, export, serve, notify, digest,
    sources status): a loopback or private address is judged by the crawl that would reach it,
    so it cannot stop these. Schemes are still judged: a file: source is wrong everywhere."""
    token = _FETCHING.set(False)
    try:
        yield
    finally:
        _FETCHING.reset(token)


def address_errors(source: Any) -> list[InitErrorDetails]:
    """A Source's URLs and follow_hosts, judged at config time; errors name the field (`urls[0]`).
    Returned, not raised: the entry's other rules are said beside them (config/models.py)."""
    allow = {"allow_loopback": loopback_allowed(), "allow_private": source.allow_private}
    if not _FETCHING.get():
        allow = {"allow_loopback": True, "allow_private": True}
    found = [(("urls", i), url, url_problem(url, **allow)) for i, url in enumerate(source.urls)] + [
        (("follow_hosts", i), host, follow_host_problem(host, **allow))
        for i, host in enumerate(source.follow_hosts)
    ]
    return [
        InitErrorDetails(
            type=PydanticCustomError("address_refused", "{reason}", {"reason": problem}),
            loc=loc,
            input=value,
        )
        for loc, value, problem in found
        if problem
    ]
