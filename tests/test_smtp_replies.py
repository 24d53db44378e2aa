"""What SMTP replies mean for a digest (notifier/channels/smtp_replies.py): pure, table-driven."""

from __future__ import annotations

import pytest

from notifier.channels.smtp_replies import (
    deferred_text,
    envelope_address,
    recipient_deferred,
    refusal_hint,
)


@pytest.mark.parametrize(
    ("code", "deferred"),
    [(450, True), (451, True), (452, True), (421, True), (0, True), (552, True)]
    + [(550, False), (551, False), (553, False), (554, False)],
)
def test_which_recipient_refusals_are_worth_a_retry(code, deferred):
    assert recipient_deferred(code) is deferred


@pytest.mark.parametrize(
    ("code", "text", "hint"),
    [
        (530, b"5.7.0 Must issue a STARTTLS command first", "set SMTP_SECURITY=starttls"),
        (530, b"5.7.0 Authentication required", "set SMTP_USERNAME and SMTP_PASSWORD"),
        (552, b"5.3.4 Message size exceeds fixed limit", "larger than the server takes"),
        (554, b"5.3.4 message size too big", "larger than the server takes"),
        (554, b"5.7.1 Message rejected as spam", ""),
        (451, b"4.3.0 size check unavailable", ""),
    ],
)
def test_a_refusal_settings_can_cure_says_which(code, text, hint):
    said = refusal_hint(code, text)
    assert (hint in said) if hint else said == ""


@pytest.mark.parametrize(
    ("address", "smtputf8", "envelope"),
    [
        ("digital@council.example", False, "digital@council.example"),
        ("Digital Team <digital@council.example>", False, "digital@council.example"),
        ("cto@bücher.example", False, "cto@xn--bcher-kva.example"),
        ("cto@bücher.example", True, "cto@bücher.example"),
        ("zoë@council.example", False, None),
        ("zoë@council.example", True, "zoë@council.example"),
    ],
)
def test_the_envelope_is_ascii_unless_the_server_offers_smtputf8(address, smtputf8, envelope):
    assert envelope_address(address, smtputf8) == envelope


def test_one_reply_to_every_deferred_recipient_is_said_once():
    same = deferred_text([("a@x.example", "451 busy"), ("b@x.example", "451 busy")], [])
    mixed = deferred_text([("a@x.example", "450 grey")], ["c@x.example (550 no)"])
    assert same == "2 recipients deferred: 451 busy; will retry, only to them"
    assert mixed == (
        "a@x.example deferred: 450 grey; will retry, only to them; "
        "refused for good: c@x.example (550 no)"
    )
