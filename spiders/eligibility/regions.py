"""Where a sentence's lists of applicants are, and what each makes of its items (YES, NO, PARTNER:
a lead-in's by cue_modes.py).

A list hangs off a lead-in ("Open to …", "Who can apply: …") or a verb ("… can apply", "… are not
eligible") and runs to a clause break, the next cue or a fixed reach. A denial just before a lead-in
turns it round ("is not open to"); an exception carved out of a denial lets its list in ("Local
authorities are not eligible, except parish councils"); one carved out of a permission for everyone
leaves the verdict to the councils it names ("Open to all except parish councils").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from config.lazy_pattern import lazy_pattern
from spiders.eligibility.clauses import VERBS, shared_subject
from spiders.eligibility.cue_modes import NO, PARTNER, REACH, YES, cue_mode
from spiders.eligibility.cues import (
    CLAUSE_BREAK,
    EXCEPTION,
    NEGATIVE,
    PERMITS,
)
from spiders.eligibility.lead_ins import LEAD_INS
from spiders.eligibility.no_subject import fronted, inside_subject, no_subject, own_subject
from spiders.eligibility.partner_lead_ins import NOT_NEEDED, PARTNER_LEAD_INS
from spiders.eligibility.recipients import UNIVERSAL

AGAIN = "yes again"  # a permission for the subject of the verb before: overrides its denial
SOME_OUT = (
    "some out"  # carved out of a permission for everyone: "Open to all except parish councils"
)
_LEAD, _VERB = "lead-in", "verb"

# "The following are not eligible: councils; schools" goes on after its colon.
_INCLUDING = lazy_pattern(
    r"(?:\s+from\s+(?:applying|bidding))?\s*,?\s*(?:including|such\s+as|for\s+example|e\.g\.|like)\s+|(?:\s+to\s+(?:apply|bid))?\s*:\s*",
    re.IGNORECASE,
)
# A verb's subject left out: "… but can apply for revenue funding", "… and they can lead".
_ELIDED = lazy_pattern(
    r"[\s,]*(?:(?:but|and|yet)\s+)?(?:(?:they|it|these|such\s+\w+)\s+)?", re.IGNORECASE
)
_PERMITS = lazy_pattern(PERMITS, re.IGNORECASE)  # cues.py: a cue a "not" does not turn round
# "No organisation is excluded from applying": nobody barred, so everyone let in.
_NOBODY = lazy_pattern(
    r"\s*no\s+(?:[\w-]+\s+){0,3}?(?:organi[sz]ations?|applicants?|one|bod(?:y|ies)|types?|sectors?)\s",
    re.IGNORECASE,
)
# "Neither local authorities nor NHS bodies are eligible", "None of the partners may be a council":
# the subject denies what its verb or lead-in would let in.
_NONE_OF = lazy_pattern(r"\s*(?:neither|none\s+of)\b", re.IGNORECASE)
_BARRED = lazy_pattern(r"\b(?:excluded|barred|precluded|prevented)\b", re.IGNORECASE)
# "… organisations that are not local authorities", carved out of a denial, lets councils in.
_NOT_ONE_OF = lazy_pattern(r"(?:that|which|who)\s+(?:are|is)\s+not\b", re.IGNORECASE)


def denies(cue: str) -> bool:
    """Whether a cue's words rule its list out ("cannot apply"), not let it in ("not excluded")."""
    return NEGATIVE.search(cue) is not None and not _PERMITS.fullmatch(cue.strip())


_COLON = lazy_pattern(r"\s*:")
_REQUIRED = lazy_pattern(
    r"\s*:?\s*(?:must|should|will|can|may|needs?\s+to|has\s+to)\s+(?:be|include)"
    r"(?:\s+(?:either|one\s+of(?:\s+the\s+following)?))?\s*:?\s*",
    re.IGNORECASE,
)


