"""An api field pointed at the object a CMS wraps a value in, as a curator's other natural tries on
round 19's sites wrote them: Kontent.ai's element `{type, name, value}` (read by its name, every
call was titled "Title" and no closing date was found), WordPress's `{"rendered": …}` (read as
nothing: no title, no summary), and Directus's decimals as text in a list (`[min_award,
max_award]` gave no amount)."""

from __future__ import annotations

from spiders.api_values import field_values


def element(kind: str, name: str, value):
    return {"type": kind, "name": name, "value": value}


def test_a_field_object_that_names_itself_is_its_value():
    assert field_values("title", element("text", "Title", "Village Shop Grants")) == {
        "title": "Village Shop Grants"
    }
    closes = element("date_time", "Closing date", "2027-01-29T12:00:00Z")
    assert field_values("closes", {**closes, "display_timezone": "Europe/London"}) == {
        "closes": "2027-01-29T12:00:00Z"
    }
    amount = field_values("amount", element("number", "Maximum grant", 10000))
    assert (amount["amount_min"], amount["amount_max"]) == (10000, 10000)
    status = element("multiple_choice", "Status", [{"name": "Coming soon", "codename": "soon"}])
    assert field_values("status", status) == {"status": "Coming soon"}
    # An object with a name and no value of its own is still read by its name.
    assert field_values("funder", {"type": "funder", "name": "Downs Trust"}) == {
        "funder": "Downs Trust"
    }


def test_wordpress_rendered_text_is_read():
    title = {"rendered": "Chapel &#038; Meeting House Roof Repairs"}
    assert field_values("title", title) == {"title": "Chapel &#038; Meeting House Roof Repairs"}
    excerpt = {"rendered": "<p>Urgent repairs [&hellip;]</p>\n", "protected": False}
    assert field_values("summary", excerpt) == {"summary": "<p>Urgent repairs [&hellip;]</p>"}


def test_a_list_of_numbers_written_as_text_is_a_range():
    amount = field_values("amount", ["2500.00", "15000.00"])
    assert (amount["amount_min"], amount["amount_max"]) == (2500, 15000)
    # A pair with an end null names its ends by place (a CKAN row's blank minimum): a cap, a floor.
    amount = field_values("amount", [None, "1,500"])
    assert (amount["amount_min"], amount["amount_max"]) == (None, 1500)
    amount = field_values("amount", [1000, None])
    assert (amount["amount_min"], amount["amount_max"]) == (1000, None)
    amount = field_values("amount", [None, 5000])
    assert (amount["amount_min"], amount["amount_max"], amount["amount"]) == (
        None,
        5000,
        "Up to £5,000",
    )
    # Words in a list stay words for the money rules.
    assert field_values("amount", ["Up to £5,000"])["amount"] == "Up to £5,000"


def test_a_url_field_pointed_at_a_link_object_reads_its_address():
    # SharePoint's hyperlink column: read by name or title like any object, every call had no
    # address (tests/sites/sharepoint_rest_items, `url: "More_x0020_information"`).
    link = "https://www.southdale.gov.uk/community/grants/parish-play-area-fund"
    column = {"__metadata": {"type": "SP.FieldUrlValue"}, "Description": "Play", "Url": link}
    assert field_values("url", column) == {"url": link}
    assert field_values("url", {"href": "/grants/3", "title": "Grant 3"}) == {"url": "/grants/3"}


def test_a_pot_in_a_property_object_is_its_number():
    # Optimizely's Content Delivery API wraps each property as {value, propertyDataType}: the pot
    # was read as the words "250000", folded into the amount's text, and `sources try` said the
    # configured fund_total was not found (optimizely_content_delivery, round 33).
    total = {"value": 250000, "propertyDataType": "PropertyNumber"}
    assert field_values("fund_total", total) == {"fund_total": 250000.0}
    assert field_values("fund_total", {"value": None, "propertyDataType": "PropertyNumber"}) == {
        "fund_total_text": None
    }
    # OCDS's {amount, currency} as before.
    assert field_values("fund_total", {"amount": 600000, "currency": "GBP"}) == {
        "fund_total": 600000.0
    }


def test_an_award_in_property_objects_is_read_by_their_values():
    # `amount: "{min: minimumGrant, max: maximumGrant}"` over Optimizely's property objects (the
    # README: a field pointed at an object reads its value) gave no amount at all.
    def prop(value):
        return {"value": value, "propertyDataType": "PropertyNumber"}

    def ends(raw):
        values = field_values("amount", raw)
        return values["amount_min"], values["amount_max"]

    assert ends({"min": prop(2000), "max": prop(15000)}) == (2000, 15000)
    assert ends({"min": prop(None), "max": prop(40000)}) == (None, 40000)
    assert ends({"min": {"amount": 500, "currency": "GBP"}, "max": {"amount": 5000}}) == (500, 5000)
    assert ends({"max": {"amount": 5000, "currency": "EUR"}}) == (None, None)
    # schema.org's MonetaryAmount with its currency is read as before.
    assert ends({"currency": "EUR", "value": 5000}) == (None, None)
