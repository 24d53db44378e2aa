"""Pure functions that turn what a funding page says into comparable values.

Scraped text is untrusted and irregular: every function here accepts junk and answers None (or
(None, None)) rather than raising, so one odd listing never stops a crawl.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit
from zoneinfo import ZoneInfo

from dateutil import parser as dateutil_parser
from w3lib.html import remove_comments, remove_tags, remove_tags_with_content, replace_entities
from w3lib.url import canonicalize_url, url_query_cleaner

# ---------------------------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------------------------

# Block-level tags end a visual line: without a space "<p>Open</p><p>Now</p>" would read "OpenNow".
_BLOCK_TAG = re.compile(
    r"<\s*/?\s*(?:br|p|div|li|ul|ol|dt|dd|dl|tr|td|th|h[1-6]|section|article|header|footer|"
    r"blockquote|table|hr)\b[^<>]*>",
    re.IGNORECASE,
)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"\s+")


def clean_text(value: str | None) -> str | None:
    """Plain text from an HTML fragment or text: no markup, entities decoded, single spaces; None if empty."""
    if value is None:
        return None
    text = str(value)
    text = remove_comments(text)
    text = remove_tags_with_content(text, which_ones=("script", "style", "noscript", "template"))
    text = _BLOCK_TAG.sub(" ", text)
    text = remove_tags(text)
    text = replace_entities(text)
    text = _INVISIBLE.sub("", text)
    # \s in Python covers NBSP and the other Unicode spaces that &nbsp; and Word pastes bring in.
    text = _SPACES.sub(" ", text).strip()
    return text or None


# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------

_NO_DATE = re.compile(
    r"\b(?:no\s+(?:closing|submission|fixed|set)?\s*(?:date|deadline)|ongoing|rolling|open[- ]ended|"
    r"unknown|tbc|tba|to\s+be\s+(?:confirmed|announced)|not\s+(?:stated|known|applicable)|n/a|none)\b",
    re.IGNORECASE,
)
_ISO = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)
_ISO_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# "Closing date: 4 March 2024", "Competition closes: Thursday 30 September 2021 11:00am".
_LABEL = re.compile(r"^[A-Za-z][A-Za-z '()/-]*:\s*")
_PARENTHETICAL = re.compile(r"\([^)]*\)")  # "(Midnight)", "(Midday)", "(extended)"
_LOCAL_TIME_WORDS = re.compile(r"\b(?:UK|London|British|local)\s+time\b", re.IGNORECASE)
_NOON = re.compile(r"\b12(?::00)?\s*(?:noon|midday)\b|\b(?:noon|midday)\b", re.IGNORECASE)
_DATE_WORDS = (
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri "
    "sat sun january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
_DATE_WORD = "(?:" + "|".join(_DATE_WORDS) + r")\b"
# Words before the date that are not part of it: "Closes 4 March 2024", "Deadline Thursday 19 August 2021".
_LEADING_WORDS = re.compile(
    rf"^(?:(?!{_DATE_WORD})[A-Za-z]+\s+)+?(?=\d|{_DATE_WORD})", re.IGNORECASE
)
_HOUR = 3600
# Zone abbreviations a funding page may print; dateutil ignores unknown ones, which would be silently wrong.
_ZONE_ABBREVIATIONS = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "BST": _HOUR,
    "CET": _HOUR,
    "CEST": 2 * _HOUR,
    "EST": -5 * _HOUR,
    "EDT": -4 * _HOUR,
    "CST": -6 * _HOUR,
    "CDT": -5 * _HOUR,
    "MST": -7 * _HOUR,
    "MDT": -6 * _HOUR,
    "PST": -8 * _HOUR,
    "PDT": -7 * _HOUR,
}
# Two defaults that differ in every field: a field that comes out different was not in the text.
_DEFAULT_A = datetime(2000, 1, 1, 0, 0, 0)
_DEFAULT_B = datetime(2004, 2, 2, 1, 1, 1)
_END_OF_DAY = time(23, 59)
_DATE_TEXT_LIMIT = 200


def parse_date(
    value: str | datetime | date | None,
    tz: str = "Europe/London",
    *,
    end_of_day: bool = False,
) -> datetime | None:
    """A funding page's date or time as an aware UTC datetime, or None when there is no usable date.

    Naive values are read in `tz`; a date without a time is 00:00 local, or 23:59 local with
    `end_of_day=True` (closing dates: a call is still open on its closing day). `dd/mm/yyyy` is
    read day first. Text without a year is refused rather than guessed.
    """
    zone = ZoneInfo(tz)
    if value is None:
        return None
    if isinstance(value, datetime):
        return _to_utc(value, zone)
    if isinstance(value, date):
        return _date_only(value, zone, end_of_day)
    if len(value := str(value)) > _DATE_TEXT_LIMIT:
        return None  # a paragraph, not a date field
    text = _date_text(value)
    if not text:
        return None
    if _ISO.match(text):
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            return None
        if _ISO_DATE_ONLY.match(text):
            return _date_only(parsed.date(), zone, end_of_day)
        return _to_utc(parsed, zone)
    return _parse_words(text, zone, end_of_day)


def _date_text(raw: str) -> str | None:
    text = _SPACES.sub(" ", _INVISIBLE.sub("", raw)).strip()
    text = _LABEL.sub("", text)
    if not text or _NO_DATE.search(text):
        return None
    text = _PARENTHETICAL.sub(" ", text)
    text = _LOCAL_TIME_WORDS.sub(" ", text)
    text = _NOON.sub(" 12:00pm ", text)
    text = _LEADING_WORDS.sub("", text)
    return _SPACES.sub(" ", text).strip(" ,-") or None


def _parse_words(text: str, zone: ZoneInfo, end_of_day: bool) -> datetime | None:
    try:
        first = dateutil_parser.parse(
            text, default=_DEFAULT_A, dayfirst=True, tzinfos=_ZONE_ABBREVIATIONS
        )
        second = dateutil_parser.parse(
            text, default=_DEFAULT_B, dayfirst=True, tzinfos=_ZONE_ABBREVIATIONS
        )
    except (ValueError, OverflowError, TypeError, LookupError):
        return None
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        return None  # no year, month or day in the text: dateutil would have filled it in
    if first.hour != second.hour:
        return _date_only(first.date(), zone, end_of_day)
    # `first` has zero minutes and seconds where the text gave none ("4pm").
    return _to_utc(first, zone)


def _date_only(day: date, zone: ZoneInfo, end_of_day: bool) -> datetime:
    local = datetime.combine(day, _END_OF_DAY if end_of_day else time(0, 0), tzinfo=zone)
    return local.astimezone(UTC)


def _to_utc(value: datetime, zone: ZoneInfo) -> datetime:
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        value = value.replace(tzinfo=zone)
    return value.astimezone(UTC)


# ---------------------------------------------------------------------------------------------
# Money
# ---------------------------------------------------------------------------------------------

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Words may follow a space ("£2 million"); abbreviations must touch the number ("£2m", not "£2 more").
_MULTIPLIER = r"(?:\s*(?:thousand|million|billion)\b|(?:k|m|mn|bn)\b)"
_MONEY = re.compile(
    rf"(?:£|\bgbp\s?)\s*(?P<num>{_NUMBER})(?P<mult>{_MULTIPLIER})?"
    rf"|(?<![\w.,])(?P<num2>{_NUMBER})(?P<mult2>{_MULTIPLIER})?\s*(?:gbp|pounds|sterling)\b",
    re.IGNORECASE,
)
_BARE_AMOUNT = re.compile(rf"^\s*(?P<num>{_NUMBER})(?P<mult>{_MULTIPLIER})?\s*$", re.IGNORECASE)
# The second half of a range may drop the £: "£10,000 - 50,000", "£1-2 million".
_RANGE_TAIL = re.compile(
    rf"^\s*(?:-|–|—|to|and)\s*(?P<sign>£|gbp\s?)?\s*(?P<num>{_NUMBER})(?P<mult>{_MULTIPLIER})?",
    re.IGNORECASE,
)
_FILLER = r"(?:\s+(?:a|an|the|total|of|award|awards|grant|grants|funding|value|share|:))*"
_MAX_WORDS = re.compile(
    r"(?:up\s+to|maximum|max\.?|no\s+more\s+than|not\s+(?:to\s+)?exceed(?:ing)?|capped\s+at|"
    r"less\s+than|under|as\s+much\s+as|a\s+ceiling\s+of)" + _FILLER + r"\s*:?\s*$",
    re.IGNORECASE,
)
_MIN_WORDS = re.compile(
    r"(?:from|at\s+least|minimum|min\.?|more\s+than|over|starting\s+(?:at|from)|upwards\s+of|"
    r"in\s+excess\s+of|a\s+floor\s+of)" + _FILLER + r"\s*:?\s*$",
    re.IGNORECASE,
)
_BETWEEN = re.compile(r"between\s*$", re.IGNORECASE)
_FACTORS = {
    "": 1,
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "million": 1_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
}


def parse_money(value: str | None) -> tuple[float | None, float | None]:
    """GBP (min, max) from money text: '£10k–£50k' → (10000, 50000), 'up to £1.5m' → (None, 1500000).

    Only pounds count (a bare number is taken as pounds when it is the whole text). The first
    amount, or range, in the text decides; (None, None) when there is none.
    """
    if not value:
        return None, None
    text = _SPACES.sub(" ", str(value))
    bare = _BARE_AMOUNT.match(text)
    if bare:
        amount = _amount(bare["num"], bare["mult"])
        return amount, amount
    match = _MONEY.search(text)
    if not match:
        return None, None
    number, multiplier = (
        (match["num"], match["mult"]) if match["num"] else (match["num2"], match["mult2"])
    )
    first = _amount(number, multiplier)
    if first is None:
        return None, None
    before = text[max(0, match.start() - 60) : match.start()]  # "up to"/"from" sit just before
    after = text[match.end() :]

    tail = _RANGE_TAIL.match(after)
    if tail and (not tail.group(0).strip().lower().startswith("and") or _BETWEEN.search(before)):
        tail_multiplier = tail["mult"]
        second = _amount(tail["num"], tail_multiplier)
        if second is not None and tail_multiplier and not multiplier and not tail["sign"]:
            # "£1-2 million": the multiplier applies to both ends.
            first = _amount(number, tail_multiplier)
        # A bare number smaller than the first is not its range end: "£5,000 - 2026/27 round".
        bare_and_smaller = (
            not tail["sign"] and second is not None and first is not None and second < first
        )
        if second is not None and first is not None and not bare_and_smaller:
            return min(first, second), max(first, second)

    if _MAX_WORDS.search(before):
        return None, first
    if _MIN_WORDS.search(before) or after.startswith("+"):
        return first, None
    return first, first


def _amount(number: str, multiplier: str | None) -> float | None:
    word = (multiplier or "").strip().lower()
    try:
        # Decimal keeps "£1.3 million" at exactly 1300000 rather than 1299999.9999999998.
        amount = float(Decimal(number.replace(",", "")) * _FACTORS[word])
    except (InvalidOperation, KeyError):
        return None
    return amount if math.isfinite(amount) else None  # a run of digits too long for a float


# ---------------------------------------------------------------------------------------------
# URLs
# ---------------------------------------------------------------------------------------------

_TRACKING_PARAMS = {"gclid", "fbclid", "mc_cid", "mc_eid", "_ga", "_gl", "msclkid", "ref_src"}
_TRACKING_PREFIXES = ("utm_",)
# Browsers drop tab/CR/LF anywhere in a URL and C0 controls/space at its ends: "\tjava\nscript:" is javascript:.
_URL_NOISE = re.compile(r"[\t\r\n]")
_URL_EDGES = "".join(chr(c) for c in range(0x21)) + "\u00a0"
_HOST = re.compile(
    r"[a-z0-9._-]+|[0-9a-f:.]*:[0-9a-f:.]*"
)  # a name (punycode after canonicalising) or IPv6
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str | None, base: str | None = None) -> str | None:
    """The absolute http(s) URL that identifies a page: no fragment, tracking or credentials; sorted query.

    Anything that is not http/https after joining with `base` (javascript:, mailto:, data:, a
    scheme-relative //host without base, a bad host) is None.
    """
    if not url:
        return None
    text = _URL_NOISE.sub("", str(url)).strip(_URL_EDGES)
    if not text:
        return None
    if base:
        base_text = _URL_NOISE.sub("", str(base)).strip(_URL_EDGES)
        text = urljoin(base_text, text)
    try:
        parts = urlsplit(text)
        scheme = parts.scheme.lower()
        if scheme not in _DEFAULT_PORTS or not parts.hostname:
            return None
        host = parts.hostname  # lower-cased, without credentials
        port = parts.port
    except ValueError:  # a bad port or IPv6 literal
        return None
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    text = urlunsplit((scheme, netloc, parts.path, parts.query, ""))
    tracking = [
        name
        for name, _ in parse_qsl(parts.query, keep_blank_values=True)
        if name.lower() in _TRACKING_PARAMS or name.lower().startswith(_TRACKING_PREFIXES)
    ]
    if tracking:
        text = url_query_cleaner(text, tracking, remove=True, unique=False, keep_fragments=False)
    try:
        canonical = canonicalize_url(text, keep_fragments=False)
    except (ValueError, UnicodeError):
        return None
    final = urlsplit(canonical)
    if not final.hostname or not _HOST.fullmatch(final.hostname):
        return None
    return canonical


# ---------------------------------------------------------------------------------------------
# Status
# ---------------------------------------------------------------------------------------------

# Order matters: "not yet open" mentions "open", "closing soon" is still open.
_STATUS_WORDS = (
    (
        "upcoming",
        re.compile(
            r"\b(?:upcoming|opening\s+soon|opens\s+soon|not\s+yet\s+open(?:ed)?|"
            r"forthcoming|coming\s+soon|has\s+not\s+(?:yet\s+)?opened)\b"
        ),
    ),
    ("closed", re.compile(r"\b(?:closed|no\s+longer\s+open|no\s+longer\s+accepting)\b")),
    (
        "open",
        re.compile(r"\b(?:open|open\s+now|now\s+open|closing\s+soon|accepting\s+applications)\b"),
    ),
)


def normalise_status(
    text: str | None,
    opens_at: datetime | None,
    closes_at: datetime | None,
    now: datetime,
) -> str | None:
    """upcoming | open | closed: the page's own wording when clear, else the dates; a past closing
    date always means closed. None when neither says anything. All datetimes must be aware."""
    if closes_at is not None and closes_at <= now:
        return "closed"
    if text:
        wording = _SPACES.sub(" ", text).strip().lower()
        for status, pattern in _STATUS_WORDS:
            if pattern.search(wording):
                return status
    if opens_at is not None and opens_at > now:
        return "upcoming"
    if opens_at is not None or closes_at is not None:
        return "open"
    return None


__all__ = [
    "canonical_url",
    "clean_text",
    "normalise_status",
    "parse_date",
    "parse_money",
]
