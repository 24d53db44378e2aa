"""An SMTP server on loopback that fails on purpose, at a chosen point of the conversation: it hangs
up right after its greeting, after the recipient, or in the middle of the message (before any
250 for it, so nothing was accepted), or greets with a 421 "try later", or never says a word
("silent": a stalled server, which the client waits out to its timeout), or reads a whole message
to its final "." and hangs up before its reply ("after_data": the message may have landed, and the
client cannot tell), after taking `accept_first` messages well. A real server (aiosmtpd,
tests/smtp_server.py) cannot be told to drop a connection; this one speaks just enough SMTP.
"""

from __future__ import annotations

import socketserver

from tests.reliability.serving import Serving
from tests.smtp_server import HOST

DROP_POINTS = ("greeting", "rcpt", "data", "after_data")


class FaultySmtp(Serving):
    def __init__(self, fail_at: str, accept_first: int = 0) -> None:
        if fail_at not in (*DROP_POINTS, "421", "silent"):
            raise ValueError(f"fail_at must be one of {DROP_POINTS}, '421' or 'silent'")
        self.fail_at = fail_at
        self.accept_first = accept_first  # after_data: messages taken well before the hang-up
        self.connections = 0
        self.accepted = 0  # messages it said 250 to (only the first `accept_first`)
        self.landed: list[bytes] = []  # every message read to its end, the one hung up on too
        server = self

        class Session(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                server.connections += 1
                server.converse(self)

        self._server = socketserver.ThreadingTCPServer((HOST, 0), Session)
        self._server.daemon_threads = True

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    def converse(self, session: socketserver.StreamRequestHandler) -> None:
        def say(line: str) -> None:
            session.wfile.write(line.encode() + b"\r\n")
            session.wfile.flush()

        if self.fail_at == "silent":
            session.rfile.read(1)  # until the client gives up and closes
            return
        if self.fail_at == "421":
            say("421 4.3.2 Service not available, closing transmission channel")
            return
        say("220 faulty.example ESMTP")
        if self.fail_at == "greeting":
            return
        for raw in session.rfile:
            verb = raw.decode("latin-1").strip().split(" ")[0].upper()
            if verb in ("EHLO", "HELO"):
                say("250 faulty.example")
            elif verb == "MAIL":
                say("250 OK")
            elif verb == "RCPT":
                if self.fail_at == "rcpt":
                    return  # hang up instead of answering
                say("250 OK")
            elif verb == "DATA" and self.fail_at == "after_data":
                say("354 End data with <CR><LF>.<CR><LF>")
                self.landed.append(self._whole_message(session))
                if self.accepted >= self.accept_first:
                    return  # the whole message read, and no reply to it
                self.accepted += 1
                say("250 OK queued")
            elif verb == "DATA":
                say("354 End data with <CR><LF>.<CR><LF>")
                for line in session.rfile:  # read half the message, then hang up
                    if line.startswith(b"Subject:"):
                        return
                return
            elif verb == "QUIT":
                say("221 Bye")
                return
            else:
                say("250 OK")

    @staticmethod
    def _whole_message(session: socketserver.StreamRequestHandler) -> bytes:
        """The message's lines up to the lone "." that ends it (dot-stuffing undone)."""
        lines = []
        for line in session.rfile:
            if line in (b".\r\n", b".\n"):
                break
            lines.append(line[1:] if line.startswith(b"..") else line)
        return b"".join(lines)
