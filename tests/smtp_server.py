"""A real SMTP server on 127.0.0.1 for tests (aiosmtpd), recording what it receives.

It can refuse recipients or messages with a chosen reply, answer one recipient with replies in
turn (a greylisting 450, then 250) or hang up on them, leave 8BITMIME out of its EHLO, require
AUTH, answer AUTH with a 535 that echoes what the client sent (as some servers do), and offer
STARTTLS or implicit TLS with a self-signed certificate made at test time.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import socket
import ssl
import threading
from base64 import b64encode
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import MISSING, AuthResult, LoginPassword

HOST = "127.0.0.1"


def free_port() -> int:
    """A port nothing listens on (right now): for servers, and for 'the server is down'."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    content: bytes
    tls: bool  # whether the session was encrypted when the message came in
    mail_options: list[str] = field(default_factory=list)  # MAIL FROM parameters (BODY=8BITMIME)

    def message(self) -> EmailMessage:
        return message_from_bytes(self.content, policy=policy.default)


@dataclass
class Behaviour:
    """How the server answers. A reply is a full SMTP line, e.g. '451 4.3.0 try later'."""

    reject_rcpt: str | None = None  # refuse every recipient (or only those in reject_only)
    reject_only: set[str] = field(default_factory=set)
    reject_data: str | None = None  # refuse the message after DATA
    echo_auth: bool = False  # refuse every login with a 535 that repeats the client's base64
    # address → replies to its RCPT, one a time, then 250 ("450 …" once: greylisting); a reply
    # "DROP" hangs up instead of answering
    rcpt_replies: dict[str, list[str]] = field(default_factory=dict)
    without: set[str] = field(default_factory=set)  # EHLO keywords not offered: {"8BITMIME"}
    # address → replies to DATA for a message to it, one a time, then 250 ("554 …": refused
    # after its RCPT was taken)
    data_replies: dict[str, list[str]] = field(default_factory=dict)
    # replies to MAIL FROM, one a transaction in turn, then 250 ("250" takes the sender; "550 …":
    # the sender refused, after the transactions before it were served)
    mail_replies: list[str] = field(default_factory=list)
    # the copy (1-based, in the order taken) whose 250 waits for `released`: at the server, not
    # yet known to the client (a sender killed then has sent it without knowing)
    hold_at: int = 0
    released: threading.Event = field(default_factory=threading.Event)


class _Handler:
    def __init__(self, behaviour: Behaviour, received: list[Received]):
        self.behaviour = behaviour
        self.received = received

    async def handle_AUTH(self, server, session, envelope, args):
        """With echo_auth: read the whole exchange (AUTH PLAIN's one line, AUTH LOGIN's user and
        password lines) and put it all in the 535 reply. Otherwise aiosmtpd's own AUTH."""
        if not self.behaviour.echo_auth:
            return MISSING
        mechanism, *sent = args
        if mechanism == "LOGIN" or not sent:
            answer = await server.challenge_auth("Password:" if sent else "")
            if answer is MISSING:
                return None  # aiosmtpd has already replied
            sent.append(b64encode(answer).decode())
        return f"535 5.7.8 Authentication failed for AUTH {mechanism} {' '.join(sent)}"

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname  # what aiosmtpd's own EHLO does before the handler's turn
        gone = self.behaviour.without
        return [r for r in responses if r[4:].split(" ")[0].upper() not in gone]

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        turns = self.behaviour.mail_replies
        said = turns.pop(0) if turns else "250"
        if not said.startswith("250"):
            return said
        envelope.mail_from = address  # what aiosmtpd does itself without this hook
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        b = self.behaviour
        turns = b.rcpt_replies.get(address)
        if turns:
            said = turns.pop(0)
            if said != "DROP":
                return said
            server.transport.abort()
            return None
        if b.reject_rcpt and (not b.reject_only or address in b.reject_only):
            return b.reject_rcpt
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.behaviour.reject_data:
            return self.behaviour.reject_data
        for rcpt in envelope.rcpt_tos:
            turns = self.behaviour.data_replies.get(rcpt)
            if turns:
                return turns.pop(0)
        self.received.append(
            Received(
                mail_from=envelope.mail_from,
                rcpt_tos=list(envelope.rcpt_tos),
                content=bytes(envelope.original_content or envelope.content),
                # session.ssl covers STARTTLS; the transport's cipher covers implicit TLS.
                tls=session.ssl is not None or bool(server.transport.get_extra_info("cipher")),
                mail_options=list(envelope.mail_options),
            )
        )
        if len(self.received) == self.behaviour.hold_at:
            await asyncio.get_running_loop().run_in_executor(None, self.behaviour.released.wait)
        return "250 Message accepted for delivery"


class _CountingController(Controller):
    """Counts connections, so a test can prove that none was made."""

    connections = 0

    def factory(self):
        self.connections += 1
        return super().factory()


class SmtpServer:
    """Start with `with SmtpServer(...) as server:`; then server.port, server.received."""

    def __init__(
        self,
        behaviour: Behaviour | None = None,
        *,
        credentials: tuple[str, str] | None = None,
        starttls: ssl.SSLContext | None = None,
        implicit_tls: ssl.SSLContext | None = None,
        auth_mechanisms: tuple[str, ...] = ("LOGIN", "PLAIN"),
    ):
        self.behaviour = behaviour or Behaviour()
        self.received: list[Received] = []
        self.auth_attempts: list[tuple[str, str]] = []  # (mechanism, login): never the password
        self.port = free_port()
        self._credentials = credentials
        kwargs: dict = {"enable_SMTPUTF8": False}
        if credentials:
            kwargs.update(authenticator=self._authenticate, auth_required=True)
            kwargs["auth_require_tls"] = starttls is not None
            kwargs["auth_exclude_mechanism"] = {"LOGIN", "PLAIN"} - set(auth_mechanisms)
        if starttls:
            kwargs.update(tls_context=starttls, require_starttls=True)
        self._controller = _CountingController(
            _Handler(self.behaviour, self.received),
            hostname=HOST,
            port=self.port,
            ssl_context=implicit_tls,
            **kwargs,
        )

    def _authenticate(self, server, session, envelope, mechanism, auth_data):
        login = auth_data.login.decode() if isinstance(auth_data, LoginPassword) else ""
        self.auth_attempts.append((mechanism, login))
        ok = (
            isinstance(auth_data, LoginPassword)
            and (
                login,
                auth_data.password.decode(),
            )
            == self._credentials
        )
        # handled=False: aiosmtpd sends the 535 itself (True would leave the client waiting).
        return AuthResult(success=ok, handled=False)

    @property
    def connections(self) -> int:
        return self._controller.connections

    def __enter__(self) -> SmtpServer:
        self._controller.start()
        self._controller.connections = 0  # start() makes one connection of its own
        return self

    def __exit__(self, *exc) -> None:
        self.behaviour.released.set()  # a held answer must not keep the server from stopping
        self._controller.stop()


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 signed by itself: (cert.pem, key.pem) in folder."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "fundwatch test SMTP")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address(HOST)), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def server_tls_context(cert_path: Path, key_path: Path) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_path, key_path)
    return context
