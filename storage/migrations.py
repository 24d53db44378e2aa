"""The only definition of the schema. Add a new function to change it; never edit an applied one."""

from sqlite_utils import Database, Migrations

from storage.fund_rounds import fund_round
from storage.same_call import title_key, title_lead

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


@migrations()
def m007_source_health(db: Database) -> None:
    # How many of a run's items had each field: a selector that stops matching shows as a fall.
    db["runs"].add_column("fill", str)  # JSON {field: items that had it}
    # Each source's health as curators were last told it; reminders and acknowledgements hang off it.
    db["source_health"].create(
        {
            "source_id": str,
            "state": str,  # ok | failing
            "since": str,
            "reason": str,
            "acked_at": str,  # reminders silenced until the state changes
            "told_at": str,  # the last time curators were told (a change or a reminder)
        },
        pk="source_id",
    )
    # What curators are to be told, sent like alerts: claim → send → mark, nothing lost.
    db["curator_notices"].create(
        {
            "id": int,
            "source_id": str,
            "kind": str,  # failing | recovered | reminder
            "channel": str,  # slack | email | log: one row per way curators are told
            "text": str,
            "status": str,  # pending | sending | sent | failed
            "attempts": int,
            "next_attempt_at": str,
            "last_error": str,
            "created_at": str,
            "claimed_by": str,
            "sent_at": str,
        },
        pk="id",
        defaults={"status": "pending", "attempts": 0},
    )
    db["curator_notices"].create_index(["status", "next_attempt_at"])


@migrations()
def m008_title_keys(db: Database) -> None:
    # Cross-source merge candidates by index, not by reading every live title (see same_call.py).
    db["opportunities"].add_column("title_key", str)
    db["opportunities"].add_column("title_lead", str)
    rows = db.execute("SELECT id, title FROM opportunities").fetchall()
    db.conn.executemany(
        "UPDATE opportunities SET title_key = ?, title_lead = ? WHERE id = ?",
        [(title_key(title), title_lead(title), opportunity_id) for opportunity_id, title in rows],
    )
    db["opportunities"].create_index(["title_key"])
    db["opportunities"].create_index(["title_lead", "closes_at"])
    # A hash of everything a listing stores (tags and verdict included): the same hash again means
    # there is nothing to write at all.
    db["listings"].add_column("data_hash", str)


@migrations()
def m009_index_new_opportunities_in_bulk(db: Database) -> None:
    # A per-row trigger made each new opportunity cost ~37 µs, the full-text part ~27 µs of it;
    # storage/record.py now indexes a page's new opportunities with one INSERT … SELECT (~5 µs a row).
    # Updates and deletes keep their triggers.
    db.execute('DROP TRIGGER IF EXISTS "opportunities_ai"')


@migrations()
def m010_browse_indexes(db: Database) -> None:
    # `fundwatch serve` counts and filters live calls by these narrow columns on every page: one
    # covering index holds them all, so a facet reads a few MB of index, not every wide row
    # (benchmarks/serve_at_scale.py). Not last_seen: an unchanged sighting never touches it.
    browse = ["removed_at", "status", "closes_at", "council_eligible", "funder", "tags"]
    browse += ["source_ids", "first_seen", "last_changed", "version"]
    db["opportunities"].create_index(browse, index_name="opportunities_browse")
    db["opportunities"].create_index(["removed_at", "first_seen"], index_name="opportunities_new")
    db["events"].create_index(["created_at"])  # feeds read the newest events first


@migrations()
def m011_radar(db: Database) -> None:
    # The radar: a call's kind, buyer and contact; its fund without the round (storage/fund_rounds.py)
    for column in ("kind", "buyer", "buyer_council", "contact", "fund_key", "round_label"):
        db["opportunities"].add_column(column, int if column == "buyer_council" else str)
    found = [(fund_round(t), i) for i, t in db.execute("SELECT id, title FROM opportunities")]
    sql = "UPDATE opportunities SET fund_key = ?, round_label = ? WHERE id = ?"
    db.conn.executemany(sql, [(r.key, r.label, i) for r, i in found])
    db["opportunities"].create_index(["fund_key"])
    db["opportunities"].create_index(["opens_at"])  # the daily opening-soon scan reads a range
