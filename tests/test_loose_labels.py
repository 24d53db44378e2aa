"""A `{label: …}` field on a funder's own page, where labels are not dt/dd or th/td rows: a label
element and its value, a "Label: value" line, a heading and its section. The card below is
hand-built from shapes common on funders' own sites; it mirrors no one source."""

from __future__ import annotations

from parsel import Selector

from config.models import LabelSelector
from spiders.eligibility import council_eligibility
from spiders.extract import FieldReader
from spiders.listing import read_fields

CARD = """<article class="grant">
  <h3 class="grant__title"><a href="/grants/community-energy">Community energy fund</a></h3>
  <p class="meta"><span class="meta__label">Deadline:</span> <span>12 March 2027, 5pm</span></p>
  <ul class="facts">
    <li>Grant size: £5,000 to £40,000</li>
    <li>Opens: 1 February 2027</li>
  </ul>
  <div class="row"><div class="key">Funder:</div><div class="value">Community Energy England</div></div>
  <h4>Who can apply</h4>
  <p>Community groups, charities and parish councils.</p>
  <ul><li>Town councils</li></ul>
  <h4>How to apply</h4>
  <p>Online, through our portal.</p>
  <dl><dt>Status</dt><dd>Open</dd></dl>
</article>"""


def fields(**selectors):
    node = Selector(text=CARD).css("article.grant")[0]
    return read_fields(
        node, {name: LabelSelector(label=label) for name, label in selectors.items()}
    )


def test_each_shape_of_label_a_funder_writes_is_read():
    read = fields(
        closes="Deadline",
        amount="Grant size",
        opens="Opens",
        funder="Funder",
        eligibility="Who can apply",
        status="Status",
    )
    assert read == {
        "closes": "12 March 2027, 5pm",
        "amount": "Grant size: £5,000 to £40,000",
        "opens": "1 February 2027",
        "funder": "Community Energy England",
        # A label that leads a list of applicants is kept: the list reads only with it.
        "eligibility": "Who can apply: Community groups, charities and parish councils. Town councils",
        "status": "Open",
    }


def test_an_eligibility_label_that_leads_a_list_is_kept_and_decides_the_verdict():
    page = Selector(
        # "Festival organisers" is no kind of applicant known, so the list alone is read cautiously
        # ("community benefit societies" was, until groups named by their work were known).
        text="<div class='call'><h3>Who can apply</h3><p>Festival organisers, "
        "co-operatives, charities and town and parish councils.</p>"
        "<h3>Notes</h3><p>Charities and parish councils.</p></div>"
    )
    node = page.css("div.call")[0]
    kept = read_fields(node, {"eligibility": LabelSelector(label="Who can apply")})["eligibility"]
    assert kept == (
        "Who can apply: Festival organisers, co-operatives, charities and town and parish councils."
    )
    assert council_eligibility(kept, None)[0] == "yes"
    assert council_eligibility(kept.split(": ", 1)[1], None)[0] == "unclear"  # the list alone
    # A label that says nothing of who may apply gives its value alone.
    notes = read_fields(node, {"eligibility": LabelSelector(label="Notes")})["eligibility"]
    assert notes == "Charities and parish councils."


def test_a_welsh_label_beside_the_english_one_still_keeps_the_label():
    # Round 14 (welsh_first_twin_pages): ["Who can apply", "Pwy all wneud cais"] for an English
    # page with one fund still in Welsh kept no label at all, the Welsh one not being known to
    # lead a list, so the English card's list was read bare: unclear.
    labels = LabelSelector(label=["Who can apply", "Pwy all wneud cais"])
    english = Selector(
        text="<div><span class='l'>Who can apply:</span> Community groups, charities and "
        "town and community councils in the valley</div>"
    ).css("div")[0]
    kept = read_fields(english, {"eligibility": labels})["eligibility"]
    assert kept.startswith("Who can apply: Community groups")
    assert council_eligibility(kept, None)[0] == "yes"
    welsh = Selector(
        text="<div><span class='l'>Pwy all wneud cais:</span> Grwpiau cymunedol a chynghorau "
        "tref a chymuned</div>"
    ).css("div")[0]
    kept = read_fields(welsh, {"eligibility": labels})["eligibility"]
    assert kept == "Pwy all wneud cais: Grwpiau cymunedol a chynghorau tref a chymuned"
    assert council_eligibility(kept, None)[0] == "yes"


