"""An API's JSON values as an item's fields (kind: api): text fields get text (numbers written
plainly, lists joined with ", ", an object by its name, title or description, true as "yes" and
false as nothing; a status flag as "Open" or "Not open"; a CMS's rich-text tree as its words), money keeps its numbers (a number, a list of numbers as a range, an OCDS value
{amount, currency} in pounds, an object naming a range's ends; keys that say pence, such as
min_pence or amountInPence, in pence), `fund_total` a number."""

from __future__ import annotations

import math
from typing import Any

from config.lazy_pattern import lazy_pattern
from spiders.normalise.date_json import epoch_date, sheet_serial_date
from spiders.rich_text import rich_text
from spiders.typed_values import plain_value

# What an object is read as; WordPress's REST API gives each text as {"rendered": "…"}.
TEXT_KEYS = ("name", "title", "description", "text", "value", "rendered")
PLAIN_NUMBER = lazy_pattern(r"^\s*£?\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*$")


def field_values(name: str, raw: Any) -> dict[str, Any]:
    """One field's value as the item keeps it: money with its numbers, everything else as text."""
    raw = element_value(plain_value(raw))  # Firestore's {"stringValue": …} is its value
    if name == "amount":
        text, low, high = money(raw)
        return {"amount": text, "amount_min": low, "amount_max": high}
    if name == "fund_total":
        raw = in_pounds(raw)
        # OCDS's {amount, currency}; a CMS property's {value, propertyDataType} (Optimizely's
        # Content Delivery API): read as words, the pot was folded into the amount's text and
        # `sources try` called the configured field not found.
        total = number(raw if not isinstance(raw, dict) else raw.get("amount", raw.get("value")))
        if total is not None:
            return {"fund_total": total}
        words = as_text(raw)
        return {"fund_total_text": f"Total fund: {words}" if words else None}
    if name == "url" and isinstance(raw, dict) and (link := _link_of(raw)):
        return {"url": link}
    if name == "status" and isinstance(raw, bool):
        # An api's flag (isOpen, "open": true): true is open, false not open (upcoming while its
        # opening date is to come, else closed); "yes" or nothing said neither.
        return {"status": "Open" if raw else "Not open"}
    if name in ("opens", "closes") and isinstance(raw, int | float) and (when := epoch_date(raw)):
        return {name: when}  # epoch milliseconds or seconds, as a Java or JavaScript API sends them
    if name in ("opens", "closes") and (when := sheet_serial_date(raw)):
        return {name: when}  # a spreadsheet's serial day, as a sheet-backed API sends a date cell
    return {name: as_text(raw)}


# A link field pointed at a link object: SharePoint's hyperlink column (`SP.FieldUrlValue`,
# {"Description": "…", "Url": "https://…"}), HAL's {"href": …}, a CMS's {"url": …, "title": …}. Read
# by its name or title like any object, the call had its words for an address, or none.
_LINK_KEYS = ("url", "href", "link")


def _link_of(raw: dict[str, Any]) -> str | None:
    keys = {str(key).lower(): value for key, value in raw.items()}
    return next((keys[k].strip() for k in _LINK_KEYS if isinstance(keys.get(k), str)), None)


# An award range as an object: {"min": 5000, "max": 50000}, {"minimum": …}, {"from": …, "to": …},
# {"minAmount": …, "maxAmount": …}, schema.org's MonetaryAmount {"minValue": …, "maxValue": …} (keys
# compared without case or underscores).
# In order: with two names for one end, the first listed wins, run after run.
_LOW_KEYS = (
    "min",
    "minimum",
    "minamount",
    "amountmin",
    "minaward",
    "minvalue",
    "from",
    "low",
    "lower",
)
_HIGH_KEYS = (
    "max",
    "maximum",
    "maxamount",
    "amountmax",
    "maxaward",
    "maxvalue",
    "to",
    "high",
    "upper",
)
_END_KEYS = frozenset(_LOW_KEYS + _HIGH_KEYS)


