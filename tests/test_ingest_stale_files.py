"""A feed export older than one of its source already ingested is left alone: its view of the calls
is out of date.

Repro: files were put in order within one `fundwatch ingest` only. An older file loaded after a
newer one (its crawl outcome arriving late, so it is judged again; a second ingest at once; an
operator naming it alone) undid the newer file's changes: the moved closing date moved back and
was announced as a change, and, its outcome saying a complete crawl, the call only the newer
crawl listed was marked removed.
"""

from __future__ import annotations

import pytest

from tests.test_ingest import CALLS, call, feed, ingest, ingest_repo, rows
from tests.test_ingest_outcome import outcome

NEWCOMER = ("parks", "Green Spaces Revival Fund", "30 April 2027")
MOVED = ("retrofit", "Social Housing Retrofit Pilots", "12 March 2027")


@pytest.fixture
def repo(tmp_path, monkeypatch):
    return ingest_repo(tmp_path, monkeypatch)


def older_and_newer(repo):
    """a.jl, the older crawl (its outcome not yet copied), and b.jl, the newer, which moves a
    closing date and lists a call a.jl does not, with its outcome: a complete, clean crawl."""
    older = feed(repo["items"] / "a.jl", *(call(*c) for c in CALLS), mtime=1_000_000)
    newer_calls = [MOVED, *CALLS[1:], NEWCOMER]
    newer = feed(repo["items"] / "b.jl", *(call(*c) for c in newer_calls), mtime=2_000_000)
    outcome(newer, len(newer_calls))
    return older, newer


def closing_dates(repo) -> dict[str, str]:
    return {o["title"]: o["closes_at"][:10] for o in rows(repo, "opportunities")}


def newer_view_stands(repo, changed: int) -> None:
    assert closing_dates(repo) == {
        "Social Housing Retrofit Pilots": "2027-03-12",
        "Digital Social Care Records": "2027-03-03",
        "Zero Emission Bus Regional Areas": "2027-04-15",
        "Green Spaces Revival Fund": "2027-04-30",
    }
    kinds = [e["kind"] for e in rows(repo, "events")]
    assert kinds.count("changed") == changed and "removed" not in kinds, kinds


def test_an_older_files_outcome_arriving_late_does_not_undo_the_newer_file(repo):
    older, newer = older_and_newer(repo)
    first = ingest(repo, repo["items"])  # a.jl without its outcome, then b.jl
    assert first.exit_code == 0, first.output
    assert "2 file(s): 2 ingested" in first.output, first.output

    outcome(older, len(CALLS))  # a.jl's outcome is copied at last: a.jl is judged again
    again = ingest(repo, repo["items"])
    assert again.exit_code == 0, again.output
    # Before: "a.jl: example_listing, run 3: 3 item(s), 0 new, 1 changed", the retrofit call back
    # to 26 February and the parks call removed.
    assert f"{older}: older than a file of example_listing already ingested (run 2" in again.output
    assert "2 file(s): 0 ingested, 2 skipped, 0 failed" in again.output, again.output
    newer_view_stands(repo, changed=1)  # the move, announced once


def test_an_older_file_named_after_a_newer_one_was_ingested_is_left_alone(repo):
    older, newer = older_and_newer(repo)
    outcome(older, len(CALLS))
    assert ingest(repo, newer).exit_code == 0
    result = ingest(repo, older)
    assert result.exit_code == 0, result.output
    assert "older than a file of example_listing already ingested" in result.output
    newer_view_stands(repo, changed=0)  # before: the retrofit call "changed" back to 26 February
    # The newer file itself, ingested again on purpose, is not older than itself.
    forced = ingest(repo, "--again", newer)
    assert "1 file(s): 1 ingested" in forced.output, forced.output
    newer_view_stands(repo, changed=0)
