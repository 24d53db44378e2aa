"""An operator going live whose subscriptions file is missing (misnamed `subscription.yaml`, or
left in another folder than --config names) heard nothing from `notify`: "N event(s) routed into
0 alert(s)", exit 0, and the events were marked routed (walk12). It now says, on stderr, which file
it looked for; a file that is there but lists no team (a curators-only pilot) is a choice, and
says nothing."""

from __future__ import annotations

from tests.crawl_helpers import fundwatch, write_config
from tests.fresh_repository import fresh_repository

FEED = {"id": "council_feed", "kind": "feed", "urls": ["https://www.example.gov.uk/grants.atom"]}


def test_notify_names_the_subscriptions_file_it_did_not_find(tmp_path):
    config = write_config(tmp_path / "config", [FEED])
    (tmp_path / "config" / "subscription.yaml").write_text("[]\n")  # the misnamed file
    fresh_repository(tmp_path / "fw.db").close()  # notify never makes one (deliv15)
    done = fundwatch("notify", config=config, db=tmp_path / "fw.db")
    assert done.returncode == 0, done.stderr
    assert (
        f"warning: no {config / 'subscriptions.yaml'}: alerts go to nobody until council teams "
        "are subscribed there"
    ) in done.stderr, done.stderr


def test_a_subscriptions_file_listing_nobody_is_a_choice(tmp_path):
    config = write_config(tmp_path / "config", [FEED], subscriptions=[])
    fresh_repository(tmp_path / "fw.db").close()
    done = fundwatch("notify", config=config, db=tmp_path / "fw.db")
    assert done.returncode == 0 and "warning" not in done.stderr, done.stderr
