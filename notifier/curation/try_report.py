"""`fundwatch sources try`'s report of what one source gave (notifier/curation/try_source.py runs
it): each item with every field in words, each configured field that did not extract marked, and the
fill rate of each field, as text or as JSON lines.
"""

from __future__ import annotations

import json
from collections import Counter

from notifier.curation.try_dates import COUNTED, read_instead, window_in_closes
from notifier.curation.try_source import Tried
from notifier.present import amount, date_text, eligibility_text, money
from spiders.field_matches import found
from spiders.items import OpportunitySighting
from spiders.normalise.text import clean_text
from storage.sighting import Sighting

SHOWN = ("title", "url", "summary", "funder", "opens", "closes", "amount", "status", "eligibility")
NOT_FOUND = "— not found"
NOT_READ = {"feed": "— not in a feed", "custom": "— not read by its spider"}
LONG = 160  # characters of a summary or eligibility text shown; --json has it all


def _short(text: str | None) -> str:
    text = text or ""
    return text if len(text) <= LONG else text[: LONG - 1].rstrip() + "…"


def _value(name: str, raw: OpportunitySighting, item: Sighting) -> str:
    """A field that was extracted, as people read it."""
    if name in ("opens", "closes"):
        when = item.opens_at if name == "opens" else item.closes_at
        words = clean_text(str(getattr(raw, name)))
        if when is None and (instead := read_instead(name, raw, item)):
            return f"{instead}: {words!r}"  # read right: "Rolling", "Closed – reopens in April"
        return date_text(when) if when else f"no date in {words!r}"
    if name == "amount":
        return amount(item.amount_min, item.amount_max, item.amount_text, total=item.fund_total)
    if name == "fund_total":
        return money(item.fund_total) if item.fund_total else str(raw.fund_total)
    if name == "status":
        return (item.status or "").capitalize() or f"not understood: {raw.status!r}"
    if name == "url":
        return item.url or f"not a usable link: {raw.url!r}"
    if name == "notice_type":  # the kind read from it is what a curator checks
        return f"{_short(clean_text(raw.notice_type))} (kind: {item.kind.replace('_', ' ')})"
    value = getattr(item, name, None) or clean_text(str(getattr(raw, name)))
    return _short(value) if name in ("summary", "eligibility") else str(value)


# Fields a crawl fills from an item's own text when the source has no field for them (a feed's
# "Closing date: …" or "grants of up to £50,000" in its description): shown as they will be stored.
FROM_TEXT = ("opens", "closes", "amount")


def _missing(tried: Tried, name: str, raw: OpportunitySighting, item: Sighting) -> str:
    """A field that did not extract: marked, with what happens instead."""
    if name == "opens" and (
        window := window_in_closes(raw.closes, item.opens_at, tried.source.timezone)
    ):
        return f"{_value(name, raw, item)} (the start of the closing date's window: {window!r})"
    if name in FROM_TEXT and name in item.filled():
        return f"{_value(name, raw, item)} (read from the item's text)"
    text = NOT_READ.get(tried.source.kind, "— not configured")
    if name in tried.fields:
        text = NOT_FOUND
    if tried.detail_missed(raw, name):
        text += " (detail page not read)"
    if name == "funder" and item.funder:
        text += f"; the source's funder applies: {item.funder}"
    if name == "status" and item.status:
        text += f"; judged from the dates: {item.status.capitalize()}"
    return text


def item_lines(tried: Tried, number: int, raw: OpportunitySighting, item: Sighting) -> list[str]:
    names = [*SHOWN, *(n for n in tried.fields if n not in SHOWN)]
    lines = [f"#{number}"]
    for name in names:
        text = _value(name, raw, item) if found(raw, name) else _missing(tried, name, raw, item)
        lines.append(f"  {name:<12} {text}")
    verdict = eligibility_text(item.council_eligible, item.eligibility_phrase)
    labels = [tried.tag_labels.get(tag, tag) for tag in item.tags]
    lines.append(f"  {'verdict':<12} {verdict}")
    lines.append(f"  {'tags':<12} {', '.join(labels) or 'none'}")
    if item.missing():
        lines.append(f"  ! a crawl would not store it: missing {', '.join(item.missing())}")
    return lines


# Fields whose extracted text can still be of no use once normalised (a `javascript:` link, "TBC"
# for a date): the fill rate counts them only when a crawl would keep the value.
NORMALISED = ("title", "url", "opens", "closes", "amount", "status")


def kept(raw: OpportunitySighting, item: Sighting, name: str) -> bool:
    """Whether `name` extracted and survives normalising: what a crawl stores and its health
    check counts (Sighting.filled), so a selector that matches only unusable text shows as one."""
    return found(raw, name) and (name not in NORMALISED or name in item.filled())


def fill_rates(tried: Tried) -> dict[str, tuple[int, int]]:
    total = len(tried.records)
    return {
        name: (sum(kept(raw, item, name) for raw, item in tried.records), total)
        for name in tried.fields
    }


