"""Pure: one raw spider item → the repository's typed Sighting (before tags and the verdict)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from config.lazy_pattern import lazy_pattern
from config.models import Source
from spiders.eligibility.buyers import is_council_name
from spiders.items import OpportunitySighting
from spiders.normalise.after_opening import closing_after_opening
from spiders.normalise.cached import clean_text, parse_amounts, parse_date
from spiders.normalise.dates_in_text import labelled_date, labelled_no_deadline
from spiders.normalise.named_closed import named_call_closed
from spiders.normalise.notice_kind import after_bidding, opportunity_kind
from spiders.normalise.one_field_window import opening_of_closing_window, opening_of_shared_field
from spiders.normalise.open_ended import open_ended, open_window_start
from spiders.normalise.round_openings import round_opening
from spiders.normalise.status import (
    normalise_status,
    summary_status,
    title_status,
    without_status,
)
from spiders.normalise.status_in_text import opening_ahead, prose_status
from spiders.normalise.text import as_text, one_after_another, without_file_note
from spiders.normalise.title_icons import without_icons
from spiders.normalise.urls import canonical_url, link_text, untracked_ref
from spiders.unread_fields import stored_unread
from storage.sighting import Sighting

# A buyer in local or regional government (UK_CA_TYPE publicAuthoritySubCentralGovernment, TED's
# REGIONAL_AUTHORITY) whose name reads as a local authority's is called one in words, so the council
# tag and a reader recognise it. Sub-central government alone also covers NHS trusts, police and fire.
_SUB_CENTRAL = lazy_pattern(
    r"sub-?\s*central|local\s+authorit|regional\s*(?:or|_)\s*local|regional_auth", re.I
)


def buyer_sentence(buyer: str | None, buyer_type: str | None) -> str | None:
    """'The buyer is West Northamptonshire Council, a local authority.' (a sentence: the council
    judge reads it as who buys, not who may apply, where "Buyer: X Council" would read as a list of
    applicants); any other buyer by its type alone ('Buyer type: public authority - central
    government'), because tags read this text and a ministry's name is not what a call is about."""
    buyer, buyer_type = as_text(buyer), as_text(buyer_type)
    if not buyer_type:
        return None
    if _SUB_CENTRAL.search(buyer_type) and is_council_name(buyer):
        return f"The buyer is {buyer}, a local authority."
    # a code such as publicAuthorityCentralGovernment reads as words
    return "Buyer type: " + re.sub(r"(?<=[a-z])(?=[A-Z])|_", " ", buyer_type).lower()


def _when(value: Any, tz: str, now: datetime, *, end_of_day: bool = False) -> datetime | None:
    text = value if isinstance(value, datetime) else clean_text(value)
    # The crawl's clock places a day written with no year ("Closing date: 15 January").
    return parse_date(text, tz, end_of_day=end_of_day, now=now)


def normalise(raw: OpportunitySighting, source: Source, now: datetime) -> Sighting:
    """Clean text, canonical absolute URL, UTC dates, GBP award range and pot, status. Missing fields stay None."""
    base = raw.page_url or (source.urls[0] if source.urls else None)
    url = canonical_url(link_text(raw.url), base)
    opens_at = _when(raw.opens, source.timezone, now)
    closes_at = _when(raw.closes, source.timezone, now, end_of_day=True)
    closes_said = clean_text(raw.closes)  # read again below: the window, the status
    opens_at = opening_of_shared_field(
        opens_at, closes_at, clean_text(raw.opens), closes_said, source.timezone
    )
    # A table of rounds: the opening of the round it closes with, not the next (round_openings.py).
    opens_at = round_opening(clean_text(raw.opens), closes_at, source.timezone) or opens_at
    if opens_at is None and closes_at is None and isinstance(raw.closes, str):
        # A closing-date field holding a window with no end ("1 Apr 2026 – TBC", "Opens 1 April
        # 2027 – closing date TBC", "… – ongoing") says when the call opens, though not when it closes.
        if open_window_start(closes_said) is not None:
            opens_at = _when(raw.closes, source.timezone, now)
    elif opens_at is None and raw.opens is None and isinstance(raw.closes, str):
        # …and one holding a whole window ("4 January – 26 March 2027") opens at its start.
        opens_at = opening_of_closing_window(
            _when(raw.closes, source.timezone, now),
            closes_at,
            closes_said,
            source.timezone,
        )
    amount_text = clean_text(raw.amount)
    # One award's range and the whole pot, kept apart: "Maximum award: £950,000" is a maximum only.
    amount_min, amount_max, fund_total = parse_amounts(amount_text)
    if raw.amount_min is not None:
        amount_min = float(raw.amount_min)
    if raw.amount_max is not None:
        amount_max = float(raw.amount_max)
    # A source that gives the pot as a number (Find a Grant's grantTotalAwardAmount) wins over text.
    raw_total = getattr(raw, "fund_total", None)
    if raw_total is not None:
        fund_total = float(raw_total)
    amount_min, amount_max, fund_total = unset_zeros(amount_min, amount_max, fund_total)
    funder = clean_text(raw.funder) or source.funder
    buyer_type = clean_text(getattr(raw, "buyer_type", None))
    said = buyer_sentence(funder, buyer_type)
    # Its list items kept apart: who may apply is often a list ("<li>charities</li><li>councils</li>").
    eligibility = clean_text(raw.eligibility, items=True)
    if eligibility and said:
        eligibility = one_after_another(eligibility, said)
    else:
        eligibility = eligibility or said
    titled = without_icons(without_file_note(clean_text(raw.title)))
    title = without_status(titled)  # "CLOSED - Community Fund" is the Community Fund, closed
    summary = clean_text(raw.summary)
    # No date field (a funder's own feed): a date the call's text states under its label.
    if closes_at is None:
        closes_at = (
            labelled_date(summary, "closes", source.timezone, now=now)
            or labelled_date(eligibility, "closes", source.timezone, now=now)
            # …or in the prose a closing-date field was pointed at, a paragraph no date field
            # holds whole: a GOV.UK start page's "You can apply until 11:59pm on …".
            or labelled_date(closes_said, "closes", source.timezone, now=now)
        )
    if opens_at is None:
        # …in the summary, else in the text a closing-date field was pointed at: a post's body
        # holding "Opens: 1 February 2027" above its "Deadline: …" (tests/sites/squarespace_format_json).
        opens_at = labelled_date(summary, "opens", source.timezone, now=now) or labelled_date(
            closes_said, "opens", source.timezone, now=now
        )
        if opens_at and closes_at and opens_at > closes_at:
            # "The next deadline is 4 January 2027, after which the fund will reopen on 1 April
            # 2027": an opening after the call's own deadline is the next round's.
            opens_at = None
    if closes_at is None:
        # "Closes: 6 weeks after launch" beside "Launch date: 2 November 2026" (after_opening.py).
        closes_at = closing_after_opening(closes_said, opens_at, source.timezone)
    if amount_text is None and amount_min is None and amount_max is None and fund_total is None:
        # …and money its text states with words that say what it is ("grants of up to £50,000").
        amount_min, amount_max, fund_total = parse_amounts(summary, cued_only=True)
    notice_type = clean_text(getattr(raw, "notice_type", None))
    kind = opportunity_kind(notice_type, title)
    if after_bidding(kind, notice_type, title):
        status = "closed"  # a contract award or change notice: nobody can bid, whatever it says
    else:
        field_words = clean_text(raw.status) or title_status(titled)
        # The summary's say, read only when neither says a status, and only a summary with
        # "closed" in it (both readers need the word; casefolded, as to IGNORECASE "ſ" is "s").
        said_closed = (
            summary_status(summary) or named_call_closed(summary, title)
            if not field_words and summary and "closed" in summary.casefold()
            else None
        )
        status_words = field_words or said_closed
        status = normalise_status(status_words, opens_at, closes_at, now)
        said = closes_said
        if status is None and not status_words:
            if open_ended(said) or (raw.closes is None and labelled_no_deadline(summary)):
                # "Rolling – no deadline", in the closing-date field or, in a feed's text, under
                # its label: open while it is listed.
                status = "open"
            elif said:
                # A closing-date field holding the call's state, not a date: "Closed – fully
                # committed" closed, "Opening spring 2027" upcoming. It named no date, so none
                # was stored.
                status = normalise_status(said, opens_at, None, now)
        opens_said = clean_text(raw.opens) if opens_at is None else None
        if status is None and not status_words and opens_said:
            # An opening-date field holding the call's state, not a date (a table's Opens column
            # reading "Open now", "Ongoing", "Open all year"): open, as the closing field's would
            # be; "Opening spring 2027" upcoming.
            status = (
                "open"
                if open_ended(opens_said)
                else normalise_status(opens_said, None, closes_at, now)
            )
        if (
            status == "open"
            and not status_words
            and opens_at is None
            and opening_ahead(summary, now, closes_at)
        ):
            status = "upcoming"  # "The call will open in January 2027 and close on …": not yet
        from_summary = not field_words and said_closed
        # (A closing day gone is the round just closed too: "The Youth Voice Fund closed on 30
        # October 2026 … The next round will open in April 2027", the paragraph its closing field.)
        # Not a call titled as one numbered round ("Flood resilient villages: round 1"): the round
        # planned after it is another call.
        gone = closes_at is None or (closes_at <= now and not _NUMBERED_ROUND.search(title or ""))
        if status is None or (from_summary and status == "closed" and gone):
            # Nothing else said, or only the summary that the call is closed: the prose's own words
            # on the call's state (status_in_text.py), where a planned reopening outranks the round
            # just closed ("This round is now closed. … A further round is planned for summer 2027").
            status = prose_status(summary, now) if status is None else _reopening(summary, now)
    # A procurement notice's funder is its buyer: named as such, and recognised when a council.
    buyer = funder if kind != "funding" or buyer_type else None
    ref = untracked_ref(clean_text(raw.ref)) or url
    if url and ref and ref.startswith(url + "#"):
        url = ref  # one of several calls on one page (spiders/same_page.py): its link goes to its section
    return Sighting(
        source_id=raw.source_id,
        ref=ref,
        url=url,
        title=title,
        summary=summary,
        funder=funder,
        opens_at=opens_at,
        closes_at=closes_at,
        amount_min=amount_min,
        amount_max=amount_max,
        fund_total=fund_total,
        amount_text=amount_text,
        status=status,
        eligibility=eligibility,
        tags=tuple(raw.tags),
        page_url=raw.page_url,
        kind=kind,
        buyer=buyer,
        buyer_council=is_council_name(buyer),
        contact=clean_text(getattr(raw, "contact", None)),
        unread=stored_unread(getattr(raw, "unread", ())),
    )


_NUMBERED_ROUND = lazy_pattern(
    r"\b(?:round|stage|phase|wave|window|tranche)\s+(?:\d{1,2}|one|two|three|four|five|six)\b",
    re.IGNORECASE,
)


def _reopening(summary: str | None, now: datetime) -> str:
    """A closed call's status, upcoming when its text plans the next round."""
    return "upcoming" if prose_status(summary, now) == "upcoming" else "closed"


def unset_zeros(
    low: float | None, high: float | None, total: float | None
) -> tuple[float | None, float | None, float | None]:
    """A number of 0 a source gives is a value left unset, as the text rules read "£0"
    (money.py): Find a Grant's award and pot of 0 ("£0") where the funder gave none were stored as
    a grant of £0 to £0. A range from 0 to a figure is still that range."""
    if not high and not low:
        low = high = None
    return low, high, (total or None)