def test_a_heading_section_ends_at_the_next_heading_and_reads_rows_spaced():
    reader = FieldReader(Selector(text=CARD).css("article.grant")[0])
    assert reader.by_label(["How to apply"]) == "Online, through our portal. Status Open"


def test_rows_still_come_first_and_a_missing_label_is_missing():
    page = Selector(
        text="<div><dl><dt>Deadline</dt><dd>1 May 2027</dd></dl><p>Deadline: never</p></div>"
    )
    reader = FieldReader(page.css("div")[0])
    assert reader.by_label(["Deadline"]) == "1 May 2027"
    assert reader.by_label(["Closing date"]) is None


def test_a_container_whose_first_line_is_labelled_is_not_read_as_one_value():
    page = Selector(text="<div class='c'>Note: read this<p>Closing date: 3 June 2027</p></div>")
    reader = FieldReader(page.css("div.c")[0])
    assert reader.by_label(["Note"]) is None
    assert reader.by_label(["Closing date"]) == "3 June 2027"


def test_a_label_parted_from_its_value_by_a_dash_is_read():
    # An accordion's facts list: `<li><span class="facts__label">Closing date</span> – 20 January
    # 2027, 5pm</li>`. Only "Label: value" lines were read, so every fact was "— not found".
    html = """<details><summary><h2>Warm Spaces Grants</h2></summary><ul>
    <li><span class="facts__label">Closing date</span> &ndash; 20 January 2027, 5pm</li>
    <li><span class="facts__label">Grant size</span> - up to &pound;3,000 - &pound;5,000</li>
    <li>Who can apply &mdash; parish councils</li>
    <li>Warm Spaces - Round 2 opens later</li></ul></details>"""
    node = Selector(text=html).css("details")[0]
    read = read_fields(
        node,
        {
            "closes": LabelSelector(label="Closing date"),
            "amount": LabelSelector(label="Grant size"),
            "eligibility": LabelSelector(label="Who can apply"),
        },
    )
    assert read == {
        "closes": "20 January 2027, 5pm",
        "amount": "Grant size: up to £3,000 - £5,000",  # the first dash parts, the rest is value
        "eligibility": "Who can apply: parish councils",
    }


BR_LINES = """<div class="grant">
  <p><strong>Deadline:</strong> Tues 3rd Feb '27<br>
  <strong>Amount:</strong> £500 – £2,500<br><strong>Open to:</strong> parish councils</p>
  <p>Opens: 2026-12-01T09:00<br>Closes: 03.02.2027<br>Grant size: up to £1.5m (capital)</p>
</div>"""


def test_lines_parted_by_br_in_one_paragraph_are_each_a_label_and_its_value():
    # A page builder's facts: "Deadline: …<br>Amount: …" in one <p>. The <strong> label's value ran
    # on over every later line ("Tues 3rd Feb '27 Amount: £500 – £2,500 Open to: …": no date), and
    # a plain line's label took the whole paragraph, so neither closing date was read.
    node = Selector(text=BR_LINES).css("div.grant")[0]
    reader = FieldReader(node)
    assert reader.by_label(["Deadline"]) == "Tues 3rd Feb '27"
    assert reader.by_label(["Amount"]) == "£500 – £2,500"
    assert reader.by_label(["Opens"]) == "2026-12-01T09:00"
    assert reader.by_label(["Closes"]) == "03.02.2027"
    assert reader.by_label(["Grant size"]) == "up to £1.5m (capital)"
    # The same lines one inline element down (a page builder's <span class="text">) read the same.
    nested = Selector(text="<div><p><span>Closes: 03.02.2027<br>Fund: £5k</span></p></div>")
    reader = FieldReader(nested.css("div")[0])
    assert (reader.by_label(["Closes"]), reader.by_label(["Fund"])) == ("03.02.2027", "£5k")


