"""The only definition of the schema. Add a new function to change it; never edit an applied one."""

from sqlite_utils import Database, Migrations

migrations = Migrations("fundwatch")


@migrations()
def m001_initial(db: Database) -> None:
    db["opportunities"].create(
        {
            "id": str,
            "title": str,
            "summary": str,
            "funder": str,
            "url": str,
            "opens_at": str,  # ISO 8601 UTC
            "closes_at": str,
            "amount_min": float,  # GBP
            "amount_max": float,
            "amount_text": str,
            "status": str,  # upcoming | open | closed
            "eligibility": str,
            "council_eligible": str,  # yes | no | unclear
            "eligibility_phrase": str,  # the words that decided it
            "tags": str,  # JSON list of tag ids
            "source_ids": str,  # JSON list of the sources it was seen on
            "content_hash": str,
            "version": int,
            "first_seen": str,
            "last_seen": str,
            "last_changed": str,
            "removed_at": str,
        },
        pk="id",
        not_null={"title", "url", "first_seen", "last_seen"},
        defaults={"version": 1, "tags": "[]", "source_ids": "[]"},
    )
    db["opportunities"].create_index(["url"])
    db["opportunities"].create_index(["closes_at"])
    db["opportunities"].enable_fts(
        ["title", "summary", "funder"], fts_version="FTS5", create_triggers=True
    )

    db["listings"].create(
        {
            "id": str,  # hash of (source_id, ref)
            "source_id": str,
            "ref": str,  # the source's own reference, or the canonical URL
            "opportunity_id": str,
            "url": str,
            "title": str,
            "data": str,  # JSON: the normalised item as last seen
            "content_hash": str,
            "first_seen": str,
            "last_seen": str,
            "last_run_id": int,
            "removed_at": str,
        },
        pk="id",
        not_null={"source_id", "ref", "opportunity_id"},
        foreign_keys=[("opportunity_id", "opportunities", "id")],
    )
    db["listings"].create_index(["source_id", "ref"], unique=True)
    db["listings"].create_index(["opportunity_id"])

    db["runs"].create(
        {
            "id": int,
            "batch": str,  # one `fundwatch crawl` invocation
            "source_id": str,
            "started_at": str,
            "finished_at": str,
            "pages": int,
            "not_modified": int,  # responses answered 304
            "items": int,
            "new": int,
            "changed": int,
            "removed": int,
            "errors": int,
            "outcome": str,  # running | ok | failed
            "reason": str,
            "complete": int,  # 1 when every page of the source was read without error
        },
        pk="id",
        defaults={
            "pages": 0,
            "not_modified": 0,
            "items": 0,
            "new": 0,
            "changed": 0,
            "removed": 0,
            "errors": 0,
            "complete": 0,
        },
    )
    db["runs"].create_index(["source_id", "started_at"])

    db["versions"].create(
        {
            "id": int,
            "opportunity_id": str,
            "version": int,
            "changes": str,  # JSON {field: {"before": ..., "after": ...}}
            "source_id": str,
            "run_id": int,
            "recorded_at": str,
        },
        pk="id",
        foreign_keys=[("opportunity_id", "opportunities", "id")],
    )
    db["versions"].create_index(["opportunity_id", "version"], unique=True)

    db["events"].create(
        {
            "id": int,
            "opportunity_id": str,
            "kind": str,  # new | changed | closed | removed | closing_soon
            "changes": str,  # JSON, for `changed`
            "source_id": str,
            "run_id": int,
            "created_at": str,
            "routed_at": str,  # set once routing has written its outbox rows
        },
        pk="id",
        foreign_keys=[("opportunity_id", "opportunities", "id")],
    )
    db["events"].create_index(["routed_at"])
    db["events"].create_index(["opportunity_id"])

    db["outbox"].create(
        {
            "id": int,
            "subscription_id": str,
            "opportunity_id": str,
            "event_id": int,  # null for closing_soon, which the deadline scan creates
            "event_key": str,  # new | changed:<event id> | closed | closing_soon
            "event": str,  # new | changed | closed | closing_soon
            "channel": str,  # slack | email
            "cadence": str,  # instant | daily | weekly
            "status": str,  # pending | sending | sent | failed
            "attempts": int,
            "next_attempt_at": str,
            "last_error": str,
            "created_at": str,
            "claimed_at": str,
            "sent_at": str,
        },
        pk="id",
        defaults={"status": "pending", "attempts": 0},
        foreign_keys=[("opportunity_id", "opportunities", "id")],
    )
    db["outbox"].create_index(
        ["subscription_id", "opportunity_id", "event_key", "channel"], unique=True
    )
    db["outbox"].create_index(["status", "cadence", "next_attempt_at"])

    # The first Slack message about an opportunity in a channel: updates reply in its thread.
    db["slack_threads"].create(
        {"channel": str, "opportunity_id": str, "ts": str, "created_at": str},
        pk=("channel", "opportunity_id"),
    )


@migrations()
def m002_digests(db: Database) -> None:
    # One row per digest sent: "was today's digest already sent?" survives restarts and crashes.
    db["digests"].create(
        {
            "id": int,
            "subscription_id": str,
            "channel": str,  # slack | email
            "cadence": str,  # daily | weekly
            "sent_at": str,  # ISO 8601 UTC
            "alerts": int,  # outbox rows it carried
        },
        pk="id",
        not_null={"subscription_id", "channel", "cadence", "sent_at"},
    )
    db["digests"].create_index(["subscription_id", "channel", "cadence", "sent_at"])


@migrations()
def m003_listing_urls(db: Database) -> None:
    # Cross-source merge looks a sighting's canonical URL up among every source's listings.
    db["listings"].create_index(["url"])


@migrations()
def m004_claim_owners(db: Database) -> None:
    # Which delivery run holds a `sending` row: only a dead owner's claims are ever taken back.
    db["outbox"].add_column("claimed_by", str)
    db["outbox"].create_index(["status", "claimed_by"])


@migrations()
def m005_fund_total(db: Database) -> None:
    # The size of the whole pot ("Total fund £4m"), kept apart from one award's range.
    db["opportunities"].add_column("fund_total", float)


@migrations()
def m006_baselines_and_subscribers(db: Database) -> None:
    # A source's first crawl into a repository others already fill is a baseline: its calls are
    # tracked without being announced one by one.
    db["runs"].add_column("baseline", int, not_null_default=0)
    # When each subscription was first seen: a new one gets a welcome digest, and no digest slot
    # from before it existed is ever "missed".
    db["subscribers"].create({"subscription_id": str, "first_seen": str}, pk="subscription_id")


# The later migrations register themselves on `migrations` (this file would pass 300 lines).
import storage.migrations_later  # noqa: E402, F401
