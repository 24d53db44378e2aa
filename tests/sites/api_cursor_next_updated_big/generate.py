"""Writes this folder's API pages, routes.yaml and expected.yaml (hand-built, generated: see
../README.md, Round 40). A combined authority's open-data API (Django REST framework's
CursorPagination): 2,000 funding records, 50 a page, oldest change first (`ordering=modified`);
each answer is `{"next": <the whole next address, an opaque ?cursor=>, "previous", "results"}`, no
count, `next` null on the last page. The records were being edited while the pages were asked: one
record in fifty (40) was saved again between two requests, so it is on its first page as it was and,
with its newer `modified`, on a later page as it is now (a deadline put back a month, a bigger
award). The newer is what the API holds now. The folder holds 1,400 records (under 1 MB); the round's
report ran 2,000. Run: python generate.py [records] [folder]."""

from __future__ import annotations

import base64
import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from gen_kit import expected_item, many_calls, size_and_folder, write_expected, write_routes  # noqa: E402

ORIGIN = "https://data.northvalecombined.gov.uk"
SITE = "North Vale Combined Authority"
FUNDERS = [SITE, "North Vale Growth Hub", "Vale Rivers Trust"]
PER = 50
NOW = "2026-11-25T09:00:00+00:00"
BASE = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)


def cursor(position: str) -> str:
    """DRF's cursor: base64 of its query string, opaque to the client."""
    return base64.urlsafe_b64encode(f"p={position}".encode()).decode().rstrip("=")


def iso(value: str | None) -> str | None:
    return None if value is None else value.replace("+00:00", "Z")


def record(call: dict, modified: datetime, later: bool) -> dict:
    _, opens_at, _, closes_at, status = call["dates"]
    words, low, high = call["amount"]
    if later:  # the edit: a deadline a month later (well inside GMT), the top award doubled
        closes_at = _later(closes_at)
        high = high * 2
        if status == "closed" and closes_at > NOW:
            status = "open"
    return {
        "id": 7000 + call["n"],
        "title": call["title"],
        "url": f"https://www.northvalecombined.gov.uk/funding/{call['slug']}/",
        "funder": {"id": 3 + FUNDERS.index(call["funder"]), "name": call["funder"]},
        "opens_at": iso(opens_at),
        "closes_at": iso(closes_at),
        "award": {"minimum": low, "maximum": high, "currency": "GBP"},
        "status": {"open": "Open", "closed": "Closed", "upcoming": "Opening soon"}[status],
        "eligibility": call["who"][0] + ".",
        "modified": modified.isoformat().replace("+00:00", "Z"),
    }


def _later(closes_at: str) -> str:
    when = datetime.fromisoformat(closes_at) + timedelta(days=28)
    # 28 days on stays in GMT for every generated deadline from November to February; a BST one
    # (April) stays in BST, a closed October one lands in November: kept as the UTC instant.
    return when.isoformat()


def main() -> None:
    size, folder = size_and_folder(HERE, 1400)
    everything = many_calls(size, FUNDERS, start=11)
    edited = {c["n"] for c in everything if c["n"] % 50 == 17}
    rows = [
        (
            BASE + timedelta(minutes=7 * c["n"]),
            record(c, BASE + timedelta(minutes=7 * c["n"]), False),
        )
        for c in everything
    ]
    # Each edited record, saved again after the crawl began: at the end, as `modified` orders it.
    end = BASE + timedelta(days=200)
    rows += [
        (end + timedelta(seconds=n), record(everything[n], end + timedelta(seconds=n), True))
        for n in sorted(edited)
    ]
    pages = [rows[i : i + PER] for i in range(0, len(rows), PER)]
    routes = []
    for number, chunk in enumerate(pages, 1):
        path = (
            "/api/v2/funding/?ordering=modified"
            if number == 1
            else f"/api/v2/funding/?cursor={cursor(chunk[0][0].isoformat())}&ordering=modified"
        )
        nxt = None
        if number < len(pages):
            nxt = f"{ORIGIN}/api/v2/funding/?cursor={cursor(pages[number][0][0].isoformat())}&ordering=modified"
        prev = (
            None
            if number == 1
            else f"{ORIGIN}/api/v2/funding/?cursor={cursor('r' + chunk[0][0].isoformat())}&ordering=modified"
        )
        body = {"next": nxt, "previous": prev, "results": [r for _, r in chunk]}
        name = f"page-{number:03d}.json"
        (folder / name).write_text(
            json.dumps(body, ensure_ascii=False, separators=(",", ":")), "utf-8"
        )
        routes.append({"path": path, "file": name, "type": "application/json"})
    write_routes(folder, ORIGIN, routes)
    items = []
    for call in everything:
        item = expected_item(call, f"https://www.northvalecombined.gov.uk/funding/{call['slug']}/")
        if call["n"] in edited:  # stored as the API holds it now: the later sighting
            item["closes_at"] = _later(item["closes_at"])
            item["amount_max"] *= 2
            if item["status"] == "closed" and item["closes_at"] > NOW:
                item["status"] = "open"
        items.append(item)
    write_expected(folder, "api_cursor_next_updated_big", items)


if __name__ == "__main__":
    main()
