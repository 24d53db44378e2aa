"""Can a council apply? A cautious reading of a call's eligibility text, kept with the sentence that
decided it.

The verdict is one of:

- `yes`: a council can apply or lead (county, district, unitary, metropolitan, London borough,
  parish and town councils, combined authorities, a council as accountable body);
- `partner`: only as a partner or collaborator, or applicants are told to work with one;
- `no`: councils are ruled out, or the eligible applicants are listed and councils are not among
  them ("Who can apply: Private Sector, Non-profit", "Open to NHS trusts");
- `unclear`: nothing says.

A council let in beats a council ruled out: `yes` means some council can apply, so "Parish councils
can apply. Unitary councils are not eligible." and "All local authorities except parish councils can
apply" are `yes` (an alert goes to a council that may bid; the sentence says which). A council ruled
out with none let in is `no`, except that one ruled out as the lead but welcome as a partner is
`partner`. A council named only as a partner beats a list that leaves councils out. The summary
is read only when the eligibility text says nothing, and there a council counts only as the one
applying ("a fund for councils"), never as the one helped ("to help councils"). "Research Council", "Arts Council England" and the like are funders, never councils.

The phrase is the whole sentence that decided (a list item comes with its lead-in: "Who can apply:
- charities - parish councils"), as written with spaces collapsed, cut at about 300 characters on a
word boundary with "…".
"""

from __future__ import annotations

from functools import lru_cache

from config.keywords import fold
from spiders.eligibility.apply_through import through_applicant
from spiders.eligibility.explicit import only_implies
from spiders.eligibility.open_lists import open_list
from spiders.eligibility.reading import NO, PARTNER, YES, lead_in_mode, read
from spiders.eligibility.referents import named_again
from spiders.eligibility.sent_to_applicant import sent_to_applicant
from spiders.eligibility.sentences import PHRASE_LIMIT, Sentence, list_quote, quote, sentences
from spiders.eligibility.signatories import council_signs
from spiders.eligibility.spellings import tidy
from spiders.eligibility.tables import header_of, row_role
from spiders.eligibility.welsh import in_english
from spiders.normalise.text import as_text

__all__ = ["PHRASE_LIMIT", "council_eligibility"]

# One sentence's reading, cached: a source's calls differ in their first lines but share their
# boilerplate ("Local authorities in England can apply."), and reading a sentence is most of
# judging a call. Readings are shared between calls, so nothing here may change one.
_read = lru_cache(maxsize=8192)(read)


def council_eligibility(
    eligibility: str | None, summary: str | None = None
) -> tuple[str, str | None]:
    """('yes' | 'partner' | 'no' | 'unclear', the sentence that decided it, or None)."""
    # As text first: a list or a number from a source is unhashable or has no words to cache.
    return _eligibility(as_text(eligibility), as_text(summary))


# Cached: a source repeats its eligibility wording across its calls ("Who can apply: Local authority,
# Public Sector"); judging it was the largest part of normalising an item.
@lru_cache(maxsize=4096)
def _eligibility(eligibility: str | None, summary: str | None) -> tuple[str, str | None]:
    for text, in_summary in ((eligibility, False), (summary, True)):
        if text and text.strip():
            verdict = _judge(text, in_summary=in_summary)
            if verdict is not None:
                return verdict
    return "unclear", None


council_eligibility.cache_clear = _eligibility.cache_clear  # type: ignore[attr-defined]


def _outright(said: bool | None, plain: str, words: str, heading: Sentence | None) -> bool:
    """Whether the sentence says outright who applies, not only implies it (explicit.py), its
    lead-in's words read with it; `said`: the answer already worked out for it, if any."""
    if said is not None:
        return said
    return not only_implies(
        words, plain[heading.start : heading.end] if heading is not None else None
    )


def _answered_line(plain: str, heading: Sentence, sentence: Sentence) -> bool:
    """ "Who can apply?\nSchools, …": a question's answer on a line of its own is quoted alone (a
    bulleted item keeps its lead-in: "Who can apply? • Parish councils")."""
    return plain[heading.end - 1] == "?" and not sentence.marked