def test_facts_parted_by_a_spaced_bar_or_bullet_on_one_line_are_each_a_label_and_its_value():
    # A Liferay asset's summary: "Closing date: 12/02/2027 | Grant: … | Who can apply: …". The
    # first label took the whole line ("12/02/2027 | Grant: …") and the others were not found.
    line = (
        "<div class='asset'><p>Closing date: 12/02/2027 | Grant: £2,500 – £10,000 (40% "
        "intervention rate) | Who can apply: SMEs</p><p>Opens: 1 March 2027 • Fund: £1.5m</p></div>"
    )
    reader = FieldReader(Selector(text=line).css("div.asset")[0])
    assert reader.by_label(["Closing date"]) == "12/02/2027"
    assert reader.by_label(["Grant"]) == "£2,500 – £10,000 (40% intervention rate)"
    assert reader.by_label(["Who can apply"]) == "SMEs"
    assert (reader.by_label(["Opens"]), reader.by_label(["Fund"])) == ("1 March 2027", "£1.5m")
    # A bar with no space around it is no break ("A|B" in a value stays whole).
    tight = Selector(text="<div><p>Grant size: £5k|£10k</p></div>").css("div")[0]
    assert FieldReader(tight).by_label(["Grant size"]) == "£5k|£10k"


def test_every_dd_under_one_dt_is_its_value():
    # <dt>Funding available</dt><dd>Small grants: …</dd><dd>Large grants: …</dd>: only the first
    # <dd> was read, so the large grants' cap and a total fund in the second were lost.
    html = """<dl><dt>Funding available</dt><dd>Small grants: £5k–£15k</dd>
      <dd>Large grants: up to £60,000</dd><dt>Funder</dt><dd>Arts Council England</dd></dl>"""
    reader = FieldReader(Selector(text=html).css("dl")[0])
    assert reader.by_label(["Funding available"]) == (
        "Small grants: £5k–£15k; Large grants: up to £60,000"
    )
    assert reader.by_label(["Funder"]) == "Arts Council England"


def test_a_label_element_named_so_by_its_class_needs_no_colon():
    # Drupal renders every field as <div class="field__label">Closing date</div> and its
    # field__item(s), the inline colon added by CSS: {label: "Closing date"} found nothing on a
    # LocalGov Drupal council's listing, so no date, amount or applicants were read.
    html = """<article>
      <div class="field"><div class="field__label">Closing date</div>
        <div class="field__item"><time datetime="2027-02-03T12:00:00Z">Wed 3 Feb 2027 - 12:00</time></div></div>
      <div class="field"><div class="field__label">Who can apply</div>
        <div class="field__items"><div class="field__item">Town and parish councils</div>
        <div class="field__item">Parish meetings</div></div></div>
      <div class="note">Deadline</div><div>not a label: no colon, no label class</div>
    </article>"""
    reader = FieldReader(Selector(text=html).css("article")[0])
    assert reader.by_label(["Closing date"]) == "Wed 3 Feb 2027 - 12:00"
    assert reader.by_label(["Who can apply"]) == "Town and parish councils; Parish meetings"
    assert reader.by_label(["Deadline"]) is None


def test_a_css_in_js_label_class_with_a_generated_number_names_a_label():
    # A SharePoint Online modern page's list web part (Fluent UI) writes its fields as
    # <div class="fieldLabel-147">Closing date</div><div class="fieldValue-148">…</div>: the
    # class named no label the plain way, so none of the ICB page's facts were read.
    html = """<div role="listitem"><div class="fields-145">
      <div class="field-146"><div class="fieldLabel-147">Closing date</div>
        <div class="fieldValue-148"><span>28/01/2027 17:00</span></div></div>
      <div><label class="ms-Label root-160">Grant amount</label><span>Up to £30,000</span></div>
      <div><div class="labelled-by-x">Status</div><div>not a label: a word that only starts so</div></div>
      <div><div class="label-value">Funder</div><div>not a label: a name, not a number, after it</div></div>
    </div></div>"""
    reader = FieldReader(Selector(text=html).css("div[role=listitem]")[0])
    assert reader.by_label(["Closing date"]) == "28/01/2027 17:00"
    assert reader.by_label(["Grant amount"]) == "Up to £30,000"
    assert reader.by_label(["Status"]) is None
    assert reader.by_label(["Funder"]) is None


