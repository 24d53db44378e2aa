"""Who email comes from, where unsubscribe requests go, and the SMTP settings from the environment.

- Sender: env MAIL_FROM, else settings.curators.email, else settings.crawl.contact.
- Contact (unsubscribe requests, replies): settings.curators.email, else a crawl.contact the
  curators set, else MAIL_FROM: an address someone reads (a no-reply@ sender may not be).
- SMTP_SECURITY=none (no encryption at all) with a login only for a loopback SMTP_HOST; without
  one (an internal relay on port 25) to any host.
- `SmtpSettings.scrub` takes every form the login could travel in out of a text.
"""

from __future__ import annotations

import ipaddress
from base64 import b64decode, b64encode, urlsafe_b64encode
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.utils import parseaddr
from urllib.parse import quote, quote_plus

from config.lazy_pattern import lazy_pattern
from config.models import Settings

SECURITY_MODES = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
REDACTED = "[redacted]"
# Where nothing else is said: the address config/models.py ships as the crawl contact.
DEFAULT_ADDRESS = Settings().crawl.contact


def address_of(mail_from: str) -> str:
    """The bare address in 'Name <a@b>' or 'a@b'."""
    return parseaddr(mail_from)[1] or mail_from


def _is_address(value: str) -> bool:
    return "@" in address_of(value) and not any(c in value for c in "\r\n")


def mail_identity(env: Mapping[str, str], settings: Settings | None = None) -> tuple[str, str]:
    """(mail_from, contact) for every email fundwatch sends. Never an @localhost default.

    The contact is an address someone reads: curators.email; else crawl.contact when the curators
    set it; else MAIL_FROM; only then the crawl.contact config ships with.
    """
    settings = settings or Settings()
    crawl_contact = settings.crawl.contact.strip()
    crawl_ok = _is_address(crawl_contact)
    chosen = "contact" in settings.crawl.model_fields_set
    mail_from = (env.get("MAIL_FROM") or "").strip()
    if mail_from and not _is_address(mail_from):
        raise ValueError(f"MAIL_FROM must be an email address, got {mail_from!r}")
    contact = (
        settings.curators.email
        or (crawl_contact if crawl_ok and chosen else "")
        or mail_from
        or (crawl_contact if crawl_ok else "")
    )
    if not contact:
        raise ValueError(
            "no address to send email from: set curators.email in config/settings.yaml "
            f"(crawl.contact is {crawl_contact!r}, not an email address) or MAIL_FROM"
        )
    return mail_from or settings.curators.email or contact, contact


def is_loopback(host: str) -> bool:
    """localhost, 127.0.0.0/8 or ::1 (also written [::1], or as ::ffff:127.0.0.1)."""
    name = host.strip().strip("[]").rstrip(".").lower()
    if name == "localhost":
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return address.is_loopback or bool(mapped and mapped.is_loopback)


_BASE64_TOKEN = lazy_pattern(r"[A-Za-z0-9+/_-]{8,}={0,2}")


def _b64(data: bytes) -> list[str]:
    plain = b64encode(data).decode()
    return [plain, plain.rstrip("="), urlsafe_b64encode(data).decode().rstrip("=")]


