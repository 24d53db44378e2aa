"""Word's "Save as Web Page" lists under a label: each item a `p.MsoListParagraphCxSp…` of its own
with its bullet drawn as text in a `mso-list:Ignore` span, not a `<ul>` (round 27's
word_save_as_web_page, tests/sites/README.md)."""

from __future__ import annotations

from parsel import Selector

from config.models import LabelSelector
from spiders.extract import FieldReader, select
from spiders.word_lists import item_text

BULLET = """<![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>\u00b7<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>"""

PAGE = f"""<div class=WordSection1><h2>Community Transport Grant</h2>
<p class=MsoNormal><b><span lang=EN-GB>Who can apply:</span></b><span lang=EN-GB><o:p></o:p></span></p>
<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'>{BULLET}<span>community groups<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpMiddle style='mso-list:l0 level1 lfo1'>{BULLET}<span>parish and town councils</span></p>
<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'>{BULLET}<span>charities</span></p>
<p class=MsoNormal><b>Closing date:</b> 4 December 2026</p></div>"""


def read(html: str, label: str) -> str | None:
    node = select(Selector(text=html), "div.WordSection1")[0]
    return FieldReader(node).read(LabelSelector(label=label))


def test_a_label_over_a_word_list_reads_every_item_without_its_bullet():
    # Before: "· community groups", the first paragraph only with Word's bullet, so a call open to
    # parish and town councils (the second item) was judged on community groups alone.
    assert read(PAGE, "Who can apply") == ("community groups; parish and town councils; charities")
    assert read(PAGE, "Closing date") == "4 December 2026"


def test_a_heading_over_a_word_list_reads_its_items_without_bullets():
    html = PAGE.replace(
        "<p class=MsoNormal><b><span lang=EN-GB>Who can apply:</span></b><span lang=EN-GB><o:p></o:p></span></p>",
        "<h3>Who can apply</h3>",
    ).replace("<p class=MsoNormal><b>Closing date:</b> 4 December 2026</p>", "<h3>More</h3>")
    assert "\u00b7" not in (read(html, "Who can apply") or "")
    assert "parish and town councils" in (read(html, "Who can apply") or "")


def test_a_numbered_items_number_is_no_part_of_its_words():
    number = "<![if !supportLists]><span><span style='mso-list:Ignore'>1.<span>&nbsp; </span></span></span><![endif]>"
    paragraph = Selector(text=f"<p class=MsoListNumber>{number}Town councils</p>").css("p")[0]
    assert item_text(paragraph.root) == "Town councils"
