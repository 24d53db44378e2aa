"""SIGKILL `fundwatch digest` mid-send of a digest whose changes fold (notifier/change_merge.fold:
a call changed twice is one entry from its first before to its last after; a change undone is no
entry, its rows marked sent with a note), then run it again to its end.

The SMTP server (aiosmtpd) holds its answer to the second recipient's copy, already taken: the run
is killed while it waits. The copy in flight may go again; every recipient has the folded
digest (the combined change, never its steps, never the undone call), nobody a third copy, and
every row, folded or silent, is sent.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from email import message_from_bytes, policy

import pytest

from config.clock import iso
from tests.crawl_helpers import write_config
from tests.notify_helpers import NOW, add_event, add_opportunity, add_outbox_row, outbox, repository
from tests.reliability.kill_sweep import assert_sound, finish, kill_when, start
from tests.smtp_server import HOST, Behaviour, SmtpServer

pytestmark = pytest.mark.slow

TO = ["one@example.gov.uk", "two@example.gov.uk", "three@example.gov.uk"]
JAN_12, JAN_19, JAN_26 = (f"2027-01-{day}T23:59:00+00:00" for day in (12, 19, 26))
STEPS = {
    "moved-twice": [(JAN_12, JAN_19), (JAN_19, JAN_26)],  # one entry: 12 Jan → 26 Jan
    "moved-back": [(JAN_12, JAN_19), (JAN_19, JAN_12)],  # no entry at all
}


def waiting(tmp_path):
    team = {"id": "team_d", "events": ["new", "changed"], "email": {"to": TO, "cadence": "daily"}}
    config = write_config(tmp_path / "config", [], [team])
    db = repository(tmp_path)
    queued = NOW - timedelta(hours=20)
    for call, steps in STEPS.items():
        add_opportunity(db, call, title=f"Folded fund {call}", closes_at=steps[-1][1])
        for hour, step in enumerate(steps):
            changes = {"closes_at": list(step)}
            event = add_event(db, call, "changed", changes=changes, created_at=queued)
            add_outbox_row(
                db,
                call,
                subscription_id="team_d",
                channel="email",
                cadence="daily",
                event="changed",
                event_id=event,
                created_at=queued + timedelta(hours=hour),
            )
    add_opportunity(db, "brand-new", title="Folded fund brand-new")
    add_outbox_row(
        db, "brand-new", subscription_id="team_d", channel="email", cadence="daily",
        created_at=queued,
    )  # fmt: skip
    db.close()
    return config, tmp_path / "fundwatch.db"


def readable(raw: bytes) -> str:
    """Every text part of a mail, decoded (quoted-printable breaks a line anywhere)."""
    mail = message_from_bytes(raw, policy=policy.default)
    return "\n".join(p.get_content() for p in mail.walk() if p.get_content_maintype() == "text")


def test_a_folded_digest_killed_mid_send_then_run_again_is_whole_for_everyone(tmp_path):
    config, db_path = waiting(tmp_path)
    with SmtpServer(Behaviour(hold_at=2)) as server:
        received = server.received
        env = {
            "FUNDWATCH_NOW": iso(NOW),
            "SMTP_HOST": HOST,
            "SMTP_PORT": str(server.port),
            "SMTP_SECURITY": "none",
            "MAIL_FROM": "fundwatch@example.gov.uk",
        }
        command = ("digest", "--cadence", "daily", "--force")
        digest = start(*command, config=config, db=db_path, env=env)
        kill_when(digest, lambda: len(received) >= 2, "the second copy reached the server")
        server.behaviour.released.set()
        code, out = finish(*command, config=config, db=db_path, env=env)
        mails = list(received)
    assert code == 0, out
    assert "Traceback" not in out, out
    copies = Counter(rcpt for mail in mails for rcpt in mail.rcpt_tos)
    held = set(mails[1].rcpt_tos)
    assert set(copies) == set(TO), (copies, out)  # nobody missed the digest
    assert all(n == 1 or (rcpt in held and n == 2) for rcpt, n in copies.items()), copies
    for mail in mails:
        text = readable(mail.content)
        assert "Folded fund moved-twice" in text and "Folded fund brand-new" in text, text
        assert "12 Jan 2027, 11:59pm → 26 Jan 2027" in text, text  # the change, whole
        assert "19 Jan" not in text, "a step of the change, not the change"
        assert "moved-back" not in text, "a change undone was in the digest"
    db = repository(tmp_path)
    assert Counter(r["status"] for r in outbox(db)) == {"sent": 5}
    db.close()
    assert_sound(db_path)
