"""Pure: a lone pound figure whose own words say it is one award, or a contract's value.

In running text (a feed's summary) a figure counts only when its words say what it is. A cap, a
floor, a range and a pot say so by themselves (money_cues.py); a lone figure with none of those is
one award when:

- an award's noun names it: "grants of £2,500", "a prize of £10,000", "The bursary is worth
  £4,000", "an allocation of £1.2m", "a £3 million grant";
- the one receiving it is each one of many: "Each successful council will receive £100,000",
  "Selected councils will each receive £50,000", "Successful bidders will be awarded £75,000", or
  an applicant asks for it: "Each group can apply for £1,500";
- the words around it share it out: "£15,000 per project", "fellowships of £60,000 each", "£500 is
  paid to each household", "The total grant available per council is £120,000" (but a price is no
  award: "Entry costs £10 per team", "The council will pay £200 per tonne");
- it is a contract's value ("The contract is valued at £250,000", "The estimated value of the
  contract is £1.2 million excluding VAT"): what the winner gets, as a notice's value is read.

A framework's value ("The total value of the framework is estimated at £20 million") is what all
its call-offs share: the pot (a contract's own total value is its winner's), as is a fund said to be the figure ("The
prize fund is £50,000"). "Awards of around £50,000" stays no amount:
"around" gives no award's size, as an average does not (money_aside.py); but what each one of many
receives, hedged ("Each local authority will receive approximately £150,000"), is each one's award.

Every pattern is anchored at the figure (searched with "$" in the caller's short window, or
matched where the figure ends), so a long text costs linear time.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern
from spiders.normalise.money_offer import clause as clause_of

_NOUN = (
    r"(?:grants?|awards?|prizes?|bursar(?:y|ies)|payments?|fellowships?|studentships?|"
    r"scholarships?|allocations?|vouchers?|stipends?)"
)
# "grants of £2,500", "The grant is £3,000", "The bursary is worth £4,000", "Award: £5,000".
_NOUN_BEFORE = lazy_pattern(
    rf"\b{_NOUN}(?:\s+(?:of|is|are|will\s+be|worth|totall?ing|amounting\s+to)|\s*:)+\s*$",
    re.IGNORECASE,
)
# "a £3 million grant", "one £10,000 capital award".
_ARTICLE_BEFORE = lazy_pattern(r"\b(?:a|an|one|each|every)\s*$", re.IGNORECASE)
_NOUN_AFTER = lazy_pattern(
    rf"(?:\s+(?:one-off|capital|revenue|flat-rate|single|cash|start-up))?\s+{_NOUN}\b",
    re.IGNORECASE,
)
# "Each successful council will receive", "Every school taking part receives", "Successful bidders
# will be awarded", "Each local authority has been allocated", "The council has been allocated":
# one receiving, or one of many. Without such a subject ("Councils will receive £1.2bn") the sum may
# be all of theirs, so it says nothing.
_EACH_RECEIVES = lazy_pattern(
    r"(?:\b(?:each|every|successful|selected|winning|chosen|shortlisted)\b|"
    # …or one named alone: "The council has been allocated £2.4 million".
    r"\b(?:the|a|an|your|this)\s+(?:[\w-]+\s+){0,2}?(?:council|authority|applicant|organi[sz]ation|"
    r"project|school|group|recipient|winner|household|partnership)\b)[^.;!?]{0,80}?"
    r"\b(?:receiv(?:es?|ing)|gets?|getting|(?:be|been|is|are)\s+(?:given|awarded|allocated|offered|paid|granted))"
    # A hedge keeps it theirs: "Each local authority will receive approximately £150,000" is what
    # each will get, give or take (unlike "awards of around £50,000", a typical size).
    r"(?:\s+(?:a|an|grants?|awards?|funding|of|approximately|approx\.?|around|about|roughly|circa|"
    r"c\.?|ca\.?|some|an\s+estimated|an\s+indicative))*\s*$",
    re.IGNORECASE,
)
# "The total grant available per council is £120,000": shared out before the figure, as "£120,000
# per council" is after it.
_PER_ONE_BEFORE = lazy_pattern(
    r"\b(?:per|for\s+each|to\s+each)\s+(?:[\w-]+\s+)?(?:award|project|council|authority|organi[sz]ation|"
    r"applicant|application|bid|school|group|household|partnership|area|place|site|recipient)\s+"
    r"(?:is|are|will\s+be|of|:)\s*$",
    re.IGNORECASE,
)
# "£500 is paid to each household that joins": given to each one, said after the figure.
_GIVEN_TO_EACH = lazy_pattern(
    r"\s+(?:is|are|will\s+be|has\s+been|would\s+be)\s+(?:paid|given|awarded|allocated|offered|granted|"
    r"provided)\s+(?:directly\s+)?to\s+(?:each|every)\b",
    re.IGNORECASE,
)
# A price or charge, shared out per unit, is what someone pays: no award.
_PRICE = lazy_pattern(
    r"\b(?:costs?|costing|charged?|charges|fees?|price[sd]?|pays?|paying|spends?|spending)\b",
    re.IGNORECASE,
)
_PER_AWARD_AFTER = lazy_pattern(
    r"\s*(?:per|each|for\s+each|for\s+every|to\s+each)\s+(?:award|project|grant|organisation|"
    r"applicant|application|bid|partnership|council|authority|local\s+authority|business|place|"
    r"area|site|recipient|school|group|household|parish|club|village|community)\b"
    r"|\s*each\b(?!\s+(?:year|month|week|quarter|day|round|term|annum)\b)",
    re.IGNORECASE,
)
# "The contract is valued at", "The estimated contract value is", "The value of this contract is",
# "The total value of the framework is estimated at": a value's words right before the figure…
_VALUE_BEFORE = lazy_pattern(
    r"\b(?:valued?|worth)\b(?:\s+(?:of|is|at|will\s+be|approximately|around|about|estimated|"
    r"expected|anticipated|to\s+be|up\s+to|the|this|each|contract|framework|lot|agreement)|\s*:)*\s*$",
    re.IGNORECASE,
)
_VAT_AFTER = lazy_pattern(
    r"\s*\(?\s*(?:excluding|excl?\.?|exclusive\s+of|ex\.?|\+|plus|including|incl?\.?|inclusive\s+of)\s*vat\b",
    re.IGNORECASE,
)
# …of a contract or a lot (one award), or of a framework's or a contract's total (the pot).
_CONTRACT = lazy_pattern(r"\b(?:contract|lot|call-off)\b", re.IGNORECASE)
# (A contract's own "total value … over five years" is still what its winner gets.)
_SHARED_VALUE = lazy_pattern(
    r"\b(?:aggregate|combined|frameworks?|dynamic\s+purchasing|all\s+(?:the\s+)?lots)\b",
    re.IGNORECASE,
)


# "The prize fund is £50,000", "Our small grants fund is £300,000": a fund named as the clause's
# subject and said to be the figure is the pot; not a cap's or an award's said of the fund ("The
# maximum grant from the fund is £10,000").
_FUND_IS = lazy_pattern(
    r"^\W*(?:the|this|our|its|their|a)\s+(?:(?!(?:max|maximum|min|minimum|largest|smallest|biggest|typical|"
    r"average|from|of|in|per|each|for|by)\b)[\w'-]+\s+){0,4}?(?:fund|pot|budget)\s+(?:is|totals|will\s+be|"
    r"stands\s+at)\s*:?\s*$",
    re.IGNORECASE,
)


# "Each group can apply for £1,500", "You may bid for £20,000": what one applicant asks for is one
# award, whoever the subject ("applied for £3m" last year is past, and no one's ask).
_APPLY_FOR = lazy_pattern(r"\b(?:apply|bid)\s+for\s*$", re.IGNORECASE)


_HEDGE_DOT = lazy_pattern(r"(?:(?<=\bc)|(?<=\bca)|(?<=\bapprox))\.(?=\s*$)", re.IGNORECASE)


def priced_contract(text: str, before: str, end: int) -> bool:
    """Whether the figure is priced before its VAT ("Estimated total value: £3,600,000 (excl.
    VAT)"): a contract's, what its winner gets, never a fund's pot (a grant carries no VAT); a
    framework's or all lots' value still is what many share."""
    return _VAT_AFTER.match(text, end) is not None and not _SHARED_VALUE.search(clause_of(before))


def named_award(before: str, text: str, end: int) -> bool:
    """Whether an award's noun names the figure: "grants of £500", "a £3 million grant"."""
    return _NOUN_BEFORE.search(before) is not None or (
        _ARTICLE_BEFORE.search(before) is not None and _NOUN_AFTER.match(text, end) is not None
    )


def lone_kind(text: str, before: str, end: int) -> str | None:
    """What a lone figure's words make it: "award" (one award: min and max), "total" (the pot), or
    None (nothing said). `before`: the words before the figure, back to the figure before it;
    `end`: where the figure ends in `text`."""
    # The full stop of a hedge's abbreviation ("c. £40k", "approx. £45,000") ends no sentence.
    before = _HEDGE_DOT.sub(" ", before)
    clause = clause_of(before)
    if _VALUE_BEFORE.search(clause):
        if _SHARED_VALUE.search(clause):
            return "total"
        # A notice's "Value: £1,200,000 excluding VAT": a price before its tax is a contract's (a
        # grant carries no VAT), so what the winner gets.
        if _CONTRACT.search(clause) or _VAT_AFTER.match(text, end):
            return "award"
    if _FUND_IS.search(clause):
        return "total"
    if (
        named_award(clause, text, end)
        or _EACH_RECEIVES.search(clause)
        or _PER_ONE_BEFORE.search(clause)
        or _APPLY_FOR.search(clause)
    ):
        return "award"
    if _GIVEN_TO_EACH.match(text, end):
        return "award"
    if _PER_AWARD_AFTER.match(text, end) and not _PRICE.search(clause):
        return "award"
    return None