def element_value(raw: Any) -> Any:
    """A field object that names itself beside its value (Kontent.ai's elements, `{"type":
    "date_time", "name": "Closing date", "value": "…"}`) is its value: read by its name, every
    call was titled "Title" and no date was found."""
    if isinstance(raw, dict) and {"type", "name", "value"} <= raw.keys():
        if isinstance(raw["type"], str) and isinstance(raw["name"], str):
            return raw["value"]
    return raw


def money(raw: Any) -> tuple[str | None, float | None, float | None]:
    """(text, min, max): a number is one amount, a list of numbers a range, {amount, currency} in
    pounds a number, {min, max} a range (either end may be missing); words stay words for the
    money rules; another currency is text only."""
    raw = [in_pounds(value) for value in raw] if isinstance(raw, list) else in_pounds(raw)
    raw = _pair_with_an_end_missing(_quantity_inside(raw))
    if isinstance(raw, dict) and "amount" not in raw:
        ends = _range_ends(raw)
        if ends is not None:
            return ends
    values = raw if isinstance(raw, list) else [raw]
    numbers: list[float] = []
    for value in values:
        if isinstance(value, dict):
            currency = value.get("currency")
            if currency and str(currency).upper() != "GBP":
                shown = as_text(value.get("amount"))
                return (f"{shown} {currency}" if shown else None), None, None
            value = _ocds_amount(value)
        # A list's numbers may come as text (Directus's decimals: ["2500.00", "15000.00"]).
        amount = number(value) if not isinstance(value, str) or isinstance(raw, list) else None
        if amount is not None:
            numbers.append(amount)
    if not numbers:  # words for the money rules; a flag is no amount
        return (None if isinstance(raw, bool) else as_text(raw)), None, None
    low, high = min(numbers), max(numbers)
    if high == 0:
        # "£0": a value left unset (Contracts Finder shows a notice with no value so), as the text
        # rules read it (money.py): no amount, so the call's own words may still give one.
        return None, None, None
    return _range_text(low, high), low, high


def _ocds_amount(value: dict) -> Any:
    """An OCDS value's figure: its `amount`, else the EU and UK profile's `amountNet`, else its
    `amountGross` (with VAT): Find a Tender's notice that gives only the gross figure had no
    amount at all."""
    for key in ("amount", "amountNet", "amountGross"):
        if value.get(key) is not None:
            return value[key]
    return None


# Portals that keep money as whole pence say so in the key ("min_pence", "amountInPence",
# "pence"): read as pounds, such a grant of 500000 would be stored as £500,000, not £5,000.
# A word of its own: "expense" is no pence.
_PENCE_KEY = lazy_pattern(r"^(?:(?P<end>.*?)(?:_in|In|IN)?(?:_pence|Pence|_PENCE|PENCE)|pence)$")


def in_pounds(raw: Any) -> Any:
    """An object whose keys say pence, with those keys as their pounds ("min_pence": 500000 is
    "min": 5000.0; a bare "pence" or "amount_pence" is "amount"); anything else as it is."""
    if not isinstance(raw, dict):
        return raw
    converted: dict[str, Any] = {}
    for key, value in raw.items():
        match = _PENCE_KEY.match(str(key))
        pence = number(value) if match else None
        if match is None or pence is None:
            converted.setdefault(key, value)
            continue
        end = (match["end"] or "").rstrip("_") or "amount"
        converted[end] = pence / 100
    return converted


def _pair_with_an_end_missing(raw: Any) -> Any:
    """A pair with one end null (`[min_award, max_award]` over a row whose minimum is blank: `[null,
    5000]`) names its ends by place, as {min, max} does: read as one number it was a grant of
    exactly £5,000, not up to it."""
    if not isinstance(raw, list) or len(raw) != 2:
        return raw
    missing = [value is None or (isinstance(value, str) and not value.strip()) for value in raw]
    # Only two columns' numbers: a list of money objects ([null, {amount, currency}]) is read as a
    # list of amounts, as before.
    scalars = all(isinstance(value, (int, float, str)) or value is None for value in raw)
    return {"min": raw[0], "max": raw[1]} if scalars and missing.count(True) == 1 else raw


