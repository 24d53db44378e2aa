"""Migrations m007 onward, registered on the one `migrations` object of storage/migrations.py (which
imports this module last, so they apply after m001–m006, in order). Never edit an applied one."""

from sqlite_utils import Database

from storage.channel_posts_upgrade import current_destination, platform
from storage.fund_rounds import fund_round
from storage.migrations import migrations
from storage.same_call import title_key, title_lead


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


@migrations()
def m012_same_call_index(db: Database) -> None:
    # Merge candidates (a title's first word, a deadline range) read with their titles from the index
    # alone: reading each candidate's row cost a page fetch apiece, and a store of new calls into a
    # repository of 100,000 was three times slower than into one of 10,000 (benchmarks/store_scale.py).
    columns = ["title_lead", "closes_at", "removed_at", "title"]
    db["opportunities"].create_index(columns, index_name="opportunities_same_call")
    db.execute("DROP INDEX IF EXISTS idx_opportunities_title_lead_closes_at")


@migrations()
def m013_kind_in_the_browse_index(db: Database) -> None:
    # `fundwatch serve` filters by kind (funding, market engagement, planned procurement, tender):
    # the covering browse index (m010) gains the column, so counting it reads no wide row.
    browse = ["removed_at", "status", "closes_at", "council_eligible", "funder", "tags"]
    browse += ["source_ids", "first_seen", "last_changed", "version", "kind"]
    db.execute("DROP INDEX IF EXISTS opportunities_browse")
    db["opportunities"].create_index(browse, index_name="opportunities_browse")


@migrations()
def m014_first_round(db: Database) -> None:
    # The first round (storage/first_round.py): open until a crawl of every source it owes has run to
    # its end, so a first round killed part way is resumed, not turned into baselines. No row is
    # written here: a repository that already has runs had its first round before this table.
    db["first_round"].create(
        {"id": int, "batch": str, "started_at": str, "finished_at": str}, pk="id"
    )


@migrations()
def m015_claims_index_holds_only_claims(db: Database) -> None:
    # Who holds a row is only ever asked of rows `sending`; an index of (status, claimed_by) also
    # filed every pending row, and routing writes millions of those (benchmarks/route_scale.py).
    db.execute("DROP INDEX IF EXISTS idx_outbox_status_claimed_by")
    db.execute("CREATE INDEX outbox_claims ON outbox (claimed_by) WHERE status = 'sending'")


@migrations()
def m016_pending_rows_by_target(db: Database) -> None:
    # A delivery run claims one target's rows at a time (a subscription's channel). Through the
    # (status, cadence, next_attempt_at) index that read every pending row of the cadence, whoever
    # it was for: 4.5 ms a claim at 200,000 pending rows, so 2,000 teams' claims took 9 s, and
    # more as routing left more waiting. Filed by target and only while pending, a claim reads its
    # own rows, and the index is as small as what is still to send.
    db.execute("DROP INDEX IF EXISTS idx_outbox_status_cadence_next_attempt_at")
    db.execute(
        "CREATE INDEX outbox_pending ON outbox (subscription_id, channel, cadence, next_attempt_at) "
        "WHERE status = 'pending'"
    )


@migrations()
def m017_mail_receipts(db: Database) -> None:
    # Who already has an email alert (storage/mail_receipts.py): a retry after one recipient was
    # deferred goes only to those still owed it.
    db["mail_receipts"].create(
        {"outbox_id": int, "recipient": str, "accepted_at": str}, pk=("outbox_id", "recipient")
    )


@migrations()
def m018_mail_refusals(db: Database) -> None:
    # A recipient the server refused for good (a 5xx at RCPT or DATA) is done with that alert as
    # much as one that took it: the server's words, NULL for an accepted copy. A retry for another
    # recipient's deferral went to the refused one again, every time.
    db["mail_receipts"].add_column("refused", str)


@migrations()
def m019_outbox_tried(db: Database) -> None:
    # Whether a send of the row was ever made that may have landed (a failed try, or a run that died
    # holding it): `notify --retry-failed` resets the attempts to 0, and the attempt count alone
    # then let a Slack alert whose timed-out post had landed be posted again without looking.
    db["outbox"].add_column("tried", int, not_null_default=0)


@migrations()
def m020_mail_receipts_answered_at(db: Database) -> None:
    # A receipt records a refusal for good too (m018), so `accepted_at` misnamed it: it is when the
    # server answered that recipient for good, either way. (SQLite renames a column since 3.25.)
    db.execute("ALTER TABLE mail_receipts RENAME COLUMN accepted_at TO answered_at")


def rekey_titles(db: Database) -> None:
    """Each stored opportunity's merge-index key and lead, worked out again by today's rules."""
    rows = db.execute("SELECT id, title, funder FROM opportunities").fetchall()
    db.conn.executemany(
        "UPDATE opportunities SET title_key = ?, title_lead = ? WHERE id = ?",
        [(title_key(t, f), title_lead(t, f), opportunity_id) for opportunity_id, t, f in rows],
    )


