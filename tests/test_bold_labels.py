"""A second bold label in one line starts a value of its own (spiders/bold_labels.py): a Notion
callout parts "Deadline" and "Grants" by a newline only CSS keeps, and the deadline was read as
"Friday 22 January 2027, 5pm Grants: £5,000 – £30,000", no date (tests/sites/notion_super_page)."""

from __future__ import annotations

from parsel import Selector

from spiders.extract import label_map


def _labels(inner: str) -> dict[str, str]:
    return label_map(Selector(text=f'<div class="notion-callout-text">{inner}</div>'))


def test_each_bold_label_of_one_line_has_its_own_value():
    callout = "<b>Deadline:</b> Friday 22 January 2027, 5pm\n<b>Grants:</b> £5,000 – £30,000"
    assert _labels(callout) == {
        "deadline": "Friday 22 January 2027, 5pm",
        "grants": "£5,000 – £30,000",
    }
    markdown = "<strong>Deadline</strong>: 3 March 2027 <strong>Amount</strong>: up to £8k"
    assert _labels(markdown) == {"deadline": "3 March 2027", "amount": "up to £8k"}


def test_bold_words_that_are_no_label_stay_in_the_value():
    value = "<b>Deadline:</b> <b>12 noon</b> on 3 March 2027 <strong>(extended)</strong>"
    assert _labels(value)["deadline"] == "12 noon on 3 March 2027 (extended)"
