"""Can a council apply? A cautious reading of a call's eligibility text, kept with the words that decided it.

The verdict is `yes`, `no` or `unclear`. `no` needs the text to rule councils out (negation about
councils, or "only" a class that is not councils); a mere list of other applicants is `unclear`.
Negative statements about councils beat positive ones. "Research Council", "Arts Council" and the
like are funders, never local councils.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

PHRASE_LIMIT = 160
Span = tuple[int, int]

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})
_SPACES = re.compile(r"\s+")
# Lines, bullets, semicolons and sentences separate statements; so do "but" and "whereas", which
# join two opposite ones ("councils can apply, but businesses are not eligible").
_BLOCKS = re.compile(r"[\r\n;\u2022\u25aa\u25cf\u00b7]+")
_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\"'\u201c])|\s*,?\s+\b(?i:but|whereas)\b\s+")

_COUNCIL_TYPED = re.compile(
    r"\blocal\s+authorit(?:y|ies)\b(?!\s+(?:areas?|boundar(?:y|ies)|districts?)\b)"
    r"|\b(?:local|county|district|borough|unitary|parish|town|city|metropolitan|community|"
    r"london\s+borough)\s+councils?\b"
    r"|\bcombined\s+(?:county\s+)?authorit(?:y|ies)\b"
    r"|\b(?:mayoral\s+)?strategic\s+authorit(?:y|ies)\b"
    r"|\blocal\s+government\b(?!\s+areas?\b)"
    r"|\bpublic\s+sector\s+(?:bod(?:y|ies)|organi[sz]ations?|authorit(?:y|ies))\b"
    r"|\bpublic\s+(?:bod(?:y|ies)|authorit(?:y|ies))\b"
    # Bare "public sector" only as an applicant type ("Local authority, Public Sector"), not
    # "public sector challenges", which is what SBRI calls for businesses say.
    r"|\bpublic\s+sector\b(?=\s*(?:[,.;:)/]|$|\s+(?:and|or)\b))",
    re.IGNORECASE,
)
_COUNCIL_BARE = re.compile(r"(?<![\w-])(councils?)(?![\w-])", re.IGNORECASE)
# "research councils", "Arts Council England", "British Council", "Sector Skills Councils": not councils.
_NOT_LOCAL_BEFORE = {
    "research", "arts", "british", "design", "sport", "sports", "science", "sciences", "scientific",
    "advisory", "funding", "skills", "trade", "student", "students", "youth", "school", "pupil",
    "works", "medical", "midwifery", "facilities", "security", "privy", "european", "professions",
    "crafts", "heritage", "music", "nursing",
}  # fmt: skip
_NOT_LOCAL_AFTER = re.compile(r"\s+(?:tax|housing|homes?|estates?|land)\b", re.IGNORECASE)
# After a capitalised "Council", these make it a name: "Council for Science", "Arts Council England".
_NAME_AFTER = re.compile(r"\s+(?:for|of|England|Wales|Scotland|UK)\b")
_SINGULAR_OK_BEFORE = {"a", "an", "any", "your", "each", "every", "one", "per", "local"}
_PREVIOUS_WORD = re.compile(r"([A-Za-z][\w'-]*)\W*$")

# Words that start a new statement between a council and a cue: the cue is then about something else.
_CLAUSE_BREAK = re.compile(
    r"\b(?:can|may|are|is|will|must|should|that|which|who|whose|if|unless|where)\b", re.IGNORECASE
)

_NEGATION_AFTER = re.compile(
    r"\b(?:are|is)\s+(?:not|no\s+longer)\s+(?:eligible|able\s+to\s+apply|allowed\s+to\s+apply|"
    r"permitted\s+to\s+apply)"
    r"|\b(?:are|is)\s+(?:ineligible|excluded)\b"
    r"|\b(?:cannot|can\s+not|can't|may\s+not|must\s+not)\s+(?:apply|bid|lead|be\s+funded)\b"
    r"|\bare\s+unable\s+to\s+(?:apply|bid|lead)\b"
    r"|\b(?:will\s+not|won't)\s+be\s+(?:eligible|funded|considered|accepted)\b"
    r"|\b(?:do|does)\s+not\s+qualify\b",
    re.IGNORECASE,
)
_NEGATION_BEFORE = re.compile(
    r"\bnot\s+(?:open|available)\s+(?:to|for)\b"
    r"|\b(?:excluding|excludes|exclude|excluded|except(?:\s+for)?|other\s+than|apart\s+from|"
    r"with\s+the\s+exception\s+of)\b"
    r"|\b(?:cannot|can't|will\s+not|won't|do\s+not|don't|does\s+not|doesn't)\s+"
    r"(?:accept\s+applications\s+from|fund|accept|support)\b"
    r"|\b(?:not|in)\s*eligible\s*(?:applicants|organi[sz]ations|bodies)?\s*(?:include|are)?\s*:"
    r"|\bineligible\s+(?:applicants|organi[sz]ations|bodies)\s+(?:include|are)\b",
    re.IGNORECASE,
)

# In a summary a council may be only the beneficiary ("…to help local authorities"), so a mention
# counts only when the council is the one applying.
_APPLIES_AFTER = re.compile(
    r"\b(?:can|may|could|should)\s+(?:now\s+|also\s+|jointly\s+)?(?:apply|bid|submit|lead)\b"
    r"|\bare\s+(?:now\s+|also\s+)?(?:invited|eligible|able|encouraged|welcome)\b|\bis\s+eligible\b",
    re.IGNORECASE,
)
_APPLIES_BEFORE = re.compile(
    r"\b(?:open\s+to|available\s+to|applications?\s+(?:are\s+)?(?:invited\s+|welcomed?\s+)?from|"
    r"eligible\s+(?:applicants|organi[sz]ations|bodies)(?:\s+(?:include|are))?|invites|inviting|"
    r"who\s+can\s+apply|applicants?\s+(?:must\s+be|can\s+be|include)|"
    r"(?:fund|funding|grants?|programme|scheme)\s+for)\b",
    re.IGNORECASE,
)

_OTHER_CLASS = (
    r"(?:businesses|business|companies|company|firms|smes?|micro[- ]businesses|enterprises|"
    r"start-?ups|social\s+enterprises|charities|charity|universities|university|"
    r"higher\s+education\s+institutions|heis?|research\s+organi[sz]ations?|research\s+institutions|"
    r"academic\s+institutions|individuals|sole\s+traders|farmers|land\s+managers|schools|"
    r"nhs\s+(?:trusts|organi[sz]ations|bodies)|voluntary\s+(?:and\s+community\s+)?(?:sector\s+)?"
    r"organi[sz]ations|vcses?|community\s+groups|not-for-profit\s+organi[sz]ations)\b"
)
_QUALIFIERS = (
    r"(?:(?:uk|uk-registered|uk-based|registered|based|eligible|micro|small|medium|medium-sized|large|"
    r"sized|private|for-profit|commercial|incorporated|independent|english|scottish|welsh|and|or|"
    r"sector),?\s+)*"
)
_ONLY_OTHER = re.compile(
    rf"(?<!\bnot\s)\bonly\s+(?:(?:open\s+|available\s+)?(?:to|for)\s+)?{_QUALIFIERS}{_OTHER_CLASS}"
    rf"|\b(?:open|available)\s+only\s+(?:to|for)\s+{_QUALIFIERS}{_OTHER_CLASS}"
    rf"|\b{_OTHER_CLASS}\s+only\s*(?:[.;,)]|$)"
    rf"|\b(?:restricted|limited)\s+to\s+{_QUALIFIERS}{_OTHER_CLASS}"
    rf"|\bmust\s+be\s+(?:a|an)\s+{_QUALIFIERS}{_OTHER_CLASS}",
    re.IGNORECASE,
)

_GAP_LIMIT = 100  # characters between a council mention and the words saying it may (not) apply
_CUE_LENGTH = 60  # longer than any cue above


def council_eligibility(
    eligibility: str | None, summary: str | None = None
) -> tuple[str, str | None]:
    """('yes' | 'no' | 'unclear', the clause that decided it, at most 160 characters, or None)."""
    for text, beneficiary_risk in ((eligibility, False), (summary, True)):
        if text and text.strip():
            verdict = _judge(text, needs_applicant_cue=beneficiary_risk)
            if verdict is not None:
                return verdict
    return "unclear", None


def _judge(text: str, *, needs_applicant_cue: bool) -> tuple[str, str] | None:
    # Patterns read `plain` (straight apostrophes, same length); phrases are quoted from `clause`.
    clauses = []
    for clause in _clauses(text):
        plain = clause.translate(_APOSTROPHES)
        clauses.append((clause, plain, council_mentions(plain)))
    for clause, plain, spans in clauses:
        for span in spans:
            if _negated(plain, span):
                return "no", _phrase(clause, span)
    for clause, plain, spans in clauses:
        if not spans and (only := _ONLY_OTHER.search(plain)):
            return "no", _phrase(clause, only.span())
    for clause, plain, spans in clauses:
        for span in spans:
            if not needs_applicant_cue or _applies(plain, span):
                return "yes", _phrase(clause, span)
    return None


def _clauses(text: str) -> Iterator[str]:
    for block in _BLOCKS.split(text):
        for clause in _SENTENCES.split(_SPACES.sub(" ", block).strip()):
            clause = clause.strip(" ,")
            if clause:
                yield clause


def council_mentions(clause: str) -> list[Span]:
    """Where a clause names local councils (or the public sector bodies that include them)."""
    spans = [m.span() for m in _COUNCIL_TYPED.finditer(clause)]
    # A typed mention that contains a bare "council(s)" ends with it ("parish councils").
    typed_ends = {end for _, end in spans}
    spans += [
        m.span()
        for m in _COUNCIL_BARE.finditer(clause)
        if m.end() not in typed_ends and _is_local_council(clause, m)
    ]
    return sorted(spans)


def _is_local_council(clause: str, match: re.Match[str]) -> bool:
    word = match.group(1)
    previous = _PREVIOUS_WORD.search(clause[max(0, match.start() - 40) : match.start()])
    before = previous.group(1) if previous else ""
    if before.lower() in _NOT_LOCAL_BEFORE or _NOT_LOCAL_AFTER.match(clause, match.end()):
        return False
    if word.lower() == "council" and before.lower() not in _SINGULAR_OK_BEFORE:
        return False  # "the Council" is usually the funder speaking of itself
    if word[0].isupper():
        # After another capitalised word, or before "for"/"England", it is an organisation's name.
        if before[:1].isupper() and before.lower() not in _SINGULAR_OK_BEFORE:
            return False
        if word.lower() == "council" and _NAME_AFTER.match(clause, match.end()):
            return False
    return True


def _negated(clause: str, span: Span) -> bool:
    return _cued(clause, span, before=_NEGATION_BEFORE, after=_NEGATION_AFTER)


def _applies(clause: str, span: Span) -> bool:
    return _cued(clause, span, before=_APPLIES_BEFORE, after=_APPLIES_AFTER)


def _cued(clause: str, span: Span, *, before: re.Pattern[str], after: re.Pattern[str]) -> bool:
    """A cue just after the mention, or just before it, with no new statement in between.

    Only a window around the mention is searched, so a long clause stays linear.
    """
    start, end = span
    following = after.search(clause, end, end + _GAP_LIMIT + _CUE_LENGTH)
    if following and _close(clause[end : following.start()]):
        return True
    window = max(0, start - _GAP_LIMIT - _CUE_LENGTH)
    return any(_close(clause[cue.end() : start]) for cue in before.finditer(clause, window, start))


def _close(gap: str) -> bool:
    """The cue belongs to the council mention: near it, with no new statement in between."""
    return len(gap) <= _GAP_LIMIT and not _CLAUSE_BREAK.search(gap)


def _phrase(clause: str, span: Span) -> str:
    """The clause, or a window of it around the deciding words, cut at word boundaries."""
    if len(clause) <= PHRASE_LIMIT:
        return clause
    start, end = span
    left = max(0, min((start + end) // 2 - PHRASE_LIMIT // 2, len(clause) - PHRASE_LIMIT, start))
    if left > 0 and clause[left - 1] != " ":
        space = clause.find(" ", left, start)
        if space != -1:
            left = space + 1
    right = left + PHRASE_LIMIT
    if right < len(clause) and clause[right] != " ":
        space = clause.rfind(" ", end, right)
        if space != -1:
            right = space
    return clause[left:right].strip(" ,")
