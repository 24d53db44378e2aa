"""Eligibility text cut into whole sentences, and the quotes taken from them.

A sentence runs from its first word to its end mark. A line, a bullet or a numbered item is a sentence
too, and a list's items remember the lead-in line above them ("Who can apply:"), which is what gives
the items their meaning. Every offset points into the original text, so a quote is the text as
written (only its runs of spaces are collapsed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from config.lazy_pattern import lazy_pattern

PHRASE_LIMIT = 300  # characters in a quote, before the "…" that marks a cut
ELLIPSIS = "\u2026"

_LINE = lazy_pattern(r"[^\r\n]+")
_INLINE_BULLET = lazy_pattern(r"[\u2022\u25aa\u25cf\u25e6\u2023\u00b7]")
# A bullet, dash or number that opens a list item: "- ", "• ", "1. ", "(a) ".
_MARKER = lazy_pattern(
    r"\s*(?:[-*\u2013\u2014\u2022\u25aa\u25cf\u25e6\u2023\u00b7]|\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)])\s+"
)
# An end mark, closing quotes or brackets, spaces, then what a new sentence starts with.
_END = lazy_pattern(r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9\u00a3])")
_LAST_WORD = lazy_pattern(r"([A-Za-z][A-Za-z.]*)\.$")
_ABBREVIATIONS = {
    "e.g", "i.e", "eg", "ie", "etc", "st", "no", "nos", "ltd", "co", "inc", "approx", "incl", "dr",
    "mr", "mrs", "ms", "vs", "cf", "para", "ref", "fig", "govt", "dept", "max", "min",
}  # fmt: skip
_ANSWER_WORD = lazy_pattern(
    r"(?:yes|no|not|unfortunately|sadly|only\s+(?:if|where|when))\b", re.IGNORECASE
)
_SPACES = lazy_pattern(r"\s+")
_ANSWER_LABEL = lazy_pattern(r"\s*a\s*[:.]\s*", re.IGNORECASE)
# A bare label that heads the lines below it even without bullets.
_LIST_HEADING = lazy_pattern(
    r"(?:who\s+(?:can|may|cannot|can't)\s+(?:apply|lead(?:\s+(?:a|the)\s+(?:bid|project))?)|who\s+is\s+"
    # "Lead applicant\nA local authority …": the lead's own heading, as a form's section has it.
    r"(?:not\s+)?eligible|(?:in)?eligible\s+(?:(?:lead|partner)\s+)?(?:applicants|organi[sz]ations|bodies|bidders)|lead\s+(?:applicants?|"
    r"organi[sz]ations?|bidders?)|who\s+(?:can|may)\s+be\s+(?:an?\s+)?(?:project\s+)?partners?|"
    # "Organisation type\nCharity; Local authority", "Who we fund\nSmall voluntary groups …"
    r"(?:organi[sz]ation|applicant)\s+types?|who\s+we\s+(?:fund|support))",
    re.IGNORECASE,
)
# A lead-in with its colon, capitalised as a label is, after a word with no end mark before it.
RUN_IN_LABEL = lazy_pattern(
    r"(?<=[\w)\u00a3%])\s+(?=(?:Who\s+(?:can|may|cannot|can't)\s+apply|Who\s+is\s+(?:not\s+)?eligible|"
    r"Eligibility|Eligible\s+applicants|Open\s+to)\s*:)"
)
_SPACE = lazy_pattern(r"\s")
_VERBISH = lazy_pattern(r"\b(?:is|are|can|cannot|may|must|will|should|be)\b", re.IGNORECASE)
# A line this short, under a lead-in, is one of its items: 15 words left a list with its places and
# income limits ("Parish and town councils with an annual precept below £50,000, and community groups …")
# unread under "Who can apply" (elig13).
_ITEM_WORDS = 25
_NO_SUBJECT = lazy_pattern(
    r"(?:must|should|can|may|will\s+need\s+to|needs?\s+to)\s+be\b", re.IGNORECASE
)
_HEADING_WORDS = 6  # "Who can apply", "Ineligible applicants": a heading is a few words
_QUESTION_WORDS = 8  # "Can local authorities apply? No": a question this short heads its answer
_ASKED_WORDS = 12  # …and one on a line of its own: "Can I apply if I am a local authority?"


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    item: bool = False  # a bullet, a numbered item, or a short line
    marked: bool = False  # opened by a bullet or a number
    heading: Sentence | None = None  # the lead-in ("Who can apply:") of the list it belongs to

    def is_heading(self, text: str) -> bool:
        return text[self.end - 1] == ":"


def sentences(text: str) -> list[Sentence]:
    """Every sentence, line and list item of `text`, in order, items linked to their lead-in."""
    found: list[Sentence] = []
    for line in _LINE.finditer(text):
        pieces = _pieces(text, line.start(), line.end())
        for start, end, marked in pieces:
            whole_line = len(pieces) == 1
            for s_start, s_end in _split(text, start, end):
                short = whole_line and len(text[s_start:s_end].split()) <= _ITEM_WORDS
                found.append(Sentence(s_start, s_end, item=marked or short, marked=marked))
                whole_line = False
    return _link_lists(text, _join_answers(text, found))


def _join_answers(text: str, found: list[Sentence]) -> list[Sentence]:
    """ "Can councils apply?" on one line and "No, but they can be partners." on the next are one
    sentence, as they are on one line: the answer means nothing without its question."""
    joined: list[Sentence] = []
    for sentence in found:
        question = joined[-1] if joined else None
        if (
            question is not None
            and text[question.end - 1] == "?"
            and len(text[question.start : question.end].split()) <= _ASKED_WORDS
            and _ANSWER_WORD.match(text, sentence.start)
        ):
            joined[-1] = Sentence(question.start, sentence.end)
        else:
            joined.append(sentence)
    return joined


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """A line cut at inline bullets; each piece says whether a bullet or number opened it."""
    cuts = [start, *(m.start() for m in _INLINE_BULLET.finditer(text, start, end)), end]
    pieces = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        marker = _MARKER.match(text, left, right)
        if marker:
            left = marker.end()
        while left < right and text[left].isspace():
            left += 1
        if left < right:
            pieces.append((left, right, marker is not None))
    return pieces


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A piece cut at its sentence ends, not after "e.g." or "St."; spaces trimmed."""
    spans, left = [], start
    for mark in _END.finditer(text, start, end):
        word = _LAST_WORD.search(text, max(left, mark.start() - 12), mark.start() + 1)
        if (
            word
            and word.group(1).lower() in _ABBREVIATIONS
            and not (
                # "A: No. Parish councils are not eligible": after an answer's label, "No." answers.
                word.group(1).lower() == "no" and _ANSWER_LABEL.fullmatch(text, left, word.start())
            )
        ):
            continue
        if text[mark.start()] == "?" and len(text[left : mark.start()].split()) <= _QUESTION_WORDS:
            continue  # "Who can't apply? Local authorities.": a short question and its answer
        spans.append((left, mark.end()))
        left = mark.end()
    spans.append((left, end))
    spans = [piece for left, right in spans for piece in _at_run_in_labels(text, left, right)]
    trimmed = []
    for left, right in spans:
        while right > left and text[right - 1].isspace():
            right -= 1
        while left < right and text[left].isspace():
            left += 1
        if left < right:
            trimmed.append((left, right))
    return trimmed