def _quantity_inside(raw: Any) -> Any:
    """schema.org's MonetaryAmount whose `value` is a QuantitativeValue (`{"currency": "GBP",
    "value": {"@type": "QuantitativeValue", "minValue": 1000, "maxValue": 5000}}`, as the schema
    allows) is that value in the amount's currency: read by its outer keys it had no number at
    all, and the grant no amount."""
    inner = raw.get("value") if isinstance(raw, dict) and "amount" not in raw else None
    if not isinstance(inner, dict):
        return raw
    return {**inner, "currency": raw["currency"]} if "currency" in raw else inner


def _range_text(low: float, high: float) -> str:
    return pounds(low) if low == high else f"{pounds(low)} - {pounds(high)}"


def _end(value: Any) -> Any:
    """A range's end as a number or text: an end that is itself an object is its value or
    amount (`{min: minimumGrant, max: maximumGrant}` over Optimizely's property objects
    `{value: 2000, propertyDataType}`; read as no number, the call had no amount at all), or a
    typed value's (Extended JSON's {"$numberInt": "2000"})."""
    value = plain_value(value)
    if isinstance(value, dict):
        currency = value.get("currency")
        if currency and str(currency).upper() != "GBP":
            return None  # an end in euros is no pounds
        return value.get("value", value.get("amount"))
    return value


def _range_ends(raw: dict[str, Any]) -> tuple[str | None, float | None, float | None] | None:
    """An object naming a range's ends, as (text, min, max); None when it names neither end."""
    keys = {str(key).lower().replace("_", ""): value for key, value in raw.items()}
    if not keys.keys() & _END_KEYS:
        return None
    currency = keys.get("currency")
    if currency and str(currency).upper() != "GBP":
        return None, None, None  # not pounds: no amount rather than a wrong one
    low = next((n for k in _LOW_KEYS if (n := number(_end(keys.get(k)))) is not None), None)
    high = next((n for k in _HIGH_KEYS if (n := number(_end(keys.get(k)))) is not None), None)
    if low is not None and high is not None:
        low, high = min(low, high), max(low, high)
        text = _range_text(low, high)
    elif high is not None:
        text = f"Up to {pounds(high)}"
    elif low is not None:
        text = f"From {pounds(low)}"
    else:
        text = None
    return text, low, high


def number(value: Any) -> float | None:
    """A JSON number, or text that is only a number ("4,000,000", "£250000"); never a boolean."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str) and PLAIN_NUMBER.match(value):
        return float(value.replace(",", "").replace("£", "").strip())
    return None


def pounds(amount: float) -> str:
    return f"£{amount:,.0f}" if amount.is_integer() else f"£{amount:,.2f}"


def as_text(value: Any) -> str | None:
    """Text for a text field: numbers written plainly, lists joined with ", ", objects by name."""
    if value is None:
        return None
    if isinstance(value, bool):  # false is no text, so `flag && 'words'` reads as words or nothing
        return "yes" if value else None
    if isinstance(value, int | float):
        if not math.isfinite(value):
            return None
        return str(int(value)) if float(value).is_integer() else str(value)
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list) and (words := rich_text(value)) is not None:
        return words  # a CMS's rich-text blocks (Strapi, Sanity): their words, a line a block
    if isinstance(value, list):
        parts = [text for text in (as_text(v) for v in value) if text]
        return ", ".join(dict.fromkeys(parts)) or None
    if isinstance(value, dict):
        for key in TEXT_KEYS:
            if isinstance(value.get(key), str | int | float):
                text = as_text(value[key])
                if text:
                    return text
        return rich_text(value)  # Contentful's Rich Text document: its words, a line a block
    return None
