"""A fund's own name, and councils sent to one: "the Local Authority Housing Fund" names a pot, not a
council (mentions.py), and "… not eligible for this grant but can apply to the Community Facilities
Programme" sends the councils to another pot, not to this one (clauses.py).
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern

_POT_WORD = (
    r"(?:funds?|programmes?|schemes?|grants?|challenge|competition|prize|initiative|pathfinder)\b"
)
_NAME_WORDS = r"(?:\s+(?-i:[A-Z])[\w'-]*){0,4}?"
# After a capitalised council's words: "Local Authority Housing Fund", "Local Authority Delivery
# scheme", "Local Authority Fund" (the name's own capitalised words, then the pot's).
POT_NAME_AFTER = lazy_pattern(_NAME_WORDS + r"\s+" + _POT_WORD, re.IGNORECASE)


def named_pot(pot_word: str = _POT_WORD) -> str:
    """A pot by its name, as a pattern: a capitalised word, up to four more, then a pot's word."""
    return r"(?-i:[A-Z])[\w'-]*" + _NAME_WORDS + r"\s+" + pot_word


_NAMED_POT = named_pot()
# "… should apply to our Main Grants programme": the funder's other pot by its name (its own would be
# "this programme"); only as a direction, as "Councils may apply to our Community Fund" may be this pot.
SENT_TO_NAMED = (
    r"(?:should|must)\s+(?:instead\s+)?(?:apply|bid)\s+(?:to|for|through|under|via)\s+"
    rf"our\s+{_NAMED_POT}"
)
# "…, but can apply to the Community Facilities Programme" after a denial for this call: the same
# councils, sent to a pot by its name.
_NOT_THIS = lazy_pattern(
    r"[^.;]{0,40}?\b(?:not|cannot|can't|ineligible)\b[^.;]{0,40}?\b(?:for|to|from)\s+this\s+(?:grant|fund|funding|"
    r"programme|scheme|call|round|competition|strand)\b[^.;]{0,20}?,?\s+but\s+(?:they\s+)?"
    r"(?:should|must|can|may|could)\s+(?:instead\s+)?(?:still\s+)?(?:apply|bid)\s+(?:to|for|through|under|via)\s+"
    rf"(?:the\s+|our\s+)?{_NAMED_POT}",
    re.IGNORECASE,
)


def sent_to_named_pot(sentence: str, end: int) -> bool:
    """Whether the councils ending at `end` are denied this call and sent to a pot by its name."""
    return _NOT_THIS.match(sentence, end) is not None


# "Applicants in Wales should apply to the Welsh Government's Local Places for Nature scheme, which is
# open to Welsh local authorities": who may apply to the pot sent to, not to this call. The pot is
# another's by its owner or a "separate"/"other" (on its own page "Groups should apply to the Community
# Fund, which is open to …" may be this call).
OTHER_POT_OPEN_TO = lazy_pattern(
    r"\b(?:should|must|can|may)\s+(?:instead\s+)?(?:apply|bid)\s+(?:to|for|through|under|via)\s+[^.;]{0,50}?"
    r"(?:'s|\b(?:separate|other|different|another))\s+[^.;]{0,60}?"
    rf"{_POT_WORD},?\s*(?:which|that)\s+(?:is|are)\s+(?:only\s+|also\s+)?(?:open|available)\s+to\s+"
    r"(?:[\w'-]+\s+){0,3}$",
    re.IGNORECASE,
)