def test_a_css_modules_hashed_label_class_names_a_label():
    # CSS modules hash every class per build (<span class="GrantCard_label__Zp4kQ">Closes</span>,
    # Vite's "_label_x7q2a_12"): no colon and no plain label class, so a river trust's cards gave
    # no date, money or eligibility at all.
    html = """<li class="GrantCard_fact__8TnV0"><ul>
      <li><span class="GrantCard_label__Zp4kQ">Closes</span><span>26 March 2027</span></li>
      <li><span class="_label_x7q2a_12">Grant size</span><span>Up to £2,500</span></li>
      <li><span class="Card_labelText__b2Rr1">Status</span><span>not a label: another name</span></li>
    </ul></li>"""
    reader = FieldReader(Selector(text=html).css("li")[0])
    assert reader.by_label(["Closes"]) == "26 March 2027"
    assert reader.by_label(["Grant size"]) == "Up to £2,500"
    assert reader.by_label(["Status"]) is None


def test_a_label_after_a_list_items_name_and_a_dash_is_read():
    # A <noscript> fallback list: "<a>Shopfront Improvement Grant</a> – Closing date: 22 January
    # 2027. …": the label was taken to be the whole "Shopfront … – Closing date", so
    # {label: "Closing date"} found nothing on the unseen council's page.
    html = """<ul><li><a href="/shopfront">Shopfront Improvement Grant</a> – Closing date:
      22 January 2027. Grants of up to £7,500.</li></ul>"""
    reader = FieldReader(Selector(text=html).css("li")[0])
    assert reader.by_label(["Closing date"]) == "22 January 2027. Grants of up to £7,500."
    assert reader.by_label(["Grant"]) is None


def test_a_grid_rows_first_column_labels_the_second():
    # Bootstrap lays a card's facts out as <div class="row"><div class="col-md-4 fw-bold">
    # Deadline</div><div class="col-md-8">…</div></div>, no colon, no dl, no table: a combined
    # authority's page stored no date, money, status or applicants for 3 of 3 calls.
    html = """<div class="card-body">
      <div class="row border-top"><div class="col-md-4 fw-bold">Deadline</div>
        <div class="col-md-8">Friday 12 February 2027, 12:00 noon</div></div>
      <div class="grid-x"><div class="cell small-4">Grant size</div>
        <div class="cell small-8">£50,000 to £500,000</div></div>
      <div class="facts"><div class="font-weight-bold">Status</div><div><span>Open</span></div></div>
      <div class="row"><div class="col-4">Funder</div><div class="col-8">A</div><div>B</div></div>
      <div><div>Who can apply</div><div>not a label: nothing says the first names the second</div></div>
    </div>"""
    reader = FieldReader(Selector(text=html).css("div.card-body")[0])
    assert reader.by_label(["Deadline"]) == "Friday 12 February 2027, 12:00 noon"
    assert reader.by_label(["Grant size"]) == "£50,000 to £500,000"
    assert reader.by_label(["Status"]) == "Open"
    assert reader.by_label(["Funder"]) is None  # three columns: no label and value pair
    assert reader.by_label(["Who can apply"]) is None


def test_a_label_with_soft_hyphens_or_zero_width_spaces_in_it_is_still_found():
    # An editor's hyphenation writes "Eligi&shy;bility" and "Clos&shy;ing date:": the label
    # reads the same to anyone, but {label: "Closing date"} found none of these rows.
    html = """<div class="c"><p><strong>Clos&shy;ing date:</strong> 15 January 2027</p>
      <ul><li>Who can ap&shy;ply: Parish councils</li><li>Grant&#8203; size: up to £5,000</li></ul>
      <dl><dt>Fund&shy;ing</dt><dd>£1,000</dd></dl><h3>Eligi&shy;bility</h3><p>Charities</p>
    </div>"""
    reader = FieldReader(Selector(text=html).css("div.c")[0])
    assert reader.by_label(["Closing date"]) == "15 January 2027"
    assert reader.by_label(["Who can apply"]) == "Parish councils"
    assert reader.by_label(["Grant size"]) == "up to £5,000"
    assert reader.by_label(["Funding"]) == "£1,000"
    assert reader.by_label(["Eligibility"]) == "Charities"
