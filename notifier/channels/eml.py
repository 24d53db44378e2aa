"""The embedded default when SMTP is not configured: digests written as .eml files to a folder.

Any mail client opens them, so a council can try fundwatch without a mail server. Each is written
beside its name and renamed into place (notifier/unfinished_files.py): one whose writer was killed
first is removed by the next run that writes to the folder.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

from config.lazy_pattern import lazy_pattern
from config.models import Subscription
from config.private_files import new_file_mode
from notifier.alerts import Alert, DeliveryResult
from notifier.channels.digest_mail import NO_RECIPIENTS, DigestMail
from notifier.channels.mail_settings import mail_identity
from notifier.channels.outcome import Outcome
from notifier.unfinished_files import remove_abandoned, start_unfinished

_UNSAFE = lazy_pattern(r"[^A-Za-z0-9._@+-]+")


def as_file(msg: EmailMessage) -> bytes:
    """The message as sent mail is (RFC 5322: every line ends CRLF), not Python's default LF."""
    return msg.as_bytes(policy=msg.policy.clone(linesep="\r\n"))


def safe_name_part(text: str) -> str:
    """A piece of a file name: no separators, no leading dot, never empty."""
    return _UNSAFE.sub("_", text).lstrip(".")[:100] or "_"


class EmlChannel(DigestMail):
    """`mail_from` and `contact` as mail_identity gives them; without them, the settings' defaults."""

    def __init__(self, folder: Path, mail_from: str | None = None, contact: str | None = None):
        default_from, default_contact = mail_identity({})
        self.folder = Path(folder)
        self.mail_from = mail_from or default_from
        self.contact = contact or (default_contact if mail_from is None else mail_from)
        self._swept = False  # a killed run's unfinished files: removed once, at the first write

    def deliver(
        self,
        subscription: Subscription,
        alerts: list[Alert],
        now: datetime,
        *,
        cadence: str = "instant",
        coverage: str | None = None,
    ) -> list[DeliveryResult]:
        msg, recipients = self.digest(subscription, alerts, now, cadence, coverage)
        if msg is None:
            return []
        if not recipients:
            return NO_RECIPIENTS.results(alerts)
        stamp = (now if now.tzinfo else now.replace(tzinfo=UTC)).astimezone(UTC)
        prefix = "-".join(
            [
                stamp.strftime("%Y%m%dT%H%M%SZ"),
                safe_name_part(subscription.id),
                safe_name_part(cadence),
            ]
        )
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for rcpt in recipients:
                del msg["To"]
                msg["To"] = rcpt
                self._write(f"{prefix}-{safe_name_part(rcpt)}", as_file(msg))
        except OSError as exc:
            # Not "always ok": a digest that never reached the disk must stay in the outbox.
            error = f"cannot write .eml to {self.folder}: {exc.strerror or exc}"
            return Outcome(ok=False, error=error).results(alerts)
        return Outcome(ok=True).results(alerts)

    def send_message(self, msg: EmailMessage, recipients: list[str]) -> str | None:
        """A message fundwatch writes itself (a notice to curators), as .eml files: None when
        written, else why not."""
        msg["From"] = self.mail_from
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for rcpt in recipients:
                del msg["To"]
                msg["To"] = rcpt
                self._write(
                    f"notice-{safe_name_part(msg['Message-ID'] or 'x')}-{safe_name_part(rcpt)}",
                    as_file(msg),
                )
        except OSError as exc:
            return f"cannot write .eml to {self.folder}: {exc.strerror or exc}"
        return None

    def _write(self, stem: str, data: bytes) -> Path:
        """Write once: the same message again is a no-op, a different one gets a numbered name."""
        n = 1
        while True:
            path = self.folder / (f"{stem}.eml" if n == 1 else f"{stem}-{n}.eml")
            if not path.exists():
                break
            if path.read_bytes() == data:
                return path
            n += 1
        if not self._swept:  # their names are gone with the runs that wrote them
            remove_abandoned(self.folder, None, suffix=".eml")
            self._swept = True
        handle, partial = start_unfinished(self.folder, path.name, sweep=False)
        try:
            with os.fdopen(handle, "wb") as out:
                # mkstemp's 0600 whatever FUNDWATCH_UMASK says: the mode of any file it makes
                os.fchmod(out.fileno(), new_file_mode())
                out.write(data)
            os.replace(partial, path)  # a reader never sees half a message
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        return path
