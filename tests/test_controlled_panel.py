"""A card whose facts are in the modal its button opens, written after the whole card grid
(spiders/controlled_panel.py, round 41's bootstrap_modals_apart): what the card lacks is read in
the element its own toggle names by id; every label read nothing before."""

from __future__ import annotations

from parsel import Selector

from config.models import LabelSelector
from spiders.extract import select
from spiders.listing import read_fields

PAGE = """<main><div class="row">
<div class="card"><h3>Halls Fund</h3><span class="badge">Open</span>
 <button data-bs-toggle="modal" data-bs-target="#m1">View details</button></div>
<div class="card"><h3>Youth Grant</h3>
 <button aria-controls="m2">View details</button></div>
<div class="card"><h3>Play Fund</h3>
 <button onclick="document.getElementById('m3').showModal()">View details</button></div>
<div class="card"><h3>Trees Fund</h3><p><strong>Closing date:</strong> 2 April 2027</p>
 <button data-bs-toggle="collapse" data-bs-target="#more4" aria-controls="more4">More</button>
 <div id="more4" class="collapse"><p>Planting on public land.</p></div></div>
</div>
<div class="modal" id="m1"><table><tr><th>Closing date</th><td>15 January 2027</td></tr>
 <tr><th>Grant size</th><td>Up to £5,000</td></tr></table></div>
<div class="modal" id="m2"><dl><dt>Closing date</dt><dd>4 March 2027</dd></dl></div>
<dialog id="m3"><p><strong>Closing date:</strong> 9 February 2027</p></dialog>
<div class="modal" id="feedback"><p><strong>Closing date:</strong> never</p></div></main>"""

FIELDS = {
    "title": "h3::text",
    "status": "span.badge::text",
    "closes": LabelSelector(label="Closing date"),
    "amount": LabelSelector(label="Grant size"),
}


def test_each_card_reads_what_it_lacks_in_the_panel_its_button_opens():
    halls, youth, play, trees = [
        read_fields(node, FIELDS) for node in select(Selector(text=PAGE), "div.card")
    ]
    assert (halls["closes"], halls["amount"]) == ("15 January 2027", "Grant size: Up to £5,000")
    assert halls["status"] == "Open"  # the card's own, not looked for elsewhere
    assert youth["closes"] == "4 March 2027" and youth["amount"] is None
    assert play["closes"] == "9 February 2027"
    # A collapse inside the card is the card's own: nothing read elsewhere, its own date kept.
    assert trees["closes"] == "2 April 2027" and trees["amount"] is None
