"""`{label: …}` where unseen sites put their labels: a table row's column headings (a Drupal Views
table, one call a row) and either half of a bilingual Welsh/English label."""

from __future__ import annotations

from parsel import Selector

from config.models import LabelSelector
from spiders.extract import FieldReader, select

TABLE = """<table class="views-table"><thead><tr><th>Title</th><th>Deadline</th>
<th colspan="2">Amount</th></tr></thead><tbody>
<tr><td><a href="/a">Heat fund</a></td><td>12/02/2027 - 12:00</td><td>Up to</td><td>£5m</td></tr>
</tbody></table>"""


def read(html: str, item: str, label: str) -> str | None:
    node = select(Selector(text=html), item)[0]
    return FieldReader(node).read(LabelSelector(label=label))


def test_a_rows_cells_are_read_by_their_column_headings():
    assert read(TABLE, "tbody tr", "Deadline") == "12/02/2027 - 12:00"
    assert read(TABLE, "tbody tr", "Amount") == "Up to"  # a spanning heading: its first cell
    assert read(TABLE, "tbody tr", "Closing date") is None


def test_a_table_without_thead_uses_a_first_row_of_headings():
    html = "<table><tr><th>Fund</th><th>Closes</th></tr><tr><td>Bus</td><td>3 March 2027</td></tr></table>"
    assert read(html, "xpath://tr[td]", "Closes") == "3 March 2027"


def test_a_first_row_of_cells_all_in_bold_is_the_heading_row():
    # An early-2000s table heads its columns with <td><font><b>…</b></font></td>, not <th>: the
    # curator's {label: "Closing Date"} found nothing, so no call had a closing date.
    html = """<table><tr><td><font><b>&nbsp;Fund</b></font></td><td><b>Closing&nbsp;Date</b></td>
    </tr><tr><td><a href="/a"><b>Bus fund</b></a></td><td>&nbsp;3 March 2027&nbsp;</td></tr></table>"""
    assert read(html, "xpath://tr[2]", "Closing Date") == "3 March 2027"
    # A first row with words out of bold is a call's, as before.
    plain = html.replace("<b>Closing&nbsp;Date</b>", "Closing&nbsp;Date")
    assert read(plain, "xpath://tr[2]", "Closing Date") is None
    # Nor is a first row all in bold that links somewhere: a featured call's, not the headings.
    featured = """<table><tr><td><a href="/f"><b>Heat fund</b></a></td><td><b>1 May 2027</b></td>
    </tr><tr><td><a href="/a">Bus fund</a></td><td>3 March 2027</td></tr></table>"""
    assert read(featured, "xpath://tr[2]", "1 May 2027") is None


def test_the_column_heading_row_in_tds_is_passed_over_as_an_item():
    # item "center table tr" took the <td><b> heading row for a call with no title or link.
    from spiders.heading_rows import is_heading_row

    rows = Selector(
        text="""<table><tr><td><b>Fund</b></td><td><b>Closes</b></td></tr>
    <tr><td><a href="/a">Bus fund</a></td><td>3 March 2027</td></tr></table>"""
    ).css("tr")
    assert [is_heading_row(row.root) for row in rows] == [True, False]


def test_either_half_of_a_bilingual_label_finds_its_value():
    html = "<div><dl><dt>Dyddiad cau / Closing date</dt><dd>5 Mawrth 2027 / 5 March 2027</dd></dl>"
    html += "<p>Swm | Amount: Hyd at £50,000 / Up to £50,000</p></div>"
    for label in ("Closing date", "Dyddiad cau", "Dyddiad cau / Closing date"):
        assert read(html, "div", label) == "5 Mawrth 2027 / 5 March 2027"
    assert read(html, "div", "Amount") == "Hyd at £50,000 / Up to £50,000"


SPANNED = """<table><thead><tr><th>Scheme</th><th>Grant available</th><th>Closing date</th>
<th>Who can apply</th></tr></thead><tbody>
<tr><th scope="row">Round 1</th><td rowspan="2">Up to £2,500</td><td>15/01/2027 12:00</td>
<td rowspan="2">Parish councils</td></tr>
<tr><th scope="row">Round 2</th><td>31/03/2027 12:00</td></tr>
<tr><th scope="row">Villages</th><td>£5,000</td><td>26/02/2027 17:00</td><td>Towns</td></tr>
</tbody></table>"""


