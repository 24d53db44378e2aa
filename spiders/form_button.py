"""Pure: the address a GET form's submit button asks, for a link selector that names the button.

A search page may page by a button, not a link: `<form method="get" action="/grants/search">`
with a hidden `category` and `<button name="page" value="2">Next</button>`. Pressing it asks
`/grants/search?category=all&page=2`, an address like any other, so `next_page: "form.pager
button:last-child"` means that. It was read as the button's words instead ("…/grants/Next", a 404)
or, inside a link-less pager, not at all. A POST form's button has no address (README: "A pager
that is not a link").
"""

from __future__ import annotations

from urllib.parse import urlencode

from lxml import etree

_SUBMIT = etree.XPath(
    "self::button[not(@type) or @type='submit'] | self::input[@type='submit' or @type='image']"
)
_FIELDS = etree.XPath(
    ".//input[@name][not(@disabled)][not(@type) or not(@type='submit' or @type='image' or "
    "@type='button' or @type='reset' or ((@type='checkbox' or @type='radio') and not(@checked)))]"
    " | .//select[@name][not(@disabled)]"
)


def _form_of(button: etree._Element) -> etree._Element | None:
    owner = button.get("form")
    if owner:
        found = button.getroottree().xpath("//form[@id=$id]", id=owner)
        return found[0] if found else None
    return next((a for a in button.iterancestors() if a.tag == "form"), None)


def _value(field: etree._Element) -> str:
    if field.tag != "select":
        return field.get("value", "")
    options = field.xpath(".//option[@selected]") or field.xpath(".//option")
    return (options[0].get("value", options[0].text_content()) if options else "").strip()


def form_button_address(element: etree._Element) -> str | None:
    """The (relative) address a GET form's submit button asks, its name=value with the form's
    fields; None for anything else (another element, a POST form, a button with no form)."""
    if not isinstance(element.tag, str) or not _SUBMIT(element):
        return None
    form = _form_of(element)
    if form is None or (form.get("method") or "get").strip().lower() != "get":
        return None
    pairs = [(field.get("name"), _value(field)) for field in _FIELDS(form)]
    if element.get("name"):
        pairs.append((element.get("name"), element.get("value", "")))
    action = (form.get("action") or "").split("?")[0].split("#")[0].strip()
    return f"{action}?{urlencode(pairs)}"