def _login(env: Mapping[str, str]) -> tuple[str | None, str | None]:
    """(SMTP_USERNAME, SMTP_PASSWORD), both or neither. One without the other was found only at
    send time, after the alerts were claimed: a user alone signed in with an empty password (a
    refused login), a password alone was quietly unused. Named, never quoted (a secret)."""
    username = env.get("SMTP_USERNAME") or None
    password = env.get("SMTP_PASSWORD") or None
    given = {
        name: bool((env.get(name) or "").strip()) for name in ("SMTP_USERNAME", "SMTP_PASSWORD")
    }
    if len(set(given.values())) == 1:  # both, or neither (blank counts as unset)
        return (username, password) if all(given.values()) else (None, None)
    have, lack = sorted(given, key=lambda name: not given[name])
    raise ValueError(
        f"{have} is set but {lack} is not: set both to sign in to SMTP_HOST, or neither for a "
        "server that takes mail without a login"
    )


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    security: str = "starttls"
    mail_from: str = DEFAULT_ADDRESS
    timeout: float = 30.0
    contact: str | None = None  # where unsubscribe requests go; mail_from when not set

    def __post_init__(self) -> None:
        # An unauthenticated relay inside the council's network (port 25, no TLS) is common and
        # has no secret to lose; a login sent in the clear to another machine is refused.
        signs_in = bool(self.username or self.password)
        if self.security == "none" and signs_in and not is_loopback(self.host):
            raise ValueError(
                f"SMTP_SECURITY=none would send SMTP_USERNAME and SMTP_PASSWORD unencrypted, so "
                f"signing in without encryption is only allowed when SMTP_HOST is this machine "
                f"(localhost, 127.0.0.1, ::1); SMTP_HOST is {self.host!r}. Set "
                f"SMTP_SECURITY=starttls (port 587) or SMTP_SECURITY=ssl (port 465), or leave "
                f"SMTP_USERNAME and SMTP_PASSWORD unset for a relay that takes mail without a login."
            )

    @classmethod
    def from_env(
        cls, env: Mapping[str, str], settings: Settings | None = None
    ) -> SmtpSettings | None:
        """The SMTP settings from the environment, or None when SMTP_HOST is not set."""
        host = (env.get("SMTP_HOST") or "").strip()
        if not host:
            return None
        security = (env.get("SMTP_SECURITY") or "starttls").strip().lower()
        if security not in SECURITY_MODES:
            raise ValueError(
                f"SMTP_SECURITY must be one of {', '.join(SECURITY_MODES)}, got {security!r}"
            )
        port_text = (env.get("SMTP_PORT") or "").strip()
        try:
            port = int(port_text) if port_text else DEFAULT_PORTS[security]
        except ValueError:
            raise ValueError(f"SMTP_PORT must be a whole number, got {port_text!r}") from None
        if not 0 < port < 65536:
            raise ValueError(f"SMTP_PORT must be between 1 and 65535, got {port}")
        username, password = _login(env)
        mail_from, contact = mail_identity(env, settings)
        return cls(
            host=host,
            port=port,
            username=username,
            password=password,
            security=security,
            mail_from=mail_from,
            contact=contact,
        )

    def secret_forms(self) -> list[str]:
        """The password as it could travel or be echoed: raw, URL-encoded, and the base64 of
        AUTH PLAIN ("\\0user\\0password") and AUTH LOGIN (user, password); longest first."""
        if not self.password:
            return []
        user, password = self.username or "", self.password
        forms = {password, quote(password, safe=""), quote(password), quote_plus(password)}
        for data in (
            password,
            user,
            f"\0{user}\0{password}",
            f"{user}\0{password}",
            f"{user}:{password}",
        ):
            if data:
                forms.update(_b64(data.encode()))
        return sorted((f for f in forms if len(f) >= 4), key=len, reverse=True)

    def _decodes_to_secret(self, token: str) -> bool:
        """A base64 word whose bytes hold the password (a server's echo of AUTH PLAIN or LOGIN,
        whatever its padding), or a NUL (the shape of AUTH PLAIN, even cut short)."""
        text = token.rstrip("=").replace("-", "+").replace("_", "/")
        text = text[: len(text) - len(text) % 4] if len(text) % 4 == 1 else text
        try:
            data = b64decode(text + "=" * (-len(text) % 4))
        except ValueError:
            return False
        password = (self.password or "").encode()
        return b"\0" in data or bool(password and password in data)

    def scrub(self, text: str) -> str:
        """`text` without the password in any form the login could put it in."""
        if not self.password:
            return text
        # Whole base64 words first: a literal form found inside one would leave the rest behind.
        text = _BASE64_TOKEN.sub(
            lambda m: REDACTED if self._decodes_to_secret(m.group()) else m.group(), text
        )
        for form in self.secret_forms():
            text = text.replace(form, REDACTED)
        return text
