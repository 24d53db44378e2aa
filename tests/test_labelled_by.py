"""A field reading `aria-labelledby` reads the words of the element it names (spiders/labelled_by.py).
Before round 21 it read the id: a Bootstrap tab panel's "future-tab" (no status at all), "closed-
tab" read closed only because the id happened to hold the word."""

from __future__ import annotations

from datetime import UTC, datetime

from parsel import Selector

from spiders.extract import FieldReader
from spiders.normalise.status import normalise_status

TABS = """<html><body>
<ul class="nav nav-tabs" role="tablist">
  <li><button id="t1" role="tab" aria-controls="p1">Open <span class="badge">1</span></button></li>
  <li><button id="t2" role="tab" aria-controls="p2">Future rounds</button></li>
</ul>
<div class="tab-content">
  <div class="tab-pane" id="p1" role="tabpanel" aria-labelledby="t1"><div class="card">A</div></div>
  <div class="tab-pane" id="p2" role="tabpanel" aria-labelledby="t2"><div class="card">B</div></div>
</div>
<section class="call" aria-labelledby="h-village"><p>Grants for village halls.</p></section>
<h2 id="h-village">Village Halls Fund</h2>
</body></html>"""

STATUS = "xpath:ancestor::div[@role='tabpanel'][1]/@aria-labelledby"


def test_a_tab_panels_aria_labelledby_reads_as_its_tabs_words():
    cards = Selector(text=TABS).css("div.card")
    words = [FieldReader(card).read(STATUS) for card in cards]
    assert words == ["Open 1", "Future rounds"]
    now = datetime(2026, 11, 25, 9, tzinfo=UTC)
    assert [normalise_status(w, None, None, now) for w in words] == ["open", "upcoming"]


def test_an_items_own_aria_labelledby_and_an_id_naming_nothing():
    section = Selector(text=TABS).css("section.call")[0]
    assert FieldReader(section).read("::attr(aria-labelledby)") == "Village Halls Fund"
    orphan = Selector(text='<div aria-labelledby="gone"><p class="x">x</p></div>').css("p.x")[0]
    assert FieldReader(orphan).read("xpath:ancestor::div[1]/@aria-labelledby") == "gone"