def find_lists(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, mode) of each list: after a lead-in, or before a verb, up to a clause break."""
    cues: list[tuple[re.Match[str], str]] = sorted(
        [(m, _LEAD) for m in LEAD_INS.finditer(sentence)]
        + [(m, PARTNER) for m in PARTNER_LEAD_INS.finditer(sentence)]
        + [(m, _VERB) for m in VERBS.finditer(sentence)],
        key=lambda pair: pair[0].start(),
    )
    kept: list[tuple[re.Match[str], str]] = []
    for cue, kind in cues:
        if not kept or cue.start() >= kept[-1][0].end():
            kept.append((cue, kind))
    kinds = {kind for _, kind in kept}
    breaks = [m.span() for m in CLAUSE_BREAK.finditer(sentence)]
    break_starts = [start for start, _ in breaks]
    # A colon opens a lead-in's list ("must be one of the following: …") rather than ending it.
    list_ends = [start for start, _ in breaks if sentence[start] != ":"]
    # After a colon, semicolons part the items: "Open to: charities; local authorities; businesses".
    colon_ends = [start for start in list_ends if sentence[start] != ";"]
    verbs, lead_ins = [], []
    verb_modes: dict[int, str] = {}  # each verb's reading, its subject's "no" or "neither" counted
    # "Applicants do not need the support of their local council": no list, of partners or others.
    unneeded = {m.end() for m in NOT_NEEDED.finditer(sentence)} if PARTNER in kinds else set()
    for index, (cue, kind) in enumerate(kept):
        if kind == PARTNER and cue.end() in unneeded:
            continue
        if kind == _VERB:
            before = bisect_right(break_starts, cue.start() - 1)
            # "All local authorities except parish councils can apply": the verb's list begins
            # before the exception carved out of it (which, a lead-in, then has the last word).
            previous = index - 1
            # So does partner wording in its subject: "Local authorities working in partnership
            # with the NHS can apply" (the partner is the NHS, the council still applies).
            if previous >= 0 and (_is_exception(kept[previous]) or kept[previous][1] == PARTNER):
                previous -= 1
            # And a lead-in with nothing after it is inside the subject: "… the voluntary groups they
            # fund can", whose subject is not left out (it is the groups).
            if (
                previous >= 0
                and kept[previous][1] == _LEAD
                and inside_subject(sentence, kept[previous][0], cue.start())
            ):
                previous -= 1
            clause = breaks[before - 1][1] if before else 0
            start = own_subject(
                sentence,
                max(kept[previous][0].end() if previous >= 0 else 0, clause, cue.start() - REACH),
                cue.start(),
            )
            # "Apart from parish councils, no public bodies can apply": the subject is after it.
            if index and _is_exception(kept[index - 1]):
                start = fronted(sentence, clause, kept[index - 1][0], cue.start()) or start
            mode = (
                NO
                if denies(cue.group())
                or _NONE_OF.match(sentence, start)
                or no_subject(sentence, start, cue.start(), cue.end())
                else YES
            )
            if mode == NO and _BARRED.search(cue.group()) and _NOBODY.match(sentence, start):
                mode = YES
            verb_modes[cue.start()] = mode
            if verbs and _ELIDED.fullmatch(sentence, start, cue.start()):
                # "Local authorities cannot apply for capital funding but can apply for revenue":
                # the verb with no subject of its own shares the one before, and has the last word.
                verbs.append((verbs[-1][0], verbs[-1][1], AGAIN if mode == YES else mode))
                continue
            if not verbs and before and _ELIDED.fullmatch(sentence, start, cue.start()):
                # "Local authorities can act as match funders but are not eligible to apply": the
                # clause before has no verb of ours, but its subject is this verb's all the same.
                verbs.append((*shared_subject(sentence, breaks, before - 1), mode))
                continue
            verbs.append((start, cue.start(), mode))
            # "Any organisation can apply, including councils": the verb's list goes on after it.
            if more := _INCLUDING.match(sentence, cue.end()):
                ends = colon_ends if more.group().rstrip().endswith(":") else list_ends
                after = bisect_left(ends, more.end())
                end = min(
                    ends[after] if after < len(ends) else len(sentence),
                    kept[index + 1][0].start() if index + 1 < len(kept) else len(sentence),
                    more.end() + REACH,
                )
                verbs.append((more.end(), end, mode))
            continue
        following = kept[index + 1] if index + 1 < len(kept) else None
        # The heading's own list ends at a semicolon before a verb with a subject of its own:
        # "Eligibility: local authorities; charities may also apply" lists the councils itself.
        stop = len(sentence)
        if following is not None and following[1] == _VERB and cue.group().rstrip()[-1:] in ":?":
            semicolons = [
                at
                for at in break_starts
                if cue.end() <= at < following[0].start() and sentence[at] == ";"
            ]
            if not semicolons:
                # A heading ("Eligibility:", "Who can apply?") whose list is the subject of a
                # verb: the verb says what it is ("Eligibility: local authorities cannot apply").
                continue
            stop = semicolons[-1]
        after = bisect_left(break_starts, cue.end())
        clause = breaks[after - 1][1] if after and breaks[after - 1][1] <= cue.start() else 0
        subject = (
            _is_exception((cue, kind))
            and following is not None
            and fronted(sentence, clause, cue, following[0].start())
        )
        if (
            following is not None
            and following[1] == _VERB
            and (
                NEGATIVE.search(following[0].group())
                or subject
                and no_subject(sentence, subject, following[0].start(), following[0].end())
            )
            and bisect_left(break_starts, cue.end())
            == bisect_left(break_starts, following[0].start())
        ):
            # "Grants to individuals are not available": the denial after the list has the last word,
            # but an exception carved out of it is let in: "Councils, other than parish councils,
            # cannot apply".
            if _is_exception((cue, kind)):
                end = following[0].start()
                lead_ins.append((cue.end(), min(end, cue.end() + REACH), YES))
            continue
        # A question mark heads a list as a colon does: "Who can apply? Charities; parish councils".
        colon = cue.group().rstrip().endswith((":", "?")) or _COLON.match(sentence, cue.end())
        ends = colon_ends if colon else list_ends
        list_end = bisect_left(ends, cue.end())
        end = min(
            kept[index + 1][0].start() if index + 1 < len(kept) else len(sentence),
            ends[list_end] if list_end < len(ends) else len(sentence),
            cue.end() + REACH,
            stop,
        )
        mode = cue_mode(sentence, cue, clause)
        mode = NO if mode == YES and _NONE_OF.match(sentence, clause) else mode
        carve_out = _is_exception((cue, kind)) or _NOT_ONE_OF.fullmatch(cue.group().strip())
        # "No public bodies may apply, other than parish councils": denied by its subject's "no".
        before = kept[index - 1][0].start() if index else -1
        denied_before = before >= clause and verb_modes.get(before, "") == NO
        if carve_out and index and (denied_before or _denies(sentence, kept[index - 1], clause)):
            mode = YES  # "Local authorities are not eligible, except parish councils"
        elif (
            _is_exception((cue, kind))
            and mode == NO
            # Within a list's reach: searched from the clause's start, a sentence of thousands of
            # exceptions read its whole beginning again for each one (2,000: 0.8 s).
            and UNIVERSAL.search(sentence, max(clause, cue.start() - REACH), cue.start())
        ):
            mode = SOME_OUT  # "Open to all except parish councils": which councils decides
        # "Lead applicant: must be a local authority": the list starts after what the heading requires.
        start = cue.end()
        if colon and (required := _REQUIRED.match(sentence, start, end)):
            start = required.end()
        lead_ins.append((start, end, PARTNER if kind == PARTNER and mode == YES else mode))
    # A lead-in inside a verb's list has the last word: "Any organisation (excluding councils) can apply".
    return verbs + lead_ins


def _is_exception(cue: tuple[re.Match[str], str]) -> bool:
    return cue[1] == _LEAD and EXCEPTION.fullmatch(cue[0].group().strip()) is not None


def _denies(sentence: str, cue: tuple[re.Match[str], str], clause_start: int) -> bool:
    """Whether a cue, in the same clause, rules its list out ("are not eligible", "not open to")."""
    match, kind = cue
    if match.start() < clause_start or _is_exception(cue):
        return False
    if kind == _VERB:
        return denies(match.group())
    return kind == _LEAD and cue_mode(sentence, match, clause_start) == NO
