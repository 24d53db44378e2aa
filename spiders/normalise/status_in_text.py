"""Pure: the status a call's prose states in words, for a call that nothing else gives one.

A feed item's or detail page's text with no status field, no status in its title and no date the
call's own ("The Reaching Communities fund is currently paused while we review our strategy. We
expect to reopen in spring 2027.", "Applications are now closed. … The next round will open in
April 2027.", "There is no deadline and you can apply at any time.") was stored with no status at
all. Prose names much besides the call's state ("Last year we awarded £3m", "projects must be
completed by …"), so only sentences whose words can be about nothing else count here, and only
when no field, title or date has said anything (spiders/normalise/sighting.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime

from config.lazy_pattern import lazy_pattern
from spiders.normalise.calendar_words import MONTH_NAME, MONTHS
from spiders.normalise.invited_only import INVITED_PROSE
from spiders.normalise.text import as_text

_WHEN = (
    r"(?:(?:early|late|mid|the)[\s-]+|(?:at\s+)?(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+)?"
    r"(?:(?:spring|summer|autumn|winter)\b|" + MONTH_NAME + r"|20\d\d\b)"
    r"(?:\s+(?P<year>20\d\d)\b)?|next\s+(?:year|month|spring|summer|autumn|winter)\b"
)
# A reopening planned for a time to come: "We expect to reopen in spring 2027", "Round 3 is
# expected to open in spring 2027", "We will open a new round in summer 2027", "A new round … will be
# launched next year", "Applications open in February 2027". A hope ("we hope to reopen") is none.
_UPCOMING = lazy_pattern(
    r"\b(?:(?:will|(?:is|are)\s+(?:expected|due|set|scheduled|planned)\s+to|expects?\s+(?:[\w-]+\s+){0,3}?to)\s+"
    r"(?:re-?open|open|re-?launch|launch|be\s+(?:re-?)?(?:opened|launched))|applications\s+open|"
    r"(?:next|new|further)\s+(?:[\w-]+\s+){0,4}?(?:round|window|call)\s+(?:(?:is|are)\s+planned\s+for|"
    r"(?:re-?)?opens)|"
    # "The programme opens in early 2027", "Round 2 opens spring 2027": the present tense of a time
    # to come (a season or year after it; a dated "opens 4 January 2027" is the dates' to read).
    r"(?:re-?)?opens(?=\s+(?:in\b|(?:early|late|mid)[\s-]|(?:spring|summer|autumn|winter)\b|20\d\d\b|"
    r"(?:at\s+)?(?:the\s+)?(?:end|start|beginning|middle)\s+of\b)))\s+"
    # "We expect to open the fund in January 2027": what opens named between.
    r"(?:(?:a|the)\s+(?:(?:new|next)\s+(?:funding\s+)?(?:round|call)|fund|scheme|programme|call|"
    r"competition)\s+)?(?:for\s+applications\s+)?"
    r"(?:in\s+|from\s+)?(?:" + _WHEN + ")",
    re.IGNORECASE,
)
_HOPE = lazy_pattern(r"\b(?:hope|hoping|hopes|aim|aims|may|might|could|if|unless)\b", re.IGNORECASE)
# The call itself closed: "closed to new applications", "Applications are now closed", "the
# deadline for stage one applications has passed", "we are no longer accepting applications".
_CLOSED = lazy_pattern(
    r"\bclosed\s+to\s+(?:new\s+)?(?:applications|bids|entries|submissions)\b|"
    r"\b(?:applications|bids|entries|submissions|the\s+(?:fund|scheme|programme|call|competition|"
    r"round|funding))(?:\s+(?:for|to)(?:\s+[\w'’-]+){1,5}?)?\s+(?:are|is|has|have)\s+(?:now\s+)?"
    r"closed\b|"
    # "Due to high demand, this fund closed early on 20 November 2026"; "Expressions of interest
    # closed on 2 September 2026." opening its sentence (a named round's past close is not this call's).
    r"\bthis\s+(?:fund|scheme|programme|call|competition|round)\s+(?:has\s+)?closed\b|"
    r"(?:^|[.!?]\s+)(?:expressions\s+of\s+interest|eois?)\s+(?:have\s+)?closed\b|"
    r"\b(?:deadline|closing\s+date)\s+(?:for\s+(?:[\w-]+\s+){1,4}?)?has\s+(?:now\s+)?passed\b|"
    r"\bno\s+longer\s+(?:accepting|taking)\s+(?:new\s+)?applications\b|"
    # "This fund is currently paused", "The programme is now fully subscribed", "The scheme is on
    # hold pending …", "The fund was oversubscribed and closed early": the call itself stopped (a
    # named one too, "The Reaching Communities fund is paused"; not an earlier round of it).
    r"\b(?:this|the)\s+(?!(?:previous|last|earlier|first|former)\b)(?:[\w'’-]+\s+){0,3}?(?:fund|"
    r"scheme|programme|call|competition|round|funding|grants?)\s+(?:is|has\s+been|was)\s+"
    r"(?:(?:now|currently|temporarily)\s+)?(?:paused|on\s+hold|suspended|fully\s+(?:subscribed|"
    r"committed|allocated)|(?:over-?subscribed\s+and\s+)?closed\s+early)\b",
    re.IGNORECASE,
)
# Closed words asked only when a cheap look finds their key word (each alternative of _CLOSED is
# tried at every position, so three more there cost prose_status a fifth of its time).
# "We are currently not accepting new applications while we review our strategy" (not "… not
# accepting applications from individuals": who, not when).
_NOT_TAKING = lazy_pattern(
    r"\b(?:are|is)\s+(?:currently\s+)?not\s+(?:currently\s+)?(?:accepting|taking|inviting)\s+(?:new\s+|"
    r"any\s+|unsolicited\s+|further\s+)*(?:applications|bids|proposals)\b(?!\s+(?:from|for|to|by|that|"
    r"which|unless|except|outside|under|over|of)\b)",
    re.IGNORECASE,
)
# A determination given out: "allocations to local authorities for 2027/28 have been published" (a
# section 31 grant; nothing is left to bid for, as "Successful applicants announced"; not indicative
# or provisional ones, which a final sum or a council's plan still follows).
_ALLOCATED = lazy_pattern(
    r"\b(?<!indicative\s)(?<!provisional\s)(?<!draft\s)(?:final\s+)?allocations\s+(?:(?:to|for)\s+"
    r"(?:[\w/'’-]+\s+){1,5}?)?(?:have\s+(?:now\s+)?been|were|are\s+now)\s+(?:published|announced|"
    r"confirmed|made)\b",
    re.IGNORECASE,
)
_INVITED = lazy_pattern(INVITED_PROSE, re.IGNORECASE)


def _stopped(text: str) -> bool:
    """The call itself closed in words _CLOSED leaves to a cheap look first."""
    lower = text.lower()
    return bool(
        ("invit" in lower and _INVITED.search(text))
        or ("allocations" in lower and _ALLOCATED.search(text))
        or (
            ("accepting" in lower or "taking" in lower or "inviting" in lower)
            and _NOT_TAKING.search(text)
        )
    )


# Open while listed: "There is no deadline", "apply at any time" (or "any time", "anytime"), "open
# all year round" (README's open words; "Rolling programme" alone in a summary stays no status, as
# tests/sites pin). "Applications close in 3 weeks": a count to the call's own close says it is
# open now, as in a status field (the count is as old as the page, so it is never a date).
_OPEN = lazy_pattern(
    r"\bno\s+(?:application\s+|closing\s+)?deadlines?\b|\bno\s+closing\s+dates?\b|"
    r"\bapply\s+(?:at\s+)?any\s*time\b|\bopen\s+all\s+year(?:\s+round)?\b|"
    # The same said of the applications: "Applications are taken at any time and decided
    # monthly", "Bids can be submitted at any time" (a rolling fund's detail page; without it
    # stored with no status). Not "… at any time from 1 March 2027": a start still to come.
    r"\b(?:applications|bids|requests)\s+(?:are|can\s+be|may\s+be|will\s+be)\s+(?:taken|"
    r"accepted|considered|received|welcomed?|submitted|made)\s+(?:at\s+)?any\s*time\b"
    r"(?!\s+(?:from|after)\b)|"
    # A rolling programme's lead time: "apply at least 8 weeks before your activity starts" (Arts
    # Council, Heritage Fund): no deadline but the applicant's own.
    r"\bapply\s+at\s+least\s+(?:\d+|two|three|four|six|eight|ten|twelve)\s+(?:weeks|months)\s+before\b|"
    # (Anchored on "close", its subject looked behind: a leading subject list, tried at every
    # word, cost prose_status 7%.)
    r"\b(?=close)(?:"
    + "|".join(
        rf"(?<=\b{who}\s)"
        for who in ("applications", "bids", "entries", "submissions", "fund", "scheme", "programme")
        + ("call", "competition", "round")
    )
    + r")close[s]?\s+in\s+(?:\d+|one|two|three|four|five|six|a)\s+(?:days?|weeks?)\b",
    re.IGNORECASE,
)


# The call itself said open now: "The fund is open now", "This programme is currently open for
# applications" (not "open to councils": who may apply). Beside it a next round planned ("… – the
# next round opens in spring 2027") is the round after this one, so the call stays open.
_OPEN_NOW = lazy_pattern(
    r"\b(?:this|the)\s+(?:[\w'’-]+\s+){0,3}?(?:fund|scheme|programme|call|competition|round)\s+is\s+"
    r"(?:now\s+|currently\s+)?open\b(?!\s+to\b)",
    re.IGNORECASE,
)
_NEXT_ROUND = lazy_pattern(
    r"\b(?:next|new|further|later)\s+(?:[\w-]+\s+){0,2}?(?:round|call|window)\b", re.IGNORECASE
)


# A key facts label run into the text: "Opportunity status: Upcoming. Funding type: Grant." (UKRI's
# detail pages): the page's own word for the call's state.
_LABELLED = lazy_pattern(
    r"\bstatus\s*:\s*(?P<word>open|closed|upcoming|forthcoming|opening\s+soon|closing\s+soon)\b",
    re.IGNORECASE,
)
_LABELLED_STATUS = {"closing soon": "open", "forthcoming": "upcoming", "opening soon": "upcoming"}


def _planned(text: str) -> Iterator[re.Match]:
    """Each reopening the text plans, but a hope ("we hope to reopen") earlier in its sentence."""
    for found in _UPCOMING.finditer(text):
        sentence_start = text.rfind(".", 0, found.start()) + 1
        if not _HOPE.search(text, sentence_start, found.start()):
            yield found


def prose_status(text: str | None, now: datetime) -> str | None:
    """upcoming (a reopening planned for a time to come), closed, open, or None; in that order, as
    a planned reopening outranks the round just closed (tests/rounds/words12.yaml)."""
    if not (text := as_text(text)):
        return None
    if labelled := _LABELLED.search(text):
        word = " ".join(labelled["word"].lower().split())
        return _LABELLED_STATUS.get(word, word)
    open_now = _OPEN_NOW.search(text)
    for found in _planned(text):
        sentence = text.rfind(".", 0, found.start()) + 1
        if open_now and _NEXT_ROUND.search(text, sentence, found.end()):
            continue  # the round after this open one
        year = found["year"] or re.search(r"20\d\d", found[0])
        year = int(year if isinstance(year, str) else year[0]) if year else None
        if (year or now.year) >= now.year:
            return "upcoming"
    if _CLOSED.search(text) or _stopped(text):
        return "closed"
    return "open" if open_now or _OPEN.search(text) else None


# A dated opening in prose: "open on 1 February 2027", "opens Monday 4 January 2027" (not a window,
# "open 1–14 February 2027", whose start a dash follows; not "opened", a past event; not "will
# reopen on 1 April 2027" after the deadline, the round after this one).
_DATED_OPENING = lazy_pattern(
    r"(?<![\w-])opens?\s+(?:on\s+)?(?:[a-z]+day,?\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+"
    r"(?P<month>" + "|".join(MONTHS) + r")[a-z]*\s+(?P<year>20\d\d)\b",
    re.IGNORECASE,
)
_SEASON_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}


def opening_ahead(text: str | None, now: datetime, closes: datetime | None = None) -> bool:
    """Whether the prose plans the call's opening for a month, season or year that has not begun at
    `now`: "The call will open in January 2027 and close at 4pm on 16 March 2027", read on 25
    November 2026. Its closing date alone made the call open (no opening date: a month is no day),
    though nobody can apply yet. Only a time with its year counts; a hope ("we hope to open") none."""
    if not (text := as_text(text)):
        return False
    for found in _DATED_OPENING.finditer(text):
        # "Our Spring Greening Grants open on 1 February 2027 and close at midday on 26 March
        # 2027": a day, as a month is, is not yet begun (when nothing read it as the opening date).
        month = MONTHS.index(found["month"][:3].lower()) + 1
        try:
            day = datetime(int(found["year"]), month, int(found["day"]), tzinfo=UTC)
            if now < day and (closes is None or day < closes):
                return True  # (a day after the call's own deadline opens another round)
        except ValueError:
            continue  # "31 February": no day
    for found in _planned(text):
        year = re.search(r"20\d\d", found[0])
        if year is None:
            continue
        words = found[0].lower()
        month = next(
            (n for n, name in enumerate(MONTHS, 1) if re.search(rf"\b{name}", words)), None
        )
        season = next((m for name, m in _SEASON_MONTH.items() if name in words), None)
        begins = datetime(int(year[0]), month or season or 1, 1, tzinfo=UTC)
        if begins > now:
            return True
    return False
