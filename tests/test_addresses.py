"""The address rule, table-driven (config/addresses.py): every literal and encoded form of a host,
with and without FUNDWATCH_ALLOW_LOOPBACK=1 and allow_private, and the errors config loading gives."""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path

import pytest
import yaml
from scrapy import Request

from config.addresses import (
    host_addresses,
    reaches,
    resolved_problem,
    source_host_keys,
    url_problem,
)
from config.errors import ConfigError
from config.loader import load_sources

LOOPBACK = "loopback"
PRIVATE = "a private address (set allow_private: true on the source to allow it)"

# (url, what refuses it without FUNDWATCH_ALLOW_LOOPBACK): all of these reach this machine.
LOOPBACK_FORMS = [
    ("http://127.0.0.1/", "127.0.0.1 is a loopback address"),
    ("http://127.0.0.2:8080/feed", "127.0.0.2 is a loopback address"),
    ("http://[::1]/", "::1 is a loopback address"),
    ("http://[0000:0000:0000:0000:0000:0000:0000:0001]/", "is ::1, a loopback address"),
    ("http://0x7f000001/", "0x7f000001 is 127.0.0.1, a loopback address"),
    ("http://2130706433/", "2130706433 is 127.0.0.1, a loopback address"),
    ("http://0177.0.0.1/", "0177.0.0.1 is 127.0.0.1, a loopback address"),
    ("http://127.1/", "127.1 is 127.0.0.1, a loopback address"),
    ("http://0x7f.1/", "0x7f.1 is 127.0.0.1"),
    ("http://127.000.000.001/", "127.000.000.001 is 127.0.0.1"),
    ("http://0127.0.0.1/", "0127.0.0.1 is 127.0.0.1"),  # octal: 87.0.0.1; decimal: loopback
    ("http://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1 is 127.0.0.1, a loopback address"),
    ("http://[0:0:0:0:0:ffff:7f00:1]/", "is 127.0.0.1, a loopback address"),
    ("http://[2002:7f00:1::]/", "is 127.0.0.1, a loopback address"),  # 6to4
    ("http://trusted.example@127.0.0.1/", "127.0.0.1 is a loopback address"),
    ("http://trusted.example:secret@127.0.0.1:8080/", "127.0.0.1 is a loopback address"),
    ("http://127.0.0.1\\@trusted.example/", "127.0.0.1 is a loopback address"),  # \ is / to Scrapy
    ("http://127.0.0.1./", "127.0.0.1 is a loopback address"),
    ("http://１２７.０.０.１/", "127.0.0.1 is a loopback address"),  # full-width digits
    ("http://127%2E0%2E0%2E1/", "127.0.0.1 is a loopback address"),
    ("http://localhost:8000/", "localhost is a loopback name"),
    ("http://LOCALHOST./", "localhost is a loopback name"),
    ("http://api.localhost/", "api.localhost is a loopback name"),
]

PRIVATE_FORMS = [
    ("http://10.0.0.5/feed", f"10.0.0.5 is {PRIVATE}"),
    ("http://172.16.3.4/", f"172.16.3.4 is {PRIVATE}"),
    ("http://192.168.1.1/", f"192.168.1.1 is {PRIVATE}"),
    ("http://100.64.0.1/", f"100.64.0.1 is {PRIVATE}"),  # shared address space (CGNAT)
    ("http://[fd12:3456::1]/", f"fd12:3456::1 is {PRIVATE}"),  # unique local
    ("http://0xa000005/", f"0xa000005 is 10.0.0.5, {PRIVATE}"),
    ("http://167772165/", f"167772165 is 10.0.0.5, {PRIVATE}"),
    ("http://010.0.0.5/", f"010.0.0.5 is 10.0.0.5, {PRIVATE}"),  # octal: 8.0.0.5; decimal: private
    ("http://[::ffff:10.0.0.5]/", f"::ffff:10.0.0.5 is 10.0.0.5, {PRIVATE}"),
    ("http://public.example@192.168.0.1/", f"192.168.0.1 is {PRIVATE}"),
]