def _judge(text: str, *, in_summary: bool) -> tuple[str, str] | None:
    # Patterns read `plain` (straight apostrophes, entities blanked, misspellings put right: the
    # same length); phrases are quoted from `text`.
    plain = tidy(fold(text))
    first: dict[str, str] = {}
    # Lists that leave councils out, by group (a lead-in and its items, or one sentence):
    # (first sentence, last sentence, lead-in).
    others: dict[int, tuple[Sentence, Sentence, Sentence | None]] = {}
    broad: set[int] = set()  # groups whose lists name councils or "organisations"
    modes: dict[int, str | None] = {}
    header = header_of(plain) if "|" in plain else None
    previous = None
    applicants: list[str] = []  # the lists of applicants that leave councils out, so far
    implied: set[str] = set()  # verdicts quoted from a sentence that only implies who applies
    in_welsh: set[str] = set()  # verdicts quoted from a sentence in Welsh
    outright: set[int] = set()  # groups whose lists do not only imply who applies
    for sentence in sentences(plain):
        heading = sentence.heading
        if heading is not None and heading.start not in modes:
            modes[heading.start] = lead_in_mode(plain[heading.start : heading.end])
        words = plain[sentence.start : sentence.end]
        # "… However, they are not eligible.": read with the councils named before put back.
        # "Gall awdurdodau lleol wneud cais": Welsh read in English words, quoted as written.
        welsh = in_english(words)
        # "Villages … can apply through a constituted community group": the group applies.
        again = named_again(words, previous) or welsh or through_applicant(words)
        previous = words
        if applicants and sent_to_applicant(words, applicants):
            # "Only NHS trusts can apply. Councils … should contact their local trust": a partner.
            first.setdefault(PARTNER, quote(text, sentence.start, sentence.end))
            continue
        if council_signs(words):
            # "The Section 151 officer of the lead authority must sign the bid": a council's bid.
            first.setdefault(YES, quote(text, sentence.start, sentence.end))
        reading = _read(
            again or words,
            lead_in=modes[heading.start] if heading is not None else None,
            bare_lists=not in_summary,
        )
        said = None  # whether it says outright who applies: asked only when it decides something
        for verdict, (start, end), by_lead_in in reading.roles:
            # A bilingual page's English twin is quoted over its Welsh one ("Mae'r gronfa ar agor i
            # gynghorau …\nThe fund is open to …").
            if verdict in first and verdict not in implied and (welsh or verdict not in in_welsh):
                continue
            said = _outright(said, plain, words, heading)
            if verdict in first and not said:
                continue
            (implied.discard if said else implied.add)(verdict)
            (in_welsh.add if welsh else in_welsh.discard)(verdict)
            if again:  # the spans are the rewritten sentence's: quote the sentence as written
                first[verdict] = quote(text, sentence.start, sentence.end)
            elif (
                heading is not None
                and (by_lead_in or text[sentence.start].islower() and not reading.bare)
                and not _answered_line(plain, heading, sentence)
            ):
                # An item in lower case that says something goes on its lead-in's sentence ("Lead
                # applicants must be able to show: • … • the support of their local authority").
                first[verdict] = list_quote(text, heading, sentence)
            else:
                focus = (sentence.start + start, sentence.start + end)
                first[verdict] = quote(text, sentence.start, sentence.end, focus)
        # "Local authority | No | Yes" under "Type of organisation | Lead applicant | Partner".
        in_columns = row_role(words, header) if header is not None else None
        if in_columns is not None and in_columns not in first:
            first[in_columns] = quote(text, sentence.start, sentence.end)
        group = heading.start if heading is not None else -1 - sentence.start
        if reading.broad:
            broad.add(group)
        if reading.others is not None:
            applicants.append((again or words)[slice(*reading.others)])
            if _outright(said, plain, words, heading):
                outright.add(group)
            opened = others[group][0] if group in others else sentence
            others[group] = (opened, sentence, heading)  # the group's first and latest list
    if YES in first:
        return YES, first[YES]
    if NO in first:
        return (PARTNER, first[PARTNER]) if PARTNER in first else (NO, first[NO])
    if PARTNER in first:
        return PARTNER, first[PARTNER]
    # A list said outright before one only implied ("aimed at …"), each in the order read.
    for group, (first_item, last_item, heading) in sorted(
        others.items(), key=lambda pair: pair[0] not in outright
    ):
        if group in broad:
            continue
        if heading is not None and open_list(plain, heading.start, heading.end):
            continue  # "Eligible organisations include, but are not limited to: • charities"
        if heading is not None and not _answered_line(plain, heading, first_item):
            return NO, list_quote(text, heading, first_item, last_item)
        return NO, quote(text, first_item.start, first_item.end)
    return None
