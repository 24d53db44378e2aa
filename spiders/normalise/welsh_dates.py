"""Pure: a Welsh page's date words in English, for the date reader.

Welsh public bodies publish every deadline in Welsh too ("Dyddiad cau: hanner dydd, dydd Gwener
12fed Chwefror 2027", "5yh ar 22ain Ionawr 2027"). The months alone were read before; a weekday
("dydd Mawrth", Tuesday, is also the month Mawrth's name), midday ("canol dydd", "hanner dydd"),
"yh"/"yb" after an hour (pm/am), "ar"/"am" (on/at) and the ordinals of 21 to 31 ("21ain", "26ain")
read as nothing, so the whole field was no date. Only text with a Welsh month or weekday in it is
touched: "am" is the English a.m. elsewhere.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern

_MONTHS = {
    "ionawr": "January", "chwefror": "February", "mawrth": "March", "ebrill": "April", "mai": "May",
    "mehefin": "June", "gorffennaf": "July", "awst": "August", "medi": "September",
    "hydref": "October", "tachwedd": "November", "rhagfyr": "December",
}  # fmt: skip
_WEEKDAYS = {
    "llun": "Monday", "mawrth": "Tuesday", "mercher": "Wednesday", "iau": "Thursday",
    "gwener": "Friday", "sadwrn": "Saturday", "sul": "Sunday",
}  # fmt: skip
# "1af", "2il", "3ydd", "5ed", "7fed", "11eg", "21ain": a Welsh ordinal's ending.
_DATE = lazy_pattern(
    r"\b(\d{1,2})(?:af|il|ydd|ed|fed|eg|ain)?\s+(" + "|".join(_MONTHS) + r")\b", re.IGNORECASE
)
# The weekday first: "dydd Mawrth 2 Mawrth 2027" is Tuesday 2 March.
# "ar ddydd Gwener" (on Friday): "dydd" softened after "ar".
_WEEKDAY = lazy_pattern(r"\bd?dydd\s+(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
_MIDDAY = lazy_pattern(r"\b(?:12(?:[:.]00)?\s*)?(?:canol|hanner)\s+dydd\b", re.IGNORECASE)
_MIDNIGHT = lazy_pattern(r"\b(?:12(?:[:.]00)?\s*)?canol\s+nos\b", re.IGNORECASE)  # midnight
_HALF = lazy_pattern(r"\b(\d{1,2}(?:[:.]\d{2})?)\s*y([hb])\b", re.IGNORECASE)  # 5yh, 9.30yb
_ON_AT = lazy_pattern(r"\b(ar|am)\s+(?=\d|midday|Monday|Tuesday|Wednesday|Thursday|Friday)", re.I)


def welsh_in_english(text: str) -> str:
    """The text with its Welsh date words in English; unchanged when it has none."""
    weekdays = _WEEKDAY.sub(lambda m: _WEEKDAYS[m[1].lower()], text)
    dated = _DATE.sub(lambda m: f"{m[1]} {_MONTHS[m[2].lower()]}", weekdays)
    if dated == text:
        return text
    dated = _MIDDAY.sub("midday", dated)
    dated = _MIDNIGHT.sub("midnight", dated)
    dated = _HALF.sub(lambda m: m[1] + ("pm" if m[2].lower() == "h" else "am"), dated)
    return _ON_AT.sub(lambda m: "on " if m[1].lower() == "ar" else "at ", dated)
