"""A listing's call whose title is struck through reads closed (spiders/struck_title.py): an unseen
trust's page kept its fully committed fund listed with its name in <del>, its deadline still to
come, and it was stored open."""

from __future__ import annotations

from parsel import Selector

from config.models import LabelSelector
from spiders.item_fields import read_fields

TITLE = "h3 a::text"


def status_of(html: str) -> str | None:
    node = Selector(text=html).css("div.fund")[0]
    return read_fields(node, {"title": TITLE, "status": "span.status::text"})["status"]


def test_a_title_in_del_s_or_strike_is_closed():
    for tag in ("del", "s", "strike"):
        html = f'<div class="fund"><h3><{tag}><a href="/f">Kitchens Fund</a></{tag}></h3></div>'
        assert status_of(html) == "Closed", tag
        inside = f'<div class="fund"><h3><a href="/f"><{tag}>Kitchens Fund</{tag}></a></h3></div>'
        assert status_of(inside) == "Closed", tag


def test_a_struck_word_elsewhere_or_in_part_of_the_title_is_not_a_status():
    was_price = (
        '<div class="fund"><h3><a href="/f">Kitchens Fund</a></h3><p><s>£5,000</s> £8,000</p></div>'
    )
    assert status_of(was_price) is None
    one_word = '<div class="fund"><h3><a href="/f">Kitchens <del>Grant</del> Fund</a></h3></div>'
    assert status_of(one_word) is None


def test_a_status_the_page_gives_wins():
    html = (
        '<div class="fund"><h3><del><a href="/f">Kitchens Fund</a></del></h3>'
        '<span class="status">Reopens in 2027</span></div>'
    )
    assert status_of(html) == "Reopens in 2027"
    by_label = read_fields(
        Selector(text=html).css("div.fund")[0],
        {"title": TITLE, "amount": LabelSelector(label="Grants")},
    )
    assert by_label["status"] == "Closed"
