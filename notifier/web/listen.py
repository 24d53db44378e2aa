"""The socket `fundwatch serve` listens on, bound before it says where it serves, so a port in use
or an address not on this machine is one line and exit 1, not an announcement followed by
uvicorn's "ERROR: [Errno 98]" and exit 3."""

from __future__ import annotations

import errno
import socket

WHY = {
    errno.EADDRINUSE: "the port is in use by another program: choose another with --port",
    errno.EADDRNOTAVAIL: "that address is not one of this machine's: check --host",
    errno.EACCES: "permission denied (ports below 1024 need privileges): choose another with --port",
}


class CannotListen(Exception):
    """The address cannot be listened on: the reason is for the person."""


def url_host(host: str) -> str:
    """The host as a URL writes it: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host else host


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to (host, port), ready for the web server to listen on."""
    where = f"{url_host(host)}:{port}"
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        raise CannotListen(f"cannot listen on {where}: unknown host ({error.strerror})") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    # As uvicorn does: a restart may listen again while the last one's connections wind down.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as error:
        sock.close()
        reason = WHY.get(error.errno, error.strerror or str(error))
        raise CannotListen(f"cannot listen on {where}: {reason}") from None
    return sock
