"""What one SMTP attempt at a digest owes and has been told: the copies to send, who is still owed
which alerts, and the server's answer to each recipient. Pure bookkeeping (mailer.py talks SMTP).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email.message import EmailMessage


@dataclass
class Copy:
    """One rendered message, the outbox rows it carries, and the recipients still owed it."""

    msg: EmailMessage
    outbox_ids: list[int]
    recipients: list[str]


@dataclass
class Tally:
    """What the server said to each recipient of one attempt."""

    accepted: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # for good: (addr, "550 …")
    deferred: list[tuple[str, str]] = field(default_factory=list)  # (addr, "450 …"): try later
    # The copy each deferral was for, in step with `deferred` (to record them if refused after).
    deferred_copies: list[Copy] = field(default_factory=list)

    def refusals(self) -> str:
        return "; ".join(f"{address} ({said})" for address, said in self.refused)

    def still_owed(self, copies: list[Copy], at: tuple[int, int]) -> list[tuple[Copy, str]]:
        """Every (copy, recipient) not yet answered for good once the attempt stopped at
        recipient `at` (copy index, recipient index, that one included), the deferred too."""
        copy_at, rcpt_at = at
        rest = [(copies[copy_at], r) for r in copies[copy_at].recipients[rcpt_at:]]
        rest += [(c, r) for c in copies[copy_at + 1 :] for r in c.recipients]
        deferred = [
            (c, rcpt) for c, (rcpt, _) in zip(self.deferred_copies, self.deferred, strict=True)
        ]
        self.deferred, self.deferred_copies = [], []
        return deferred + rest


def still_owed_by(
    ids: list[int], recipients: list[str], done: dict[str, dict[int, str | None]]
) -> dict[tuple[int, ...], list[str]]:
    """The alerts each recipient is still owed, grouped: usually all of them, for everyone; after
    a deferral, only the deferred recipients are owed anything (those who took a copy, or were
    refused it for good, are done)."""
    found: dict[tuple[int, ...], list[str]] = {}
    for rcpt in recipients:
        missing = tuple(i for i in ids if i not in done.get(rcpt, {}))
        if missing:
            found.setdefault(missing, []).append(rcpt)
    return found