def _at_run_in_labels(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A span cut before each label run into the words before it: a page's paragraphs or table
    rows lose their breaks in a feed's text ("… £50k–£250k per partnership Who can apply: local
    authorities …"), and the label begins a sentence of its own, not the end of the one before."""
    cuts = [match.end() for match in RUN_IN_LABEL.finditer(text, start, end)]
    edges = [start, *cuts, end]
    return list(zip(edges, edges[1:], strict=False))


def _bare_heading(text: str, sentence: Sentence, following: Sentence | None) -> bool:
    """ "Ineligible applicants • District councils • Parish councils": a few words that bullets
    follow head them as a heading does, though its colon was lost with the page's markup."""
    if (
        following is not None
        and not sentence.marked
        # "Who is eligible?" heads its lines as "Who is eligible" does: a question is a heading too.
        and _LIST_HEADING.fullmatch(
            text, sentence.start, sentence.end - (text[sentence.end - 1] == "?")
        )
    ):
        # "Who can apply\nLocal authority\nPrivate sector": a table's label over its lines; a longer
        # line heads its list too while it says nothing itself ("WHO CAN APPLY\nLOCAL AUTHORITIES
        # AND PARISH COUNCILS IN ENGLAND."), but "This fund is open to …" is a sentence of its own.
        words = text[following.start : following.end]
        limit = _HEADING_WORDS if _VERBISH.search(words) else _ITEM_WORDS
        # A bulleted line is an item whatever it says ("- public bodies (but parish councils can apply)"),
        # and so is one with no subject of its own ("Lead applicant\nMust be a combined authority …").
        return following.marked or bool(_NO_SUBJECT.match(words)) or len(words.split()) <= limit
    return (
        following is not None
        and following.marked
        and not sentence.marked
        and text[sentence.end - 1] not in ".!"
        and len(text[sentence.start : sentence.end].split()) <= _HEADING_WORDS
    )


def _link_lists(text: str, found: list[Sentence]) -> list[Sentence]:
    """Give each run of items after a lead-in ending in ":" that lead-in."""
    heading_of: dict[int, int] = {}
    current, bulleted = None, False
    for index, sentence in enumerate(found):
        following = found[index + 1] if index + 1 < len(found) else None
        if sentence.is_heading(text) or _bare_heading(text, sentence, following):
            current, bulleted = index, False
        elif current is not None and sentence.item and (sentence.marked or not bulleted):
            # Once a list has bullets, a plain line after them is not one of its items.
            heading_of[index] = current
            bulleted = bulleted or sentence.marked
        else:
            current = None
    return [
        replace(s, heading=found[heading_of[i]]) if i in heading_of else s
        for i, s in enumerate(found)
    ]


def quote(
    text: str, start: int, end: int, focus: tuple[int, int] | None = None, limit: int = PHRASE_LIMIT
) -> str:
    """text[start:end], spaces collapsed; a long one is cut on word boundaries around `focus` (the
    deciding words), keeping its start when it can, with "…" where it was cut."""
    whole = _SPACES.sub(" ", text[start:end]).strip()
    if len(whole) <= limit:
        return whole
    focus_start, focus_end = focus or (start, start)
    room = limit - 2  # for the "…" at each end
    if focus_end - start <= room:
        left, right = start, start + room
    else:
        left = max(start, min(focus_start - (room - (focus_end - focus_start)) // 2, end - room))
        right = min(end, left + room)
    if left > start:  # forward to the next word
        space = _SPACE.search(text, left, max(left, focus_start))
        left = space.end() if space else left
    if right < end:  # back to the end of the last whole word
        spaces = [m.start() for m in _SPACE.finditer(text, max(left, focus_end), right + 1)]
        right = spaces[-1] if spaces else right
    body = _SPACES.sub(" ", text[left:right]).strip(" ,;")
    return f"{ELLIPSIS if left > start else ''}{body}{ELLIPSIS if right < end else ''}"


def list_quote(text: str, heading: Sentence, item: Sentence, last: Sentence | None = None) -> str:
    """A lead-in with its items up to `item` (or to `last`): "Who can apply: - charities - councils";
    when that is too long, the lead-in, "…" and the item."""
    joined = _SPACES.sub(" ", text[heading.start : (last or item).end]).strip()
    if len(joined) <= PHRASE_LIMIT:
        return joined
    lead = quote(text, heading.start, heading.end, limit=PHRASE_LIMIT // 3)
    rest = PHRASE_LIMIT - len(lead) - 3
    return f"{lead} {ELLIPSIS} {quote(text, item.start, item.end, limit=rest)}"
