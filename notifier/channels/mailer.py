"""Email digests over SMTP: one rendered message, one copy per recipient, one connection.

Outcome rules (the digest is one unit, so every alert in it gets the same result):

- every recipient accepted (now, or on an earlier attempt) → ok.
- some accepted, the rest refused permanently (5xx at RCPT, or at DATA: RFC 5321 makes that a
  refusal of the message for good) → ok, with the refused addresses and the server's words in
  `error`: retrying cannot reach them.
- some recipients deferred (4xx, or 552 "too many recipients") → transient failure; the others
  still get their copy now, and each copy accepted is recorded (storage/mail_receipts.py), so
  the retry goes only to those still owed it. Without a repository (a notice to curators) there
  is nothing to record and a retry goes to all.
- the sender refused for good (5xx to MAIL FROM: RFC 5321 makes it a permanent refusal of that
  sender by that server) once some recipients have their copy → ok, and the message fails for
  good for everyone still owed (the deferred too), with the server's words; it was retried to
  them, 12 times. With nobody served, every recipient refused permanently, or the server
  rejected our login → permanent failure.
- anything else (4xx replies to the sender or message, refused or dropped connections, timeouts,
  TLS failures) → transient failure; the recipients accepted before it are not sent it again. A
  server that gave no answer at all is not tried again in the run (unreachable.py).

A TLS certificate that does not verify is transient: the alerts are still good, the fault is in
the server or the network (a lapsed certificate, or someone in the middle), and once an operator
fixes it the retries get through. The password is never sent over an unverified connection, nor
unencrypted to another machine (SMTP_SECURITY=none signs in on loopback only: mail_settings.py).

Every error this channel returns (it becomes outbox.last_error) or logs is scrubbed of the password
in every form a login carries it: raw, URL-encoded, and AUTH PLAIN / LOGIN base64, including what
a server echoes back in its refusal.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime
from email.message import EmailMessage
from typing import TYPE_CHECKING

from config.models import Subscription
from notifier.alerts import Alert, DeliveryResult
from notifier.channels.digest_mail import NO_RECIPIENTS, DigestMail
from notifier.channels.mail_body import for_server
from notifier.channels.mail_settings import (
    DEFAULT_PORTS,
    SECURITY_MODES,
    SmtpSettings,
    address_of,
    mail_identity,
)
from notifier.channels.mail_tally import Copy, Tally, still_owed_by
from notifier.channels.outcome import Outcome
from notifier.channels.smtp_conn import connect, note_if_after_message
from notifier.channels.smtp_failures import failure_text, no_answer
from notifier.channels.smtp_replies import (
    CLOSING,
    deferred_text,
    envelope_address,
    recipient_deferred,
    refusal_hint,
    reply,
)
from notifier.channels.unreachable import UnreachableHosts
from storage.mail_receipts import received, record_receipt

if TYPE_CHECKING:
    from sqlite_utils import Database

__all__ = ["DEFAULT_PORTS", "SECURITY_MODES", "EmailChannel", "SmtpSettings", "mail_identity"]

log = logging.getLogger("fundwatch.email")


class _Refused(Exception):
    """The server would not take the sender or the message, and whether trying again could help."""

    def __init__(self, reason: str, permanent: bool, sender: bool = False):
        super().__init__(reason)
        self.permanent = permanent
        self.sender = sender  # the sender refused (at MAIL FROM), not the message


class EmailChannel(DigestMail):
    def __init__(
        self,
        settings: SmtpSettings,
        db: Database | None = None,
        unreachable: UnreachableHosts | None = None,
    ):
        self.settings = settings
        self.db = db  # where each recipient's answer is recorded; None: nothing to record
        self.mail_from, self.contact = settings.mail_from, settings.contact
        # The run's servers that gave no answer: a stalled one costs the run one timeout.
        self.unreachable = unreachable or UnreachableHosts()
        self.where = f"smtp://{settings.host}:{settings.port}"

    def deliver(
        self,
        subscription: Subscription,
        alerts: list[Alert],
        now: datetime,
        *,
        cadence: str = "instant",
        coverage: str | None = None,
    ) -> list[DeliveryResult]:
        if not alerts:
            return []
        recipients = list(subscription.email.to) if subscription.email else []
        if not recipients:
            return NO_RECIPIENTS.results(alerts)
        skipped = self.unreachable.untried(self.where, Outcome)
        if skipped is not None:
            return skipped.results(alerts)
        ids = [a.outbox_id for a in alerts]
        done = received(self.db, ids, recipients) if self.db is not None else {}
        copies = []
        for owed_ids, owed in still_owed_by(ids, recipients, done).items():
            part = [a for a in alerts if a.outbox_id in owed_ids]
            msg, _ = self.digest(subscription, part, now, cadence, coverage)
            if msg is not None:
                copies.append(Copy(msg, list(owed_ids), owed))
        # From earlier attempts: whether anyone has a copy, and who was refused for good.
        had_it = any(said is None for got in done.values() for said in got.values())
        before = [
            (r, said) for r, got in done.items() for said in dict.fromkeys(got.values()) if said
        ]
        ok, error, permanent = self._attempt(copies, now, had_it=had_it, refused=before)
        if error is not None:
            # Every word that leaves this channel, stored or logged, is scrubbed first.
            error = self.settings.scrub(error)
            log.warning("email for %s: %s", subscription.id, error)
        return Outcome(ok=ok, error=error, permanent=permanent).results(alerts)

    def send_message(self, msg: EmailMessage, recipients: list[str]) -> str | None:
        """A message fundwatch writes itself (a notice to curators): None when sent, else why not
        (scrubbed of credentials, like every error this channel lets out)."""
        msg["From"] = self.settings.mail_from
        ok, error, _ = self._attempt([Copy(msg, [], list(recipients))], None, had_it=False)
        return None if ok else self.settings.scrub(error or "not sent")

    def _attempt(
        self,
        copies: list[Copy],
        now: datetime | None,
        *,
        had_it: bool,
        refused: list[tuple[str, str]] | None = None,
    ) -> tuple[bool, str | None, bool]:
        """(ok, error, permanent) for these copies; the error not yet scrubbed. `had_it`: some
        recipients had a copy from an earlier attempt; `refused`: (address, reply) of those
        refused for good on one."""
        tally = Tally(refused=list(refused or []))
        try:
            if copies:
                self._send(copies, now, tally, had_it=had_it)
        except smtplib.SMTPAuthenticationError as exc:
            return False, f"SMTP login refused: {reply(exc.smtp_code, exc.smtp_error)}", True
        except _Refused as exc:
            return False, str(exc), exc.permanent and not tally.accepted and not had_it
        except Exception as exc:  # noqa: BLE001 - every other failure is worth a retry
            s = self.settings
            said = failure_text(exc, s.host, s.port, s.timeout, s.security)
            if no_answer(exc):  # the run sends nothing more to this server (unreachable.py)
                self.unreachable.note(self.where, said)
            return False, said, False
        if tally.deferred:
            return (
                False,
                deferred_text(tally.deferred, [f"{a} ({said})" for a, said in tally.refused]),
                False,
            )
        refused_text = tally.refusals()
        if refused_text and not tally.accepted and not had_it:
            return False, "all recipients refused: " + refused_text, True
        if refused_text:
            return True, "some recipients refused: " + refused_text, False
        return True, None, False

    def _send(
        self, copies: list[Copy], now: datetime | None, tally: Tally, *, had_it: bool
    ) -> None:
        """Send one copy per recipient over one connection, noting each answer in `tally`, and
        record each accepted copy at once; raise on what is the same for every recipient, save a
        sender refused for good once someone has a copy (`had_it`: from an earlier attempt)."""
        s = self.settings
        envelope_from = address_of(s.mail_from)
        with connect(self.settings) as smtp:
            if s.username:
                smtp.login(s.username, s.password or "")
            smtp.ehlo_or_helo_if_needed()
            utf8 = smtp.has_extn("smtputf8")
            for at, copy in enumerate(copies):
                msg, options = for_server(copy.msg, smtp.has_extn("8bitmime"))
                for n, rcpt in enumerate(copy.recipients):
                    answered = (len(tally.accepted), len(tally.refused))
                    try:
                        self._offer(smtp, copy, msg, rcpt, (envelope_from, options, utf8), tally)
                    except _Refused as refusal:
                        # A sender refused for good is refused to everyone still owed; with
                        # nobody served, the digest fails for good in the server's words.
                        if not (
                            refusal.sender and refusal.permanent and (tally.accepted or had_it)
                        ):
                            raise
                        self._refuse_the_rest(tally, copies, (at, n), str(refusal), now)
                        return
                    self._record(copy, rcpt, now, tally, answered)

    def _offer(self, smtp, copy: Copy, msg, rcpt: str, envelope, tally: Tally) -> None:
        """Offer `rcpt` their copy (`envelope`: sender, MAIL options, SMTPUTF8), tallying what
        the server said; a deferral keeps its copy, should the sender be refused after it."""
        envelope_from, options, utf8 = envelope
        address = envelope_address(rcpt, utf8)
        if address is None:
            needs = "its address needs SMTPUTF8, which the server does not offer"
            tally.refused.append((rcpt, needs))
            return
        del msg["To"]
        msg["To"] = address  # each copy names only its own recipient
        deferred = len(tally.deferred)
        if self._send_one(smtp, msg, envelope_from, address, options, rcpt, tally):
            tally.accepted.append(rcpt)
        if len(tally.deferred) > deferred:
            tally.deferred_copies.append(copy)

    def _refuse_the_rest(
        self, tally: Tally, copies: list[Copy], at: tuple[int, int], said: str, now
    ) -> None:
        """The sender refused for good part way (RFC 5321: a 5xx to MAIL FROM is permanent): every
        recipient still owed, the deferred too, is refused for good in the server's words, and
        recorded so, as each one answered is; no retry offers it to them again."""
        for copy, rcpt in tally.still_owed(copies, at):
            answered = (len(tally.accepted), len(tally.refused))
            tally.refused.append((rcpt, said))
            self._record(copy, rcpt, now, tally, answered)

    def _record(
        self, copy: Copy, rcpt: str, now: datetime | None, tally: Tally, answered: tuple[int, int]
    ) -> None:
        """Keep at once what the server said to `rcpt` for good (`answered`: the tally's counts
        before it was asked): a copy taken, or refused, so no retry sends it again. A deferral
        is kept by keeping nothing."""
        if self.db is None or now is None or not copy.outbox_ids:
            return
        if len(tally.accepted) > answered[0]:
            record_receipt(self.db, copy.outbox_ids, rcpt, now)
        elif len(tally.refused) > answered[1]:
            record_receipt(self.db, copy.outbox_ids, rcpt, now, refused=tally.refused[-1][1])

    @staticmethod
    def _send_one(smtp, msg, envelope_from, address, options, rcpt, tally: Tally) -> bool:
        """One copy to one recipient: True when accepted; a refusal of the recipient is tallied."""
        smtp.message_sent = False
        try:
            smtp.send_message(
                msg, from_addr=envelope_from, to_addrs=[address], mail_options=options
            )
        except smtplib.SMTPServerDisconnected as exc:
            note_if_after_message(smtp, exc)  # it may have landed: the outbox says so
            raise
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = exc.recipients.get(address, (0, b""))
            if code == CLOSING:  # smtplib has hung up: no later recipient can be tried now
                raise _Refused(
                    f"server closed the connection: {reply(code, text)}", False
                ) from None
            if recipient_deferred(code):
                tally.deferred.append((rcpt, reply(code, text)))
            else:
                tally.refused.append((rcpt, reply(code, text)))
            return False
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
            code, text = exc.smtp_code, exc.smtp_error
            what = "sender" if isinstance(exc, smtplib.SMTPSenderRefused) else "message"
            said = f"server refused the {what}: {reply(code, text)}{refusal_hint(code, text)}"
            if what == "message" and 500 <= code < 600:
                # RFC 5321: a 5xx at DATA refuses this message for good, in this recipient's own
                # transaction (it was retried, 12 times, to those still owed). smtplib has reset
                # the transaction, so the recipients after this one are still tried.
                tally.refused.append((rcpt, said))
                return False
            # The sender refused, or a 4xx at DATA: the same for everyone, or for now.
            raise _Refused(said, 500 <= code < 600, sender=what == "sender") from None
        return True
