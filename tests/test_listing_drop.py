"""The rule that holds a crawl whose listing collapsed (storage/listing_drop.py): pure."""

from __future__ import annotations

from storage.listing_drop import held


def test_fewer_than_a_fifth_of_a_listing_of_twenty_or_more_is_held_naming_both_counts():
    assert held(3, 120).startswith("listed 3 calls, down from 120 in its last whole crawl: ")
    assert held(3, 20) is not None


def test_a_fifth_or_more_a_small_listing_or_a_first_crawl_is_not():
    assert held(4, 20) is None  # a fifth kept: a round's calls closed and taken down together
    assert held(5, 10) is None  # half of a listing closed at the end of a round: removals
    assert held(1, 19) is None  # a small listing loses most of its calls in an ordinary month
    assert held(0, None) is None  # nothing to compare with
