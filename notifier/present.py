"""Pure helpers that turn stored values into words people read, the same in every channel."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from config.clock import LONDON, parse_iso
from storage.sighting import ACTIONABLE_FIELDS

if TYPE_CHECKING:  # alerts.py imports this module (through recurring.py)
    from notifier.alerts import OpportunityView

FIELD_LABELS = {
    "title": "Title",
    "summary": "Summary",
    "funder": "Funder",
    "url": "Link",
    "opens_at": "Opening date",
    "closes_at": "Closing date",
    "amount_min": "Minimum amount",
    "amount_max": "Maximum amount",
    "fund_total": "Total fund",
    "status": "Status",
    "eligibility": "Eligibility",
}

__all__ = ["ACTIONABLE_FIELDS"]  # re-exported: channels and matching read it from here


UNSAFE_IN_URL = frozenset(" <>\"'|`\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
NOT_STATED = "Not stated"  # a field the sources left empty, where a label says which


def safe_url(url: str | None) -> str | None:
    """The URL if it is absolute http(s), else None: nothing else is ever sent."""
    if not url:
        return None
    text = url.strip()
    # Control characters (ESC for terminal escapes, DEL) and bidi overrides can disguise a link in
    # any sink; markup and Slack's link syntax characters could break out of one.
    if any(ord(ch) < 32 or ord(ch) == 127 or ch in UNSAFE_IN_URL for ch in text):
        return None
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return text


def money(value: float | None) -> str:
    if value is None:
        return ""
    if value >= 1_000_000 and value % 100_000 == 0:
        return f"£{value / 1_000_000:g} million"
    if round(value * 100) % 100:
        # Pence as the funder gave them: "£49.50 to £499.99" was shown "£50 to £500".
        return f"£{value:,.2f}"
    return f"£{value:,.0f}"


def amount(
    min_value: float | None,
    max_value: float | None,
    text: str | None = None,
    *,
    total: float | None = None,
) -> str:
    """One award, then the whole pot, as people say it: '£10,000 to £50,000', 'Up to £1.5 million',
    'From £350', '£250,000'; with a total, 'Up to £950,000 per award · £4 million in total' or just
    '£4 million in total'. Nothing known: the source's own words, else 'Not stated'."""
    award = _award(min_value, max_value)
    if total is None:
        return award or text or NOT_STATED
    pot = f"{money(total)} in total"
    return f"{award} per award · {pot}" if award else pot


def amount_of(opportunity: OpportunityView, words: str | None) -> str:
    """`amount` of a call; `words`, the source's own, already made safe for where they go."""
    return amount(
        opportunity.amount_min, opportunity.amount_max, words, total=opportunity.fund_total
    )


def _award(min_value: float | None, max_value: float | None) -> str:
    if min_value is not None and max_value is not None and min_value != max_value:
        return f"{money(min_value)} to {money(max_value)}"
    if max_value is not None:
        return money(max_value) if min_value == max_value else f"Up to {money(max_value)}"
    if min_value is not None:
        return f"From {money(min_value)}"
    return ""


# The source-id column of the crawl, list and status tables: ids up to this long line up as they
# always did; a longer one (the bundled scotland_find_business_support) widens the column instead
# of pushing its row's columns out of line.
ID_WIDTH = 28


def id_width(ids) -> int:
    return max([ID_WIDTH, *(len(i) for i in ids)])


def london(value: datetime | None) -> datetime | None:
    return value.astimezone(LONDON) if value else None


def date_text(value: datetime | str | None, *, with_time: bool = True) -> str:
    """'12 Jan 2027, 4:00pm' in Europe/London; the time is left out at midnight or when asked."""
    if isinstance(value, str):
        value = parse_iso(value)
    if value is None:
        return NOT_STATED
    local = value.astimezone(LONDON)
    day = f"{local.day} {local:%b %Y}"
    if not with_time or (local.hour, local.minute) == (0, 0):
        return day
    return f"{day}, {local:%-I:%M%p}".replace("AM", "am").replace("PM", "pm")


def days_left(closes_at: datetime | None, now: datetime) -> int | None:
    """Whole days from today to the closing day (London calendar); negative once closed."""
    if closes_at is None:
        return None
    return (closes_at.astimezone(LONDON).date() - now.astimezone(LONDON).date()).days


def days_left_text(closes_at: datetime | None, now: datetime) -> str:
    days = days_left(closes_at, now)
    if days is None:
        return "No closing date"
    if days < 0:
        return "Closed"
    if days == 0:
        return "Closes today"
    return "1 day left" if days == 1 else f"{days} days left"


def value_text(field: str, value: Any) -> str:
    if value is None or value == "":
        return "none"
    if field.endswith("_at"):
        return date_text(value)
    if field.startswith("amount_") or field == "fund_total":
        return money(float(value))
    if field == "status":
        return str(value).capitalize()
    return str(value)


def change_lines(changes: dict[str, tuple[Any, Any]]) -> list[str]:
    """'Closing date: 12 Jan 2027 → 26 Jan 2027', one per actionable field, in a stable order."""
    lines = []
    for field in ACTIONABLE_FIELDS:
        if field in changes:
            before, after = changes[field]
            lines.append(
                f"{FIELD_LABELS[field]}: {value_text(field, before)} → {value_text(field, after)}"
            )
    return lines


VERDICT_LABELS = {
    "yes": "Councils can apply",
    "partner": "Councils can take part as partners",
    "no": "Councils cannot apply",
    "unclear": "Council eligibility unclear",
}


def eligibility_text(council_eligible: str | None, phrase: str | None) -> str:
    """The verdict in words, with the sentence that decided it."""
    text = VERDICT_LABELS.get(council_eligible or "unclear", VERDICT_LABELS["unclear"])
    return f"{text} (\u201c{phrase}\u201d)" if phrase else text


EVENT_LABELS = {
    "new": "New funding",
    "changed": "Updated",
    "opening_soon": "Opening soon",
    "closing_soon": "Closing soon",
    "closed": "Closed",
}