# Never allowed, whatever the environment or the source says.
NEVER = [
    ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a cloud metadata address"),
    ("http://0xa9fea9fe/", "0xa9fea9fe is 169.254.169.254, a cloud metadata address"),
    ("http://[fd00:ec2::254]/", "fd00:ec2::254 is a cloud metadata address"),
    ("http://[::ffff:169.254.169.254]/", "is 169.254.169.254, a cloud metadata address"),
    ("http://metadata.google.internal/computeMetadata/v1/", "is a cloud metadata host"),
    ("http://169.254.1.1/", "169.254.1.1 is a link-local address"),
    ("http://[fe80::1]/", "fe80::1 is a link-local address"),
    ("http://[fe80::1%25eth0]/", "is a link-local address"),
    ("http://224.0.0.1/", "224.0.0.1 is a multicast address"),
    ("http://[ff02::1]/", "ff02::1 is a multicast address"),
    ("http://0.0.0.0/", "0.0.0.0 is the unspecified address"),
    ("http://0/", "0 is 0.0.0.0, the unspecified address"),
    ("http://[::]/", ":: is the unspecified address"),
    ("http://240.0.0.1/", "240.0.0.1 is a reserved address"),
    ("http://255.255.255.255/", "255.255.255.255 is a reserved address"),
    ("http://192.0.2.10/", "192.0.2.10 is not a public address"),  # documentation range
]

PUBLIC = [
    "https://www.ukri.org/opportunity/",
    "http://8.8.8.8/",
    "http://134744072/",  # 8.8.8.8
    "http://[2001:4860:4860::8888]/",
    "http://127.0.0.1.example.org@8.8.8.8/",
    "http://localhost.example.org/",  # an ordinary name: judged after resolution, at request time
    "http://1.2.3.4.5/",  # not an address in any reading: a name, which will not resolve
]


def ids(cases):
    return [case[0] if isinstance(case, tuple) else case for case in cases]


@pytest.mark.parametrize("url,reason", LOOPBACK_FORMS, ids=ids(LOOPBACK_FORMS))
def test_loopback_in_every_form_needs_the_environment(url, reason):
    problem = url_problem(url, allow_loopback=False, allow_private=True)
    assert problem is not None and reason in problem, problem
    assert problem.endswith("(allowed only when FUNDWATCH_ALLOW_LOOPBACK=1)")
    assert url_problem(url, allow_loopback=True, allow_private=False) is None


@pytest.mark.parametrize("url,reason", PRIVATE_FORMS, ids=ids(PRIVATE_FORMS))
def test_private_ranges_need_the_source_to_say_so(url, reason):
    problem = url_problem(url, allow_loopback=True, allow_private=False)
    assert problem is not None and reason in problem, problem
    assert url_problem(url, allow_loopback=False, allow_private=True) is None


@pytest.mark.parametrize("url,reason", NEVER, ids=ids(NEVER))
def test_metadata_link_local_multicast_reserved_and_unspecified_are_never_reached(url, reason):
    for loopback in (False, True):
        for private in (False, True):
            problem = url_problem(url, allow_loopback=loopback, allow_private=private)
            assert problem is not None and reason in problem, problem


@pytest.mark.parametrize("url", PUBLIC)
def test_public_addresses_and_names_pass_as_written(url):
    assert url_problem(url, allow_loopback=False, allow_private=False) is None


def test_an_ipv4_address_inside_a_nat64_one_is_judged_too():
    problem = url_problem("http://[64:ff9b::7f00:1]/", allow_loopback=False, allow_private=True)
    assert problem == (
        "64:ff9b::7f00:1 is 127.0.0.1, a loopback address (allowed only when "
        "FUNDWATCH_ALLOW_LOOPBACK=1)"
    )


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "FILE://localhost/etc/passwd", "data:text/html,hi", "ftp://a.example/"],
)
def test_only_http_and_https_urls_are_fetched(url):
    problem = url_problem(url, allow_loopback=True, allow_private=True)
    assert problem is not None and problem.startswith("only http and https URLs are fetched, not ")