@migrations()
def m021_title_keys_from_call_names(db: Database) -> None:
    # The merge index's key and first word are read from the call's name now (document words,
    # round spellings and the funder's own name at the front set aside): stored rows are re-keyed,
    # or a twin stored before would not be found by the words its new twin is looked up by.
    rekey_titles(db)


@migrations()
def m022_outbox_in_flight(db: Database) -> None:
    # Set just before a claimed row's send starts (cleared by the next claim): a run SIGKILLed
    # holding rows left no sign of which it had begun to send, so every claimed row kept the
    # attempt its claim counted, and a crash loop gave up on alerts never tried once.
    db["outbox"].add_column("in_flight", int, not_null_default=0)


@migrations()
def m023_title_keys_initials_and_headlines(db: Database) -> None:
    # A call's name now sets aside a headline's frame and money ("Government launches £30 million …
    # Fund"), reads a Welsh title in English, and its lead is its first initials ("luf" for
    # "Levelling Up Fund" and for "LUF"), not its first word: stored rows are re-keyed, or a twin
    # stored before would not be found.
    rekey_titles(db)


@migrations()
def m024_channel_posts(db: Database) -> None:
    # What went where (storage/channel_posts.py): a message posted to a chat destination, by its
    # content's hash, written with the mark of the row that posted it. Several teams sharing a
    # channel get one post of a message; kept only in memory, a run killed at a later post left the
    # other teams' rows of an earlier, answered one unmarked, and the next run posted it again.
    db["channel_posts"].create(
        {"destination": str, "message": str, "ts": str, "posted_at": str},
        pk=("destination", "message"),
    )
    db.execute("CREATE INDEX channel_posts_posted_at ON channel_posts (posted_at)")


@migrations()
def m025_drop_unused_url_index(db: Database) -> None:
    # Twins are found by their listings' URLs (m003); nothing has read opportunities by URL since,
    # yet every new call filed its URL here too: a random place in one more index, a page written
    # to the WAL per call at every commit (benchmarks/store_scale.py).
    db.execute("DROP INDEX IF EXISTS idx_opportunities_url")


@migrations()
def m026_channel_posts_kind(db: Database) -> None:
    # A message's kind (instant, daily, weekly) joins its key: keyed by text alone, a digest the
    # same as an earlier instant post in a shared channel was taken for it and never posted. Old
    # records are carried with their destination in today's form and the kind their run's
    # outbox marks show, or dropped when either cannot be told (storage/channel_posts_upgrade.py).
    old = list(db.execute("SELECT destination, message, ts, posted_at FROM channel_posts"))
    db.execute("DROP TABLE channel_posts")
    db["channel_posts"].create(
        {"destination": str, "kind": str, "message": str, "ts": str, "posted_at": str},
        pk=("destination", "kind", "message"),
    )
    db.execute("CREATE INDEX channel_posts_posted_at ON channel_posts (posted_at)")
    for destination, message, ts, posted_at in old:
        where = current_destination(destination)
        kinds = (
            where
            and db.execute(
                "SELECT DISTINCT cadence FROM outbox WHERE status = 'sent' AND sent_at = ? "
                "AND channel = ?",
                [posted_at, platform(where)],
            ).fetchall()
        )
        if kinds and len(kinds) == 1:
            db.execute(  # a channel kept both ways (before and after mend15): the latest post
                "INSERT INTO channel_posts VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (destination, kind, message) DO UPDATE SET "
                "posted_at = MAX(posted_at, excluded.posted_at), ts = COALESCE(ts, excluded.ts)",
                [where, kinds[0][0], message, ts, posted_at],
            )


@migrations()
def m027_run_export_time(db: Database) -> None:
    # When an ingested feed export was written (its file's time, kept by `rsync -a`): a file older
    # than one of its source already ingested is left alone, or a stale view (two ingests at once,
    # or an old file's crawl outcome arriving late) would undo the newer one's changes.
    db["runs"].add_column("exported_at", str)


@migrations()
def m028_rekey_titles(db: Database) -> None:
    # A call's key now leaves out its kind of pot ("Improving Lives grants" is the funder's
    # "Improving Lives"), and its name a badge ("Closing soon:", "New!"), the funder written in front
    # without its "The" or as initials, the lottery's brand, and reads "FY26/27" as its years: stored
    # rows are re-keyed, or a twin stored before would not be found by the key it is looked up by.
    rekey_titles(db)


@migrations()
def m029_rekey_titles_again(db: Database) -> None:
    # A call's name now reads a Welsh title's kind of pot last ("Cronfa Treftadaeth Leol" keyed
    # "heritage" lost its "local"), leaves out Welsh's lone "y", a funder in brackets after the name
    # or a family's funder before it ("TNLCF: …"), and puts a strand written first after the name:
    # stored rows are re-keyed, or a twin stored before would not be found by its key.
    rekey_titles(db)
