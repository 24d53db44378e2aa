"""The rule that a configured field matched none of at least three calls (spiders/field_matches.py)."""

from __future__ import annotations

from config.models import Source
from spiders.field_matches import FieldMatches, names_a_null
from spiders.items import OpportunitySighting

SOURCE = Source.model_validate(
    {
        "id": "grid",
        "kind": "listing",
        "urls": ["https://www.example.org.uk/grants"],
        "item": "tr",
        "fields": {"title": "a::text", "url": "a::attr(href)", "closes": "td.date::text"},
        "detail": {"fields": {"amount": {"label": ["Amount", "Grant size"]}}},
    }
)


def calls(count: int, **values) -> FieldMatches:
    matches = FieldMatches()
    for n in range(count):
        matches.add(SOURCE, OpportunitySighting("grid", title=f"Call {n}", url=f"/c{n}", **values))
    return matches


def test_none_of_three_is_a_problem_naming_field_and_selector():
    assert calls(3).problems(SOURCE) == [
        "closes ('td.date::text') matched none of the 3 calls: the page layout may have changed, "
        "or the selector never fitted it",
        "amount (labels 'Amount', 'Grant size' on its detail pages) matched none of the 3 calls: "
        "the page layout may have changed, or the selector never fitted it",
    ]


def test_fewer_than_three_calls_or_one_that_has_it_is_none():
    assert calls(2).problems(SOURCE) == []
    matches = calls(4)
    found = OpportunitySighting("grid", url="/c9", closes="3 March 2027", amount_max=5000.0)
    matches.add(SOURCE, found)
    assert matches.problems(SOURCE) == []


def test_a_call_whose_detail_page_was_not_read_is_not_counted_for_its_fields():
    matches = calls(5, closes="3 March 2027", unread=["amount"])
    assert matches.problems(SOURCE) == []


def test_a_field_the_api_gives_as_null_fits():
    assert names_a_null("opensDate", {"opensDate": None})
    assert names_a_null("attributes.opens", {"attributes": {"opens": None}})
    assert not names_a_null("opensDate", {"opens": None})  # a key it does not hold
    assert not names_a_null("attributes.opens", {"attributes": None})
    assert not names_a_null("opensDate", {"opensDate": ""})
    assert not names_a_null("dates[0].start", {"dates": [{"start": None}]})  # not a key chain
    matches = calls(3, closes="3 March 2027", present=["amount"])
    assert matches.problems(SOURCE) == []


def test_a_call_with_no_link_asked_no_detail_page():
    matches = FieldMatches()
    for n in range(4):
        matches.add(SOURCE, OpportunitySighting("grid", title=f"Call {n}", closes="3 May 2027"))
    assert [line.split(" (")[0] for line in matches.problems(SOURCE)] == ["url"]


def test_an_optional_label_no_call_shows_beside_others_that_matched_is_no_problem():
    # A card's "Opening date", shown only by upcoming calls, on three open ones: honest. The same
    # field the source requires is judged alone.
    cards = {
        "id": "cards",
        "kind": "listing",
        "urls": ["https://www.example.org.uk/grants"],
        "item": "article",
        "fields": {
            "title": "h2::text",
            "url": "a::attr(href)",
            "closes": {"label": "Closing date"},
            "opens": {"label": "Opening date"},
        },
    }
    for required, want in ((["title", "url"], []), (["title", "url", "opens"], ["opens"])):
        source = Source.model_validate({**cards, "required": required})
        matches = FieldMatches()
        for n in range(3):
            call = OpportunitySighting("cards", title=f"Call {n}", url=f"/c{n}", closes="3 May")
            matches.add(source, call)
        assert [line.split(" (")[0] for line in matches.problems(source)] == want


def test_a_field_once_matched_is_not_looked_at_again():
    # Every call's every field was looked at (found() per field per call, in the crawl's pipeline);
    # only whether a field ever matched is judged, so the first match ends its count.
    matches = calls(5, closes="3 March 2027")
    assert dict(matches.matched) == {"title": 1, "url": 1, "closes": 1, "amount": 0}
    assert dict(matches.asked) == {"title": 1, "url": 1, "closes": 1, "amount": 5}
    assert matches.problems(SOURCE)[0].startswith("amount (labels 'Amount', 'Grant size' on its")