def unusable(tried: Tried, name: str) -> int:
    """Items where `name` was read but normalised to nothing, save a closing date that said
    something else instead (try_dates.py), counted apart."""
    read = sum(found(raw, name) and not kept(raw, item, name) for raw, item in tried.records)
    return read - sum(instead(tried, name).values())


def instead(tried: Tried, name: str) -> Counter[str]:
    """How many date fields said "no deadline", "a status" (or were the closing date only)."""
    return Counter(
        said
        for raw, item in tried.records
        if found(raw, name) and (said := read_instead(name, raw, item))
    )


def unstored(tried: Tried) -> str | None:
    """'no item would be stored: 2 missing url' when a crawl would keep none of the items."""
    if not tried.records or any(not item.missing() for _, item in tried.records):
        return None
    lacking = Counter(name for _, item in tried.records for name in item.missing())
    what = ", ".join(f"{count} missing {name}" for name, count in lacking.items())
    return f"no item would be stored: {what}"


def _percent(got: int, total: int) -> int:
    return round(100 * got / total) if total else 0


def notes(tried: Tried) -> list[str]:
    """What was not read, and every problem the spider met."""
    harvest = tried.harvest
    lines = []
    reasons = Counter(entry.split(": ", 1)[1] for entry in harvest.details_not_read)
    if reasons:
        counts = "; ".join(f"{count} ({why})" for why, count in reasons.items())
        lines.append(f"detail pages not read: {counts}")
    lines += [f"not followed: {entry}" for entry in harvest.not_followed]
    return lines + [f"problem: {problem}" for problem in harvest.problems]


# What a date field said instead of a date (try_dates.py) → its count's --json name.
SAID_NAMES = {
    "a status": "gave_a_status",
    "no deadline": "no_deadline",
    "the closing date only": "closing_date_only",
    "to be confirmed": "to_be_confirmed",
}
# Each field's counts beside its fill rate, by their --json names, in the text's order:
# "(1 without their detail page)  (2 read but not usable)  (1 to be confirmed)".
BUCKETS = {
    "without_detail_page": "without their detail page",
    "unusable": "read but not usable",
    **{SAID_NAMES[said]: COUNTED[said] for said in sorted(COUNTED)},
}


def buckets(tried: Tried, name: str) -> dict[str, int]:
    """How many of the items' `name` were each of BUCKETS' kinds (every kind, 0 or more)."""
    said = instead(tried, name)
    counts = {
        "without_detail_page": sum(tried.detail_missed(raw, name) for raw, _ in tried.records),
        "unusable": unusable(tried, name),
    }
    return counts | {SAID_NAMES[kind]: said[kind] for kind in sorted(COUNTED)}


def fill_lines(tried: Tried) -> list[str]:
    """'  closes       12/14 (86%)' for each field the source configures."""
    if not tried.records:
        return ["no items extracted"]
    count = len(tried.records)
    lines = [f"fill rate ({count} item{'' if count == 1 else 's'}):"]  # not "(1 items)"
    for name, (got, total) in fill_rates(tried).items():
        line = f"  {name:<12} {got}/{total} ({_percent(got, total)}%)"
        if got < total and name in tried.source.required:
            line += "  required"
        for kind, counted in buckets(tried, name).items():  # BUCKETS' order
            if counted:
                line += f"  ({counted} {BUCKETS[kind]})"
        lines.append(line)
    stored = unstored(tried)
    return [*lines, stored] if stored else lines


def table(tried: Tried) -> list[str]:
    """The whole report, line by line, as `sources try` prints it."""
    pages = len(tried.harvest.pages)
    lines = [f"{tried.source.id}: {len(tried.records)} item(s) from {pages} page(s)"]
    for number, (raw, item) in enumerate(tried.records, start=1):
        lines += ["", *item_lines(tried, number, raw, item)]
    return [*lines, "", *notes(tried), *fill_lines(tried)]


def json_lines(tried: Tried) -> list[str]:
    """One JSON object per item, then one with the fill rates, problems and what was not followed."""
    out = []
    for number, (raw, item) in enumerate(tried.records, start=1):
        record = {
            "item": number,
            **item.stored(),
            "verdict": eligibility_text(item.council_eligible, item.eligibility_phrase),
            "tag_labels": [tried.tag_labels.get(tag, tag) for tag in item.tags],
            "not_found": [name for name in tried.fields if not found(raw, name)],
        }
        out.append(json.dumps(record, ensure_ascii=False))
    rates = {
        name: {
            "found": got,
            "items": total,
            "percent": _percent(got, total),
            "required": name in tried.source.required,
            **buckets(tried, name),
        }
        for name, (got, total) in fill_rates(tried).items()
    }
    summary = {
        "source": tried.source.id,
        "items": len(tried.records),
        "pages": len(tried.harvest.pages),
        "fill_rate": rates,
        "problems": tried.harvest.problems,
        "not_followed": tried.harvest.not_followed,
        "details_not_read": tried.harvest.details_not_read,
    }
    out.append(json.dumps(summary, ensure_ascii=False))
    return out
