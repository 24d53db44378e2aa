"""The service's log line for a crawl job (notifier/crawl_said.py). Before: the first round's
line named every source with its counts, "crawl a: ok, 5 items, …; crawl b: …", one line of some
60 KB for 500 sources, past journald's 48K line limit, with the few failures lost in it."""

from __future__ import annotations

from notifier.crawl_said import crawl_said


def ok(items: int = 5, new: int = 5) -> dict:
    return {"outcome": "ok", "items": items, "new": new, "changed": 0}


def failed(reason: str) -> dict:
    return {"outcome": "failed", "items": 0, "new": 0, "changed": 0, "reason": reason}


def test_one_source_says_its_counts_and_its_reason():
    assert (
        crawl_said(["a"], {"a": ok()}, "(1.0s)") == "crawl a: ok, 5 items, 5 new, 0 changed (1.0s)"
    )
    assert crawl_said(["b"], {"b": failed("HTTP 500 on https://b.example/")}, "(2.0s)") == (
        "crawl b: failed, 0 items, 0 new, 0 changed (2.0s); reason: HTTP 500 on https://b.example/"
    )
    assert crawl_said(["c"], {}, "(0.1s)").endswith("; reason: no run recorded")


def test_a_round_of_five_hundred_says_totals_and_names_only_the_first_failures():
    ids = [f"source_{n}" for n in range(500)]
    runs = {source_id: ok() for source_id in ids}
    for n in range(0, 120, 10):  # twelve failed
        runs[f"source_{n}"] = failed(f"HTTP 404 on https://s{n}.example/")
    del runs["source_499"]  # its crawl process died before its turn
    said = crawl_said(ids, runs, "(95.2s)")
    assert said.startswith(
        "crawl of 500 source(s): 487 ok, 13 failed; 2435 items, 2435 new, 0 changed (95.2s); "
        "failed: source_0 (HTTP 404 on https://s0.example/), source_10 (HTTP 404"
    ), said
    assert said.endswith(", and 3 more (fundwatch sources status)"), said
    assert "source_100" not in said and "source_1 " not in said
    assert len(said) < 1000


def test_a_round_with_no_failure_is_one_short_line():
    said = crawl_said(["a", "b"], {"a": ok(), "b": ok(3, 1)}, "(4.0s)")
    assert said == "crawl of 2 source(s): 2 ok, 0 failed; 8 items, 6 new, 0 changed (4.0s)"