def test_a_cell_spanning_rows_stands_in_each_of_them():
    # An Umbraco council table: the second round's row holds only its heading and its date, the
    # amount and applicants spanning down from the row above. Read by position, its date was taken
    # for the amount and it had no closing date, without a word.
    rows = "xpath://tbody/tr[2]"
    assert read(SPANNED, rows, "Closing date") == "31/03/2027 12:00"
    assert read(SPANNED, rows, "Grant available") == "Up to £2,500"
    assert read(SPANNED, rows, "Who can apply") == "Parish councils"
    # The row under them is laid out as written: the span has ended.
    assert read(SPANNED, "xpath://tbody/tr[3]", "Closing date") == "26/02/2027 17:00"


def test_a_rows_heading_cell_is_read_under_its_column_heading():
    # `<th scope="row">` names the row's call: {label: "Scheme"} found nothing, as only td cells
    # were read, and every call came without a title.
    assert read(SPANNED, "xpath://tbody/tr[2]", "Scheme") == "Round 2"
    assert read(SPANNED, "xpath://tbody/tr[3]", "Scheme") == "Villages"


ARIA = """<div role="table"><div role="rowgroup"><div role="row"><span role="columnheader">Fund</span>
<span role="columnheader">Closes</span><span role="columnheader">Award</span></div></div>
<div role="rowgroup"><div role="row" class="r"><span role="cell"><a href="/a">Bus</a></span>
<span role="cell">19/01/2027 17:00</span><span role="cell">Up to £5,000</span></div></div></div>"""


def test_an_aria_grid_rows_cells_are_read_by_their_column_headings():
    # A table drawn with divs (role="table", "row", "columnheader", "cell"): {label: "Closes"}
    # found nothing on an unseen council's funding finder, so no date, amount or applicants.
    assert read(ARIA, "div.r", "Closes") == "19/01/2027 17:00"
    assert read(ARIA, "div.r", "Award") == "Up to £5,000"
    assert read(ARIA, "div.r", "Closing date") is None
    # The header row is no call of its own, and a row outside any role="table" has no headings.
    assert read(ARIA, "xpath://div[@role='row'][span[@role='columnheader']]", "Closes") is None
    loose = ARIA.replace('role="table"', 'class="t"')
    assert read(loose, "div.r", "Closes") is None


SIDEWAYS = """<table><caption>At a glance</caption>
<tr><th scope="row">Scheme</th><td><a href="/a">Shopfronts</a></td><td><a href="/b">EV</a></td></tr>
<tr><th scope="row">Closing date</th><td>29 January 2027</td><td>12 March 2027</td></tr>
<tr><th scope="row">Grant size</th><td>£2,000 to £8,000</td></tr></table>"""


def test_a_table_on_its_side_reads_each_columns_cells_by_their_row_headings():
    # One call per column, the field names down the first column: {label: "Closing date"} on a
    # cell of the names' row found nothing on an unseen county's comparison table.
    item = "tr:first-of-type td"
    assert read(SIDEWAYS, item, "Closing date") == "29 January 2027"
    assert read(SIDEWAYS, item, "Grant size") == "£2,000 to £8,000"
    second = "xpath:(//tr[1]/td)[2]"
    assert read(SIDEWAYS, second, "Closing date") == "12 March 2027"
    assert read(SIDEWAYS, second, "Grant size") is None  # its column has no cell in that row
    # A cell of a row with no heading before it is no such column.
    plain = "<table><tr><td><a href='/a'>A</a></td><td>x</td></tr><tr><th>Closes</th><td>1 May 2027</td></tr></table>"
    assert read(plain, "xpath://tr[1]/td[1]", "Closes") is None


TWO_ROW_HEAD = """<table><thead>
<tr><th rowspan="2">Programme</th><th colspan="2">Application window</th>
<th rowspan="2">Funding per project</th><th rowspan="2">Who can apply</th></tr>
<tr><th>Opens</th><th>Closes</th></tr></thead><tbody>
<tr><td><a href="/bhf">Brownfield Housing Fund 2</a></td><td>Now open</td>
<td>29 January 2027, 12 noon</td><td>£250,000 – £4m</td><td>Constituent councils</td></tr>
</tbody></table>"""


