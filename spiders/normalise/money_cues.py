"""Pure: the words around a pound figure that say what it is: one award's maximum or minimum, the
whole pot, or neither. `money` finds the figures; this judges each by the words just before it (a
short window, searched with "$") and just after it (matched where the figure ends).
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern
from spiders.normalise.money_award import named_award, priced_contract
from spiders.normalise.money_number import POUND
from spiders.normalise.money_offer import clause as clause_of
from spiders.normalise.money_offer import not_on_offer
from spiders.normalise.money_years import programme_years, yearly_end

# Cues BEFORE a figure end where the figure starts (they are searched with "$" in a short window).
_FILLER = (
    r"(?:\s+(?:a|an|the|total|of|award|awards|grant|grants|funding|value|share|size|sizes|amount|"
    r"amounts|level|request|contribution|sum|per|project|application|bid|is|are|will|be|:|"
    # "The maximum you can apply for is £25,000", "The maximum grant from the fund is £10,000"
    r"you|can|may|could|apply|request|ask|for|from\s+(?:the|this)\s+(?:fund|scheme|programme)|"
    # "The maximum grant per organisation is £15,000", "the maximum single award is"
    r"per\s+[a-z-]+|each|single|individual|available|possible|approx\.?|approximately|circa|c\.))*"
)
_MAX_WORDS = lazy_pattern(
    # ("no less than" is a floor, below)
    # "up too £5,000" (a typo); Welsh pages: "hyd at" (up to), "uchafswm" (maximum)
    r"(?:up\s+too?|hyd\s+at|uchafswm|maximum|max\.?|no\s+more\s+than|not\s+(?:to\s+)?exceed(?:ing)?|capped\s+at|cap\s+of|"
    r"(?<!no\s)(?<!not\s)less\s+than|under|below|as\s+much\s+as|a\s+ceiling\s+of)"
    + _FILLER
    + r"\s*:?\s*$",
    re.IGNORECASE,
)
_MIN_WORDS = lazy_pattern(
    r"(?:from(?!\s+(?:the|an?)\b)|at\s+least|minimum|isafswm|min\.?|more\s+than|greater\s+than|over|above|"
    # "Grants will be no less than £2,000", "Grants start at £1,000"
    r"no[t]?\s+less\s+than|no\s+lower\s+than|start(?:s|ing)?\s+(?:at|from)|"
    r"upwards\s+of|in\s+excess\s+of|a\s+floor\s+of)" + _FILLER + r"\s*:?\s*$",
    re.IGNORECASE,
)
# The whole pot: "Total fund:", "Total size of grant scheme", "a share of up to", "a fund of",
# "from a total pot of", "funding pot of", "programme budget of". Not "total costs" (a project's).
_TOTAL_WORDS = lazy_pattern(
    # "Total available funding:", "Total grant funding:": words between "total" and what it totals.
    r"(?:\btotal(?:(?:\s+(?:available|indicative|estimated|capital|revenue|grant))*\s+(?:fund|"
    r"funding|budget|pot|amount|value|available|size\s+of\s+(?:the\s+)?(?:grant\s+)?(?:scheme|fund|"
    r"programme)))?|"
    # "The fund is worth £3.2bn", "The Levelling Up Fund is worth …"
    r"\b(?:fund|funding|programme|scheme|competition|round)\s+(?:(?:is|was|will\s+be)\s+)?worth|"
    # "Innovate UK will invest up to £5 million", "Size of fund:", "Total allocation:"
    r"\binvest(?:s|ing|ment\s+of)?|\bsize\s+of\s+(?:the\s+)?(?:fund|pot|programme|scheme)|"
    r"\btotal\s+allocation|"
    # "Total value of the fund:", "Total size of the programme:"
    r"\btotal\s+(?:value|size|amount)\s+of\s+(?:the\s+)?(?:grant\s+)?(?:fund|programme|scheme|"
    r"competition|pot|budget)|"
    r"\bfund\s+(?:of|size|value)|\bfunding\s+totall?ing|\b(?:fund|funding|programme|scheme|pot)\s+"
    r"totals|\b(?:funding\s+)?pot|\bpool|\bshare\s+of|"
    # "The Department for Transport has committed £200m", "Defra has allocated £25m to…", "We have
    # earmarked £3m": a funder setting money aside (active; "each council has been allocated £1m" is
    # one council's share).
    r"\b(?:(?:has|have|had|will|'s|'ve)\s+(?:(?:now|also|today|already|recently|just|jointly)\s+)?"
    r"(?:allocated|committed|announced|earmarked|pledged|set\s+aside|ring-?fenced|allocate|commit|"
    r"announce|earmark|pledge|distribute)|(?:is|are)\s+(?:now\s+|also\s+)?(?:allocating|committing|announcing|"
    r"earmarking|pledging|setting\s+aside)|(?:allocates|commits|announces|earmarks|pledges|distributes))|"
    # "The government is providing £150 million", "DLUHC will provide £20m": a department's money is
    # a programme's, where "we can provide up to £5,000" from a trust is one award.
    r"\b(?:government|department|ministry|treasury|defra|dluhc|mhclg|desnz|dcms|dfe|dhsc|dft|dwp|"
    # Northern Ireland's departments: "The Executive Office will provide £1.5 million".
    r"home\s+office|(?<!chief\s)executive(?:\s+office)?)(?:\s+(?:for|of)\s+[\w\s,&]{1,50}?)?\s+(?:(?:is|are|has|have|will|'s)\s+)?"
    r"(?:(?:now|also|today|already)\s+)?(?:providing|provided|provide|provides|putting|puts|put)|"
    r"\b(?:programme|scheme|fund|competition|overall)\s+budget|\benvelope|"
    # "Councils will share £1.2bn", "20 areas are to split £5m", "councils share £1bn": a sum shared
    # out among many is the pot (a plural subject or a modal makes "share" a verb, not "a share").
    r"\b(?:(?:will|to|would|shall)\s+(?:(?:all|each|jointly|now|also|together)\s+)?"
    r"(?:share|split|divide)|(?<!\bits)(?<!\bthis)(?<!\bhas)(?<!\bwas)(?<!\bis)(?<=[a-z]s)\s+share|"
    r"sharing)(?:\s+(?:in|out))?|"
    # "Allocations from a £110 million top-up", "… from the £190 million Recovery Grant": the pot
    # they are shared out of (but "from £5,000" is a minimum).
    r"\bfrom\s+(?:the|an?)(?:\s+(?:new|further|additional|extra|dedicated|national|total))?"
    # A bare "Budget:" heads the pot; a project's or an applicant's budget is not it.
    r"|(?<!project\s)(?<!projects\s)(?<!your\s)(?<!their\s)\bbudget)"
    # "Total funding will be £1.5m or £2m": "will be" as "is" (was read as an award's range).
    r"(?:\s*:|\s+(?:of|is|will\s+be|up\s+to|around|approx\.?|approximately|circa|c\.|about|roughly|an?|the|over|almost|nearly|further|"
    r"additional|extra|another|new|more\s+than|"
    r"totall?ing|worth|amounts?\s+to|size|available|for\s+(?:(?:this|the)\s+(?:competition|fund|"
    r"programme|scheme|call|round)|20\d\d(?:[/-]\d\d(?:\d\d)?)?)))*\s*:?\s*$",
    re.IGNORECASE,
)
# "Funding available: £2m", "Available funding: £2m": on a call's page, a bare figure so labelled is
# the money on offer in all. Right before the figure only: "Funding available: Up to £30,000" is one
# award's maximum (as Innovate UK Business Connect's cards say it), and a range is an award's range.
_AVAILABLE_LABEL = lazy_pattern(
    r"\b(?:(?:funding|money)\s+available|available\s+(?:funding|money))\s*:?\s*$", re.IGNORECASE
)
# "Grants: £1,000-£10,000 | Fund: £250,000": a card's bare "Fund:" label, opening the field or a
# cell, right before the figure is the fund's size ("Funding: up to £5,000" is one award's).
_FUND_LABEL = lazy_pattern(r"(?:^|[|;•·:.]\s*)(?:the\s+)?fund\s*:\s*$", re.IGNORECASE)
# Cues AFTER a figure start right where it ends (used with .match(text, end)).
_VERB = r"(?:(?:is|are|has\s+been|have\s+been|will\s+be|was|is\s+being|are\s+being)\s+)?"
_PER_AWARD_AFTER = lazy_pattern(
    r"\s*(?:per|each|a|for\s+each|for\s+every|for\s+one|in\s+each|to\s+each)\s+(?:award|project|grant|organisation|"
    r"applicant|application|bid|partnership|council|authority|local\s+authority|business|place|"
    r"area|site|recipient|successful|winners?|teams?|compan(?:y|ies)|participants?|schools?|groups?|"
    # A councillor's or ward's budget shared out: "up to £500 per ward" is what one ward's project gets.
    r"households?|partners?|wards?|councillors?|members?)\b|\s*each\b",
    re.IGNORECASE,
)
_TOTAL_AFTER = lazy_pattern(
    # "£3 million of funding in total"
    r"(?:\s+of\s+(?:[\w-]+\s+)?funding)?"
    rf"\s*[(,]?\s*{_VERB}(?:(?:made\s+)?available\s+)?(?:in\s+total|in\s+the\s+(?:pot|fund)|"
    r"overall|total\b|across\s+the\s+(?:fund|programme|scheme|competition)|(?:funding\s+)?pot\b|"
    r"(?:(?:grant|funding|capital|revenue|challenge)\s+)?(?:fund|programme|scheme)\b|budget\b|"
    r"competition\b|investment\b|"
    # "£5m across 20 projects", "£5 million across England": shared out, so the whole pot.
    r"across\s+(?:\d+|all|up\s+to\s+\d+|[a-z]+)\s+(?:projects|organisations|councils|local\s+"
    r"authorities|areas|places|bids|awards|grants|schemes|recipients)\b|"
    r"across\s+(?:england|wales|scotland|northern\s+ireland|the\s+uk|great\s+britain)\b|"
    # "£1.5bn nationally", "£3 million has been set aside for parish councils"
    r"(?:nationally|nationwide|(?:uk|england)[\s-]wide)\b|(?:has|have)\s+been\s+(?:set\s+aside|"
    r"ring-?fenced|earmarked|committed)\b|"
    # "We have £12 million to invest", "£1.2m to be shared among successful bids"
    r"to\s+(?:invest|distribute|allocate)\b|"
    # "Up to £2.5 million is available to fund 10 to 20 projects": the sum for many awards.
    rf"{_VERB}(?:made\s+)?available\s+to\s+(?:fund|support)\s+(?:up\s+to\s+|around\s+|about\s+)?"
    r"(?:\d+|[a-z]+)(?:\s+(?:to|-|or)\s+(?:\d+|[a-z]+))?\s+(?:projects|organisations|councils|schemes|bids|"
    r"groups|applications)\b|(?:to\s+be\s+)?(?:shared|split|divided|allocated|"
    r"distributed)\s+(?:across|among|amongst|between|"
    # "A further £100m will be allocated to councils": given out to many (one council's is
    # "allocated to each council" or to a named one, and stays an award).
    r"to\s+(?:\d+\s+|all\s+|eligible\s+|selected\s+|english\s+)?(?:councils|local\s+authorities|"
    r"authorities|areas|places|regions|projects|schemes|organisations))\b)",
    re.IGNORECASE,
)
# "£150 million for the scheme", "£60m for the Local Authority Treescapes Fund", "up to £1.5m is
# available in this round", "There is up to £2 million available in this round": the whole
# programme's money. Weaker: an award word before the figure
# ("grants of up to £10,000 for the scheme") keeps it one award.
_PROGRAMME_AFTER = lazy_pattern(
    # Only a name's capitalised words or a few plain ones stand between: "£25,000 for the first year
    # of the scheme" is a year's money, not the scheme's.
    r"(?i:(?:\s+(?:(?:is|are|will\s+be|has\s+been)\s+)?(?:made\s+)?available)?\s+(?:for|to|in|into|through|"
    r"across|over)\s+(?:the|this|its|that)\s+)(?:[A-Z][\w'-]*\s+|(?i:new|current|next|national|"
    r"whole|entire|overall)\s+){0,6}?(?i:scheme|fund|programme|competition|initiative|round|call|"
    r"funding\s+round|window)\b"
)
# "£1m+ across the region", "£2m across Greater Manchester": shared out over a place below the
# nation (a combined authority's, a county's; England's is _TOTAL_AFTER's), a weaker cue as
# _PROGRAMME_AFTER is: "grants of up to £2,000 across the county" stay one award's.
_ACROSS_PLACE_AFTER = lazy_pattern(
    rf"\s*\+?\s*{_VERB}(?:made\s+)?(?:available\s+)?across\s+(?:the\s+)?(?:whole\s+)?(?:(?i:region|"
    r"county|city[\s-]region|sub-?region|borough|district|combined\s+authority\s+area)\b|"
    # A place's name, not a time's ("across Years 1 and 2" is one award's years).
    r"(?!(?i:years?|months?|weeks?|phases?|stages?|rounds?|terms?|quarters?|two|three|four)\b)"
    r"(?:[A-Z][\w'-]+\s+){0,2}[A-Z][\w'-]+\b)"
)
# "We have £150,000 to award in this round", "£40,000 to give away": the funder's sum to hand out,
# a weaker cue, as _PROGRAMME_AFTER is: "Grants of up to £2,000 to award …" stays one award, and
# "£500 to award to each group" is each one's.
_HAND_OUT_AFTER = lazy_pattern(
    r"\s+to\s+(?:award|give(?:\s+(?:away|out))?)\b(?!\s+(?:to\s+)?(?:each|every|per)\b)",
    re.IGNORECASE,
)
_AWARD_BEFORE = lazy_pattern(
    r"\b(?:grants?|awards?|each|per|individual|projects?|applicants?|you|your|apply|request|bid|"
    r"receive|get|claim|organisations?|groups?|councils?|authorit(?:y|ies))\b",
    re.IGNORECASE,
)
# "£4.8 billion Levelling Up Fund": a pot by its name (but "… Fund grants" are awards from it).
_NAMED_FUND_AFTER = lazy_pattern(
    r"\s+(?:[A-Z][\w'-]*\s+){0,5}?(?:Fund|Programme|Scheme)\b(?!\s+(?:grants?|awards?)\b)"
)
# "£10,000 minimum", "£50,000 max", "£10,000 or more", "£10,000 or less": the cue after the figure.
_MIN_AFTER = lazy_pattern(
    # "£500k+" is a minimum, "£50,000 + VAT" the figure before its tax.
    r"\s*(?:\+(?!\s*vat\b)|(?:as\s+a\s+)?minimum\b|min\b|or\s+(?:more|above|over|greater)\b|"
    r"and\s+(?:above|over|upwards)\b|upwards\b)",
    re.IGNORECASE,
)
_MAX_AFTER = lazy_pattern(
    r"\s*(?:(?:as\s+a\s+)?maximum\b|max\b|or\s+(?:less|under|below|lower)\b|"
    r"and\s+(?:below|under)\b)",
    re.IGNORECASE,
)
# "£4 million available" is a pot, but "grants of up to £50,000 are available" is one award: this
# weaker cue counts only when no award word comes before the figure.
_AVAILABLE_AFTER = lazy_pattern(
    rf"\s*(?:(?:of|in)\s+(?:(?:grant|capital|revenue)\s+)?funding\s+)?{_VERB}(?:made\s+)?available\b",
    re.IGNORECASE,
)

# A total cue after a figure that goes on to a figure of its own ("up to £10,000 (total fund
# £150,000)", "…, total: £150,000") names that figure, the pot, not the one before it.
# Only the label's own words stand between ("total fund", "total fund is:"), never a clause:
# "This £2.5m fund will make awards of £10k–£50k" keeps its pot.
_NEXT_FIGURE = lazy_pattern(
    rf"(?:\s+(?:fund|funding|pot|budget|available|is|of|was|will\s+be)\b)*\s*:?\s*{POUND}",
    re.IGNORECASE,
)


def _total_after(text: str, end: int) -> bool:
    cue = _TOTAL_AFTER.match(text, end)
    return cue is not None and not _NEXT_FIGURE.match(text, cue.end())


_PLUS_AVAILABLE = lazy_pattern(r"\s*\+" + _AVAILABLE_AFTER.pattern, re.IGNORECASE)


# A bound that is refused turns round: "Applications for more than £10,000 will not be considered"
# is a maximum, "Bids of less than £5,000 will not be accepted" a minimum.
_REFUSED_AFTER = lazy_pattern(
    r"\s*(?:will\s+not|won't|cannot|can\s*not|can't|are\s+not|is\s+not|may\s+not)\s+(?:normally\s+)?"
    r"(?:be\s+)?(?:considered|accepted|funded|eligible|supported)\b",
    re.IGNORECASE,
)


# …or before it: "Please do not apply for more than £3,500" is a maximum.
_REFUSED_BEFORE = lazy_pattern(
    r"\b(?:do|does|must|should|may|can)\s*(?:not|n't|’t)\s+(?:apply|ask|bid)\s+for\s+(?:more|less)\s+"
    r"than\s*$",
    re.IGNORECASE,
)


# "Each ward has a budget of up to £500 a year": a budget each one of many holds is one's share, so
# each award's (a fund's own "budget of £2m" stays the pot).
_EACH_BUDGET = lazy_pattern(
    r"\b(?:each|every)\s+(?:[\w'’-]+\s+){1,2}?(?:has|have|gets|receives|is\s+given)\s+(?:a|an)\s+"
    r"(?:annual\s+|yearly\s+|small\s+)?budget\s+of\s+(?:up\s+to\s+)?$",
    re.IGNORECASE,
)


def figure_kind(text: str, before: str, end: int, is_range: bool, total_blind: bool) -> str:
    """What a figure's words make it: range | total | max | min | single | other (not on offer)."""
    if not total_blind and not_on_offer(text, before, end):
        return "other"
    if is_range:
        return "range"
    end = yearly_end(text, end)  # the words after "£1m each year" say what the £1m is
    per_award = per_award_after(text, end)
    cap = _MAX_WORDS.search(before) is not None
    floor = _MIN_WORDS.search(before) is not None
    if (
        not total_blind
        and not per_award
        and not _EACH_BUDGET.search(before)
        and not priced_contract(text, before, end)
    ):
        if (
            _TOTAL_WORDS.search(before)
            or _AVAILABLE_LABEL.search(before)
            or (before.rstrip().endswith(":") and _FUND_LABEL.search(before))
            or _total_after(text, end)
            or _NAMED_FUND_AFTER.match(text, end)
        ):
            return "total"
        clause = clause_of(before)
        programme = (
            _PROGRAMME_AFTER.match(text, end)
            or _HAND_OUT_AFTER.match(text, end)
            or _ACROSS_PLACE_AFTER.match(text, end)
            or programme_years(text, end, clause, lambda: cap or floor)
        )
        if programme and not _AWARD_BEFORE.search(clause):
            return "total"
        # "Over £2 million is available": a floor on what is on offer in all, with no award word
        # before it, is the pot's size (but "grants over £10,000 are available" is one award's
        # minimum). "no more than" holds "more than", hence not a cap.
        # "£1m+ available" is the same floor written after the figure.
        if (
            _AVAILABLE_AFTER.match(text, end)
            and floor
            and not cap
            or _PLUS_AVAILABLE.match(text, end)
        ) and not _AWARD_BEFORE.search(clause):
            return "total"
    refused = _REFUSED_AFTER.match(text, end) is not None or _REFUSED_BEFORE.search(before)
    if cap:
        return "min" if refused else "max"
    if floor or _MIN_AFTER.match(text, end):
        return "max" if refused else "min"
    if _MAX_AFTER.match(text, end):
        return "max"
    # "£4 million is available" is the pot; "Grants of £500 are available" one award's size.
    if not total_blind and not per_award and _AVAILABLE_AFTER.match(text, end):
        return "single" if named_award(before, text, end) else "total"
    return "single"


def per_award_after(text: str, end: int) -> bool:
    """Whether the words after a figure make it each award's ("per project", "each")."""
    return _PER_AWARD_AFTER.match(text, end) is not None