def test_the_environment_is_read_when_not_given(monkeypatch):
    monkeypatch.delenv("FUNDWATCH_ALLOW_LOOPBACK", raising=False)
    assert url_problem("http://127.0.0.1/") is not None
    monkeypatch.setenv("FUNDWATCH_ALLOW_LOOPBACK", "0")
    assert url_problem("http://127.0.0.1/") is not None
    monkeypatch.setenv("FUNDWATCH_ALLOW_LOOPBACK", "1")
    assert url_problem("http://127.0.0.1/") is None


NUMERIC_HOSTS = ["2130706433", "0x7f000001", "0177.0.0.1", "127.1", "0x7f.1", "127.000.000.001"]
NUMERIC_HOSTS += ["010.0.0.5", "0", "134744072", "0xa9fea9fe", "1.0x2.3", "192.168.257"]


@pytest.mark.parametrize("host", NUMERIC_HOSTS)
def test_numeric_hosts_are_read_as_the_resolver_reads_them(host):
    """Scrapy and w3lib keep such a host as written and the resolver (inet_aton) reads it as an
    address, so the first reading is the one the crawl would connect to."""
    assert Request(f"http://{host}/").url == f"http://{host}/"
    assert host_addresses(host)[0] == ipaddress.IPv4Address(socket.inet_aton(host))


def test_a_zero_padded_host_is_judged_in_both_readings():
    assert [str(a) for a in host_addresses("010.0.0.5")] == ["8.0.0.5", "10.0.0.5"]
    assert host_addresses("www.example.org") == host_addresses("1.2.3.4.5") == []


def test_a_resolved_name_is_judged_by_its_address():
    judged = {"allow_loopback": False, "allow_private": False}
    assert resolved_problem("intranet.example", "10.0.0.5", **judged) == (
        f"intranet.example resolves to 10.0.0.5, {PRIVATE}"
    )
    assert "resolves to 127.0.0.1, a loopback address" in resolved_problem(
        "rebind.example", "127.0.0.1", **judged
    )
    assert resolved_problem("www.ukri.org", "104.18.1.1", **judged) is None


SAME_SITE = [
    # (source URL, follow_hosts, host asked for, allowed?)
    ("https://www.ukri.org/opportunity/", [], "www.ukri.org", True),
    ("https://www.ukri.org/opportunity/", [], "ukri.org", True),  # either side of www.
    ("https://ukri.org/", [], "WWW.UKRI.ORG.", True),
    ("https://www.ukri.org/", [], "apply.ukri.org", False),  # a subdomain is another host
    ("https://www.ukri.org/", ["apply.ukri.org"], "apply.ukri.org", True),
    ("https://www.ukri.org/", [], "ukri.org.evil.example", False),
    ("http://127.0.0.1:8000/", [], "2130706433", True),  # the same address, written otherwise
    ("http://127.0.0.1:8000/", [], "127.0.0.2", False),
    ("http://127.0.0.1:8000/", ["127.0.0.2"], "127.0.0.2", True),
    ("http://trusted.example@127.0.0.1/", [], "trusted.example", False),
    (
        "https://www.ukri.org/",
        ["bücher.example"],
        "xn--bcher-kva.example",
        True,
    ),  # as Scrapy sends it
    # "*.x": every host under x, for a service that answers from a varying host (a published Google
    # Sheet redirects to doc-0k-2s-sheets.googleusercontent.com, its prefix changing).
    (
        "https://docs.google.com/",
        ["*.googleusercontent.com"],
        "doc-0k-sheets.googleusercontent.com",
        True,
    ),
    ("https://docs.google.com/", ["*.googleusercontent.com"], "googleusercontent.com", False),
    ("https://docs.google.com/", ["*.googleusercontent.com"], "evilgoogleusercontent.com", False),
    (
        "https://docs.google.com/",
        ["*.googleusercontent.com"],
        "x.googleusercontent.com.evil.example",
        False,
    ),
]


