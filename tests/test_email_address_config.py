"""A subscription's email address that cannot be one, through the real `fundwatch sources check`
and `fundwatch notify`: refused as a config error naming the file, the entry and the field (exit
2), before anything is routed or sent, so no such address reaches an SMTP envelope or a header.
A line break (header injection: `Bcc: …`) was refused already; a NUL or another control character,
and a domain with an empty label (`b..gov.uk`), passed and went out: the NUL into the envelope and
the To: header as written, the empty label to the server's 553. The curators' address follows the
same rule."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from config.models import EmailTarget, Settings
from tests.crawl_helpers import fundwatch, write_config

BAD = [
    "not-an-address",
    "team@council.gov.uk\nBcc: everyone@evil.example",
    "team@council.gov.uk\r\nBcc: everyone@evil.example",
    "team@council.gov.uk\u2028Bcc: everyone@evil.example",
    "team@council.gov.uk\0",
    "team\x1b@council.gov.uk",
    "team@council.gov.uk\x7f",
    "team@council.gov.uk\x85",
    "team@council..gov.uk",
    "team@.council.gov.uk",
    "team@council.gov.uk.",
]
GOOD = ["team@council.gov.uk", "first.last+funding@sub.council.gov.uk", "tîm@cyngor.cymru"]


@pytest.mark.parametrize("address", [BAD[1], BAD[4], BAD[8]], ids=["newline", "nul", "dots"])
def test_an_address_that_cannot_be_one_stops_check_and_notify(tmp_path, address):
    team = {"id": "team_a", "email": {"to": ["ok@council.gov.uk", address], "cadence": "instant"}}
    config = write_config(tmp_path / "config", [], [team])
    db = tmp_path / "fundwatch.db"
    for command in (["sources", "check"], ["notify"]):
        done = fundwatch(*command, config=config, db=db, timeout=60)
        assert done.returncode == 2, (command, done.stdout, done.stderr)
        (line,) = done.stderr.splitlines()  # one line, whatever the address holds
        assert line.startswith(
            f"config error: {config / 'subscriptions.yaml'}: entry 'team_a' (#1): field "
            "'email.to[1]': an email address such as team@council.gov.uk"
        ), line
    assert not db.exists()  # nothing routed, nothing sent


@pytest.mark.parametrize("address", BAD)
def test_every_such_address_is_refused_for_a_team_and_for_the_curators(address):
    with pytest.raises(ValidationError):
        EmailTarget(to=[address])
    with pytest.raises(ValidationError):
        Settings.model_validate({"curators": {"email": address}})


@pytest.mark.parametrize("address", GOOD)
def test_ordinary_addresses_still_pass(address):
    assert EmailTarget(to=[address]).to == [address]
