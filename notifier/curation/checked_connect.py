"""urllib handlers for the curator tools' fetches (notifier/curation/fetch.py) that connect only
to addresses the crawl's address rules allow (config/addresses.py), judged on the addresses a name
resolves to at the moment of connecting: the socket goes to one of the very addresses judged.
"""

from __future__ import annotations

import http.client
import socket
import urllib.request

from config.addresses import host_addresses, loopback_allowed, resolved_problem
from spiders.failures import Refusal


def _addresses_problem(host: str, infos: list, *, allow_private: bool) -> str | None:
    """Why `host` may not be reached, judged by every address it resolved to; None if it may."""
    for info in infos:
        problem = resolved_problem(
            host, str(info[4][0]), allow_loopback=loopback_allowed(), allow_private=allow_private
        )
        if problem:
            return problem
    return None


class CheckedConnect:
    """Connect to the very addresses that were judged: a name is resolved once, here, every address
    it gives is checked, and the socket goes to one of them. Judging a name and then letting the
    connection look it up again would let a DNS answer that changes in between (rebinding) reach a
    private address."""

    def __init__(self, allow_private: bool):
        self.allow_private = allow_private

    def __call__(self, address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None):  # noqa: ANN001
        host, port = address
        if host_addresses(host):  # an address, not a name: judged with the URL (url_problem)
            return socket.create_connection(address, timeout, source_address)
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
        problem = _addresses_problem(host, infos, allow_private=self.allow_private)
        if problem:
            raise Refusal(f"refused: {problem}")
        error: OSError = OSError(f"no address for {host}")
        for info in infos:
            try:
                return socket.create_connection(info[4][:2], timeout, source_address)
            except OSError as failed:
                error = failed
        raise error


def _checked(connection_class: type, connect: CheckedConnect) -> type:
    class Checked(connection_class):  # type: ignore[misc, valid-type]
        def __init__(self, *args, **kwargs):  # noqa: ANN002, ANN003
            super().__init__(*args, **kwargs)
            self._create_connection = connect  # http.client's hook for opening the socket

    return Checked


class CheckedHTTP(urllib.request.HTTPHandler):
    def __init__(self, connect: CheckedConnect):
        super().__init__()
        self._connection = _checked(http.client.HTTPConnection, connect)

    def http_open(self, req):  # noqa: ANN001
        return self.do_open(self._connection, req)


class CheckedHTTPS(urllib.request.HTTPSHandler):
    def __init__(self, connect: CheckedConnect):
        super().__init__()
        self._connection = _checked(http.client.HTTPSConnection, connect)

    def https_open(self, req):  # noqa: ANN001
        return self.do_open(self._connection, req, context=self._context)