def test_a_head_of_two_rows_labels_each_column_by_its_lowest_heading():
    # A combined authority's table: the head's last row alone ("Opens", "Closes") was paired with
    # the first two cells, so "Closes" read "Now open" and "Funding per project" nothing.
    assert read(TWO_ROW_HEAD, "tbody tr", "Opens") == "Now open"
    assert read(TWO_ROW_HEAD, "tbody tr", "Closes") == "29 January 2027, 12 noon"
    assert read(TWO_ROW_HEAD, "tbody tr", "Funding per project") == "£250,000 – £4m"
    assert read(TWO_ROW_HEAD, "tbody tr", "Who can apply") == "Constituent councils"
    assert read(TWO_ROW_HEAD, "tbody tr", "Programme") == "Brownfield Housing Fund 2"


def test_a_label_of_two_lines_is_found_by_either_language():
    # A Welsh council's <dt>Dyddiad cau<br>Closing date</dt>: read as "Dyddiad cauClosing date",
    # neither half found its value (no date, amount, status or verdict for 3 calls).
    html = "<div><dl><dt>Dyddiad cau<br>Closing date</dt><dd>26 Chwefror 2027<br>"
    html += "26 February 2027</dd><dt>Swm y grant:<br>Grant amount:</dt><dd>£500</dd></dl></div>"
    for label in ("Closing date", "Dyddiad cau", "Dyddiad cau / Closing date"):
        assert read(html, "div", label) == "26 Chwefror 2027; 26 February 2027"
    assert read(html, "div", "Grant amount") == "£500"


def test_a_colon_outside_the_bold_label_is_the_labels():
    # Markdown's "**Deadline**: …" (kramdown, GitHub Pages): the value read ": 14 January 2027 at
    # 12:00", which no date reader took.
    html = "<ul><li><strong>Deadline</strong>: 14 January 2027 at 12:00</li>"
    html += "<li><b>Funding</b> : up to £60,000</li></ul>"
    assert read(html, "ul", "Deadline") == "14 January 2027 at 12:00"
    assert read(html, "ul", "Funding") == "up to £60,000"


TWO_ROWS = """<table><thead><tr><th>About</th><th>Deadline</th><th>Funding</th></tr></thead><tbody>
<tr class="t"><td colspan="3"><a href="/a">Digital Fund</a></td></tr>
<!-- facts -->
<tr><td>Devices for tenants.</td><td>14.01.2027</td><td>£5,000 - £20,000</td></tr>
<tr class="t"><td colspan="3"><a href="/b">Green Grants</a></td></tr>
<tr class="t"><td colspan="3"><a href="/c">Last Fund</a></td></tr>
</tbody></table>"""


def test_a_calls_title_row_reads_its_facts_in_the_row_after_it():
    # A call written as two <tr>s: its one cell across the table stood under every heading, so
    # {label: "Deadline"} read the title ("Digital Fund" as the closing date).
    assert read(TWO_ROWS, "tr.t", "Deadline") == "14.01.2027"
    assert read(TWO_ROWS, "tr.t", "About") == "Devices for tenants."
    # A title row followed by another title row has no facts row: read as written, never the
    # next call's facts.
    node = select(Selector(text=TWO_ROWS), "tr.t")[1]
    assert FieldReader(node).read(LabelSelector(label="Deadline")) == "Green Grants"


def test_a_heading_over_a_group_of_columns_reads_each_under_its_own():
    # "Funding" spanning "Min" and "Max" over a second head row: {label: "Funding"}, the money's
    # natural label, found nothing (only the lowest heading of each column was a label).
    html = """<table><thead>
      <tr><th rowspan="2">Scheme</th><th colspan="2">Dates</th><th colspan="2">Funding</th></tr>
      <tr><th>Opens</th><th>Closes</th><th>Min</th><th>Max</th></tr></thead><tbody>
      <tr><td><a href="/a">Warm Homes</a></td><td>1 Dec 2026</td><td>15 Jan 2027</td>
        <td>£1,000</td><td>£5,000</td></tr>
      <tr><td><a href="/b">Play Areas</a></td><td>Now open</td><td>Rolling</td><td></td>
        <td>Up to £5,000</td></tr>
    </tbody></table>"""
    first, second = (FieldReader(row) for row in Selector(text=html).css("tbody tr"))
    assert first.by_label(["Funding"]) == "Min: £1,000; Max: £5,000"
    assert first.by_label(["Dates"]) == "Opens: 1 Dec 2026; Closes: 15 Jan 2027"
    assert first.by_label(["Max"]) == "£5,000"  # each column still by its own heading
    assert second.by_label(["Funding"]) == "Max: Up to £5,000"  # an empty cell left out
    assert second.by_label(["Scheme"]) == "Play Areas"  # a heading over one column: its cell
