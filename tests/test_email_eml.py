"""The .eml fallback: one parseable file per recipient, nothing for no alerts, safe file names
that different digests do not overwrite."""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage

from config.models import Subscription
from notifier.channels.eml import EmlChannel
from tests.email_helpers import MAIL_FROM, NOW, TEAM, digest_alerts, parts, subscription


def test_eml_channel_writes_one_parseable_file_per_recipient(tmp_path):
    folder = tmp_path / "data" / "outbox"
    channel = EmlChannel(folder, mail_from=MAIL_FROM)
    results = channel.deliver(subscription(), digest_alerts(), NOW, cadence="daily")
    assert all(r.ok for r in results) and len(results) == 5

    files = sorted(folder.iterdir())
    assert [f.name for f in files] == sorted(
        f"20261125T090000Z-digital_team-daily-{address}.eml" for address in TEAM
    )
    for path in files:
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        text, html = parts(message)
        assert path.name.endswith(f"-{message['To']}.eml")
        assert "Local Digital Fund round 9" in text and "Local Digital Fund round 9" in html
        assert message["Message-ID"] and message["List-Unsubscribe"]

    # A retry of the same digest does not make a second copy.
    channel.deliver(subscription(), digest_alerts(), NOW, cadence="daily")
    assert len(list(folder.iterdir())) == len(TEAM)


def test_eml_channel_writes_nothing_for_no_alerts(tmp_path, capsys):
    folder = tmp_path / "outbox"
    assert EmlChannel(folder).deliver(subscription(), [], NOW, cadence="weekly") == []
    assert not folder.exists()
    assert capsys.readouterr() == ("", "")


def test_eml_file_names_are_safe_and_different_digests_do_not_overwrite(tmp_path, capsys):
    channel = EmlChannel(tmp_path)
    odd = Subscription.model_validate({"id": "odd", "email": {"to": ["../../x/y@evil.example"]}})
    first, second = digest_alerts()[:1], digest_alerts()[1:2]
    channel.deliver(odd, first, NOW, cadence="instant")
    channel.deliver(odd, second, NOW, cadence="instant")  # same second, same recipient
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "20261125T090000Z-odd-instant-_.._x_y@evil.example-2.eml",
        "20261125T090000Z-odd-instant-_.._x_y@evil.example.eml",
    ]
    assert capsys.readouterr() == ("", "")


def test_an_eml_file_is_a_message_in_its_canonical_form(tmp_path):
    """RFC 5322 2.1 (and message/rfc822): every line ends CRLF and none passes 998 octets, so a
    mail client that reads the file as sent mail reads it whole."""
    channel = EmlChannel(tmp_path, mail_from=MAIL_FROM)
    channel.deliver(subscription(), digest_alerts(), NOW, cadence="daily")
    assert channel.send_message(notice(), [TEAM[0]]) is None
    files = sorted(tmp_path.iterdir())
    assert len(files) == len(TEAM) + 1
    for path in files:
        raw = path.read_bytes()
        assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b""), path.name
        assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
        assert not message_from_bytes(raw, policy=policy.default).defects


def notice() -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = "fundwatch: a source is failing"
    msg["Message-ID"] = "<n1@fundwatch.invalid>"
    msg.set_content("ukri is failing:\nHTTP 500 on https://www.ukri.org/opportunity/\n")
    return msg
