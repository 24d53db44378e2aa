"""The pure readers normalise() asks of every call, cached on their words: a source's calls repeat
their money wording ("Up to £10,000", "Award range: £500,000 - £2,000,000; Total fund:
£12,000,000"), and reading it again was ~40 µs of a call's ~140 µs. Answers are tuples of numbers,
shared safely between calls."""

from __future__ import annotations

from functools import lru_cache

from spiders.normalise import money

# cued_only is a keyword argument and part of the key: a field's reading and prose's differ.
parse_amounts = lru_cache(maxsize=4096)(money.parse_amounts)