@pytest.mark.parametrize("url,follow,host,allowed", SAME_SITE)
def test_a_source_reaches_its_own_hosts_and_its_follow_hosts_only(url, follow, host, allowed):
    assert reaches(host, source_host_keys([url], follow)) is allowed


# --- at config time: errors name the file, the entry and the field ----------------------------

GOOD_SOURCE = {"id": "council_grants", "kind": "feed", "urls": ["https://grants.example.org/feed"]}


def problems_for(folder: Path, change: dict) -> list[str]:
    (folder / "tags.yaml").write_text(yaml.safe_dump({"net_zero": {"any": ["net zero"]}}))
    (folder / "sources.yaml").write_text(yaml.safe_dump([{**GOOD_SOURCE, **change}]))
    try:
        load_sources(folder)
    except ConfigError as error:
        return error.problems
    return []


CONFIG_CASES = [
    # (env FUNDWATCH_ALLOW_LOOPBACK, entry change, expected problem fragments ([] = loads))
    ("", {"urls": ["http://127.0.0.1:8000/feed"]}, ["field 'urls[0]'", "127.0.0.1 is a loopback"]),
    ("1", {"urls": ["http://127.0.0.1:8000/feed"]}, []),
    ("", {"urls": ["https://a.example/", "http://0x7f000001/"]}, ["field 'urls[1]'", "0x7f000001"]),
    ("1", {"urls": ["http://10.0.0.5/feed"]}, ["field 'urls[0]'", PRIVATE]),
    ("", {"urls": ["http://10.0.0.5/feed"], "allow_private": True}, []),
    ("1", {"urls": ["http://169.254.169.254/"], "allow_private": True}, ["metadata address"]),
    # A login in a source's URL is refused for itself now, before where it leads is judged.
    ("", {"urls": ["http://user@localhost/feed"]}, ["field 'urls[0]'", "a URL with a user name"]),
    (
        "",
        {"follow_hosts": ["https://apply.example.org/"]},
        ["field 'follow_hosts[0]'", "host name"],
    ),
    ("", {"follow_hosts": ["apply.example.org", "192.168.0.1"]}, ["'follow_hosts[1]'", PRIVATE]),
    ("", {"follow_hosts": ["apply.example.org", "www.example.org"]}, []),
    ("", {"follow_hosts": ["*.googleusercontent.com"]}, []),
    # A wildcard over a public suffix would be every site there.
    (
        "",
        {"follow_hosts": ["*.gov.uk"]},
        ["'follow_hosts[0]'", "public suffix", "*.example.gov.uk"],
    ),
    ("", {"follow_hosts": ["*.com"]}, ["'follow_hosts[0]'", "public suffix"]),
    ("", {"follow_hosts": ["*.*.example.org"]}, ["'follow_hosts[0]'", "host name"]),
]


@pytest.mark.parametrize("env,change,fragments", CONFIG_CASES)
def test_config_refuses_addresses_naming_file_entry_and_field(
    tmp_path, monkeypatch, env, change, fragments
):
    monkeypatch.setenv("FUNDWATCH_ALLOW_LOOPBACK", env)
    problems = problems_for(tmp_path, change)
    if not fragments:
        assert problems == []
        return
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{tmp_path / 'sources.yaml'}: entry 'council_grants' (#1): ")
    for fragment in fragments:
        assert fragment in problems[0], problems[0]


def test_config_never_resolves_names(tmp_path, monkeypatch):
    def no_dns(*args, **kwargs):
        raise AssertionError("config loading must not resolve names")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    monkeypatch.setattr(socket, "gethostbyname", no_dns)
    assert problems_for(tmp_path, {"urls": ["https://intranet.example/feed"]}) == []
