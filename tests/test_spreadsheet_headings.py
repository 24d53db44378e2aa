"""A spreadsheet saved as a web page (Excel's "Save as Web Page", Google Sheets' published HTML)
heads its columns with plain <td>s made bold by a class in the page's <style>, under a title row
and an empty row: `{label: "Closing date"}` on a call's row reads the cell under that heading."""

from __future__ import annotations

from parsel import Selector

from config.models import LabelSelector
from spiders.bold_cells import bold_classes
from spiders.extract import FieldReader, select

EXCEL = """<html><head><style><!--table {mso-displayed-decimal-separator:"\\.";}
.xl65 {font-size:11.0pt; mso-number-format:General;}
.xl66 {color:white; font-weight:700; background:#1F4E78;}
.xl70 {font-size:14.0pt; font-weight:700;}
--></style></head><body><table x:str>
<tr><td colspan=2 class=xl70>External funding register</td><td class=xl65></td></tr>
<tr><td class=xl65></td><td class=xl65></td><td class=xl65></td></tr>
<tr><td class=xl66>Fund</td><td class=xl66>Closing date</td><td class=xl65></td></tr>
<tr><td class=xl65><a href="/a">Bus fund</a></td><td class=xl65 x:num="46416">29-Jan-27</td>
<td class=xl65></td></tr></table></body></html>"""


def read(html: str, label: str) -> str | None:
    node = select(Selector(text=html), "xpath://tr[td/a]")[0]
    return FieldReader(node).read(LabelSelector(label=label))


def test_a_heading_row_bold_by_its_class_under_a_title_row_heads_the_columns():
    # Before: None (no <th>, no <b>, and the first row was the title), so every call of the
    # register lost its closing date, amount and funder without a word.
    assert read(EXCEL, "Closing date") == "29-Jan-27"
    # Inline bold is bold too.
    inline = EXCEL.replace("class=xl66>", "style='font-weight:bold'>")
    assert read(inline, "Closing date") == "29-Jan-27"


def test_a_row_in_a_class_that_is_not_bold_heads_nothing():
    plain = EXCEL.replace("class=xl66>", "class=xl65>")
    assert read(plain, "Closing date") is None


def test_the_classes_a_style_sheet_makes_bold():
    css = (
        ".ritz .waffle .s1{font-weight:bold;} td.xl66, .x2 {font-weight: 600} .n {font-weight:400}"
    )
    assert bold_classes(css) == {"s1", "xl66", "x2"}
