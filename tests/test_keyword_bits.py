"""Every subscription's keywords looked for at once (notifier/keyword_bits.py): the same answers
as each keyword read alone, and a one-word keyword costs no search of its own per event."""

from __future__ import annotations

import pytest

from config.keywords import KeywordSet, prepare
from config.models import Subscription
from notifier.alerts import OpportunityView
from notifier.keyword_bits import KeywordBits
from notifier.subscription_index import SubscriptionIndex
from tests.notify_helpers import NOW
from tests.test_keywords import keyword_rows, keywords_of


@pytest.mark.parametrize("row", keyword_rows())
def test_each_keyword_is_found_as_it_is_alone(row: dict) -> None:
    # Every row of tests/cases/keywords.yaml, each keyword its own bit, all asked at once.
    words = keywords_of(row)
    bits = KeywordBits({word: 1 << n for n, word in enumerate(words)})
    text = prepare(row["input"])
    found = bits.found(text)
    alone = {word: KeywordSet((word,)).search(text) for word in words}
    assert {word: bool(found >> n & 1) for n, word in enumerate(words)} == alone
    assert bool(found) is row["expected"]


def test_keywords_shared_by_subscriptions_answer_for_each() -> None:
    bits = KeywordBits({"retrofit": 0b0011, "heat pump*": 0b0100, "cyber security": 0b1001})
    assert bits.found(prepare("Retrofit and heat pumps")) == 0b0111
    assert bits.found(prepare("Cyber-security for councils")) == 0b1001
    # A phrase is searched for only for the subscriptions still in question.
    assert bits.found(prepare("Cyber-security for councils"), among=0b0010) == 0
    assert bits.found(prepare("nothing here")) == 0


def test_one_word_keywords_run_no_search_per_event(monkeypatch) -> None:
    searches = []
    search = KeywordSet.search

    def counted(self: KeywordSet, text) -> bool:
        searches.append(self)
        return search(self, text)

    monkeypatch.setattr(KeywordSet, "search", counted)
    words = ["retrofit", "pump*", "bus", "homeless*", "flood", "museum", "youth", "cyber"]
    subscriptions = [
        Subscription.model_validate(
            {
                "id": f"team_{n}",
                "match": {"keywords": [words[n % 8], words[(n + 3) % 8]]},
                "email": {"to": ["a@b.example"]},
            }
        )
        for n in range(40)
    ]
    index = SubscriptionIndex(subscriptions)
    offered = [
        [s.id for s in index.matching("new", _call(title), NOW)]
        for title in ("Better bus routes", "Flood defence", "Homelessness", "Heat pumps", "Parks")
    ]
    # Before: each keyword was searched for on its own, 40 searches for these five calls.
    assert searches == []
    assert [len(ids) for ids in offered] == [10, 10, 10, 10, 0]


def _call(title: str) -> OpportunityView:
    return OpportunityView(id="opp", title=title, url="https://example.gov.uk/fund")
