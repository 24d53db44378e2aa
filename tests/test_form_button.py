"""The address a GET form's submit button asks (spiders/form_button.py)."""

from __future__ import annotations

from lxml import html

from spiders.form_button import form_button_address

FORM = """<form method="get" action="/grants/search?old=1"><input type="hidden" name="category"
value="all"><input type="checkbox" name="open" value="1" checked><input type="checkbox"
name="closed" value="1"><select name="sort"><option value="az">A–Z</option><option
value="deadline" selected>Deadline</option></select>
<button type="submit" name="page" value="2">Next</button><input type="submit" value="Go"></form>"""


def button(markup: str, xpath: str = "//button"):
    return html.fromstring(f"<div>{markup}</div>").xpath(xpath)[0]


def test_a_get_forms_button_asks_the_action_with_its_fields_and_its_own_value():
    assert form_button_address(button(FORM)) == (
        "/grants/search?category=all&open=1&sort=deadline&page=2"
    )


def test_a_form_with_no_method_or_action_asks_the_page_itself():
    assert (
        form_button_address(button('<form><button name="start" value="20">More</button></form>'))
        == "?start=20"
    )


def test_a_post_form_a_plain_button_and_a_button_with_no_form_ask_nothing():
    post = '<form method="post" action="/x"><button name="page" value="2">Next</button></form>'
    assert form_button_address(button(post)) is None
    assert form_button_address(button('<form><button type="button">Next</button></form>')) is None
    assert form_button_address(button('<button name="page" value="2">Next</button>')) is None
    assert form_button_address(button('<a href="/p2">Next</a>', "//a")) is None
