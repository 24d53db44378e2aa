"""pydantic's messages in a council operator's words: "must be a whole number, got 'abc'", not
"Input should be a valid integer, unable to parse string as an integer".

The people who read config errors edit YAML; they do not know what a "valid dictionary" or an
"extra input" is. Each error type a curator can cause gets a sentence saying what the field takes
and what it was given; anything else keeps pydantic's text, worded as "must be …".
"""

from __future__ import annotations

from typing import Any

from config.suggest import looks_secret

# pydantic error type → what the field takes
_TAKES = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "decimal_type": "a number",
    "decimal_parsing": "a number",
    "string_type": "text",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list such as [a, b]",
    "tuple_type": "a list such as [a, b]",
    "set_type": "a list such as [a, b]",
    "dict_type": "a mapping of keys such as {key: value}",
    "model_type": "a mapping of keys such as {key: value}",
    "model_attributes_type": "a mapping of keys such as {key: value}",
}

_LISTS = ("list_type", "tuple_type", "set_type")

_BOUNDS = {
    "greater_than": ("gt", "more than"),
    "greater_than_equal": ("ge", "at least"),
    "less_than": ("lt", "less than"),
    "less_than_equal": ("le", "at most"),
}

_LENGTHS = {
    "string_too_short": ("min_length", "at least", "characters long"),
    "string_too_long": ("max_length", "at most", "characters long"),
    "too_short": ("min_length", "at least", "entries long"),
    "too_long": ("max_length", "at most", "entries long"),
}


def given(value: Any, *, address: bool = False) -> str:
    """What was written, as a person would say it; a secret-looking value is never repeated, but
    for a source's own `urls` (`address`), where an address is what belongs (a login in one is
    refused by its own rule, config/model_parts.py's http_url)."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if looks_secret(value) and not (address and "@" not in value):
        return "a value not repeated here (it looks like a secret)"
    return repr(value)


def plain(error: dict[str, Any]) -> str:
    """The problem pydantic's `error` describes, in plain English (an unknown key is the loader's
    to word: it knows the keys allowed there)."""
    kind, ctx, value = error.get("type", ""), error.get("ctx") or {}, error.get("input")
    if kind == "missing":
        return "missing: this field is required"
    if kind == "invalid_key":
        # `{min_amount: 10,000}`: inside braces a comma starts the next key, so YAML read
        # min_amount 10 and a key 000; pydantic said only "Keys should be strings".
        return (
            f"a key must be a name, got {given(value)}: inside {{…}} a comma starts the next key, "
            "so write a number without commas (10000)"
        )
    if kind in _TAKES:
        address = bool(error.get("loc")) and error["loc"][0] in ("urls", "follow_hosts")
        said = f"must be {_TAKES[kind]}, got {given(value, address=address)}"
        if kind in _LISTS and isinstance(value, str) and "not repeated" not in said:
            # `tags: net_zero`, `urls: https://…`: one alone is still a list in YAML's brackets.
            said += f" (one alone is written [{value if len(value) <= 40 else '…'}])"
        if kind == "string_type" and isinstance(value, bool):
            # `id: off`, `name: Yes`: YAML 1.1 made the word a truth value before we saw it.
            words = "yes, on or true" if value else "no, off or false"
            said += f" (YAML reads a bare {words} as {given(value)}: put the word in quotes)"
        return said
    if kind == "literal_error" and isinstance(ctx.get("expected"), str):
        return f"must be {ctx['expected']}, got {given(value)}"
    if kind in _BOUNDS:
        key, words = _BOUNDS[kind]
        return f"must be {words} {ctx.get(key)}, got {given(value)}"
    if kind in _LENGTHS:
        key, words, unit = _LENGTHS[kind]
        if isinstance(value, list | tuple):
            # "must be at least 1 entries long, got a list" for `urls: []`.
            count = ctx.get(key)
            return (
                f"must have {words} {count} {'entry' if count == 1 else 'entries'}, "
                f"got {len(value) or 'none'}"
            )
        return f"must be {words} {ctx.get(key)} {unit}, got {given(value)}"
    message = str(error.get("msg", "")).removeprefix("Value error, ")
    # Anything else: pydantic's sentence, in the same voice as the rest.
    return (
        "must be " + message.removeprefix("Input should be ")
        if message.startswith("Input should be ")
        else message
    )
