"""Pure: whether the words right after a pound figure open the next fact's label. Facts written as
lines ("Grants: up to £40,000<br>Total fund: £200,000") reach the money reader run together once
their HTML is text ("… up to £40,000 Total fund: £200,000"), and the next label's first words
were read as this figure's own ("£40,000 total", a pot): a label says nothing of the figure
before it."""

from __future__ import annotations

from config.lazy_pattern import lazy_pattern

# A capitalised field word, a few more words and a colon not followed by a digit (a time, "17:00",
# is no label). Only words that head a call's facts: "£4.8 billion Levelling Up Fund: prospectus"
# names its fund, and that name still makes the figure the pot.
_NEXT_LABEL = lazy_pattern(
    r"[\s,]*(?:Total|Fund|Funding|Budget|Pot|Minimum|Maximum|Min|Max|Awards?|Grants?|Deadline|"
    r"Closing|Closes|Opening|Opens|Who|Eligibility|Amount|Size|Match|Application|Applications)\b"
    r"[^:.;!?\n£]{0,40}?:(?!\d)"
)


def opens_label(text: str, end: int) -> bool:
    """Whether the figure ending at `end` is followed by the next fact's "Label:"."""
    return _NEXT_LABEL.match(text, end) is not None
