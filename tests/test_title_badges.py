"""A status badge inside the title's element is the status, not part of the name
(spiders/title_badges.py). Round 29's grants portal (`flexigrant_programme_panels`) stored
"Rural Halls Fund Open for applications", "Community Arts Fund Closed": `::text` reads an
element's inline children too, the Bootstrap `.label` beside the name among them."""

from __future__ import annotations

from parsel import Selector

from spiders.item_fields import read_fields

SELECTORS = {"title": "h3::text", "url": "a::attr(href)"}


def fields(title_html: str, selectors: dict = SELECTORS) -> dict:
    node = Selector(text=f'<div class="p"><h3>{title_html}</h3><a href="/p/1">More</a></div>')
    return read_fields(node.css("div.p")[0], selectors)


def test_a_badge_at_the_titles_end_is_its_status():
    got = fields('Rural Halls Fund <span class="label">Open for applications</span>')
    # Before: "Rural Halls Fund Open for applications" and no status.
    assert (got["title"], got["status"]) == ("Rural Halls Fund", "Open for applications")
    got = fields('<strong class="govuk-tag">Closed</strong> Community Arts Fund')
    assert (got["title"], got["status"]) == ("Community Arts Fund", "Closed")


def test_the_entrys_own_status_is_kept():
    selectors = {**SELECTORS, "status": "p.state::text"}
    node = Selector(
        text='<div class="p"><h3>Arts Fund <span class="tag">Closed</span></h3><p class="state">Reopens '
        "in April</p></div>"
    )
    got = read_fields(node.css("div.p")[0], selectors)
    assert (got["title"], got["status"]) == ("Arts Fund", "Reopens in April")


def test_status_words_that_are_the_name_stay():
    for html, name in (
        ("Open Spaces Fund", "Open Spaces Fund"),
        ("<em>Open</em> Spaces Fund", "Open Spaces Fund"),  # emphasis, no badge class
        ("Closed Loop Fund <span>2027</span>", "Closed Loop Fund 2027"),
    ):
        assert fields(html)["title"] == name, html
    assert fields('<span class="label">Open</span>')["title"] == "Open"  # nothing else to keep
    assert fields("Arts Fund <span>Closed</span>")["title"] == "Arts Fund Closed"  # no badge class


def test_a_note_badge_leaves_the_name_and_gives_no_status():
    # Before: "Rural Halls Fund New" (and "… Updated", "… Featured", "… Closing Soon!"): the badge
    # words knew no note words; a leading "NEW:" was taken off by other words (status.py).
    for badge in ("New", "NEW!", "Updated", "Featured"):
        got = fields(f'Rural Halls Fund <span class="badge">{badge}</span>')
        assert (got["title"], got.get("status")) == ("Rural Halls Fund", None), badge
    got = fields('Rural Halls Fund <span class="badge">Closing Soon!</span>')
    assert (got["title"], got["status"]) == ("Rural Halls Fund", "Closing Soon!")
    both = '<span class="badge">New</span> Rural Halls Fund <span class="label">Closed</span>'
    assert (fields(both)["title"], fields(both)["status"]) == ("Rural Halls Fund", "Closed")
    assert fields('<span class="badge">New</span>')["title"] == "New"  # nothing else to keep


def test_the_cheap_test_agrees_with_the_badge_pattern_and_spares_titles_ending_in_no_badge_word(
    monkeypatch,
):
    import random

    from spiders import title_badges

    words = (
        "open closed now new updated update featured fund grant call soon coming deadline "
        "extended reminder alert applications for to accepting just launched last chance apply "
        "re-opened reopened upcoming forthcoming the arts heat ! : - ( ) NEW! Open. CLOSED (New) "
        "Re-Opened final funding approaching opening 2027 £5k"
    ).split()
    rng = random.Random(29)
    for _ in range(20_000):
        title = " ".join(rng.choice(words) for _ in range(rng.randint(1, 7)))
        expected = title_badges._AT_AN_END.search(title) is not None
        assert title_badges._may_end_in_badge(title) == expected, title

    searched = []

    class Counting:
        def search(self, text):
            searched.append(text)
            return None

    monkeypatch.setattr(title_badges, "_AT_AN_END", Counting())
    # A listing's calls mostly end in words no badge has: the pattern is never tried along them.
    for title in ("Community energy heat network fund 2027", "Rural halls capital programme"):
        assert not title_badges._may_end_in_badge(title)
    assert searched == []
