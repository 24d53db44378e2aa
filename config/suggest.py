""" "Did you mean …?": the nearest valid key, value or tag for a misspelling in the YAML people edit."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from typing import Any, get_args

from pydantic import BaseModel

from config.lazy_pattern import lazy_pattern
from config.model_parts import EMAIL_ADDRESS, ENV_NAME, SLACK_CHANNEL_ID, looks_secret
from config.models import ID_PATTERN

QUOTED = lazy_pattern(r"'([^']*)'")  # the allowed values pydantic quotes in its messages


def nearest(word: object, choices: Iterable[str]) -> str | None:
    """The closest of `choices` to `word` (case-insensitive), or None when nothing is close."""
    if not isinstance(word, str) or not word:
        return None
    options = {choice.casefold(): choice for choice in choices if choice}
    found = difflib.get_close_matches(word.casefold(), list(options), n=1, cutoff=0.6)
    return options[found[0]] if found else None


def did_you_mean(word: object, choices: Iterable[str]) -> str:
    """' (did you mean 'next_page'?)', or '' when nothing is close."""
    match = nearest(word, choices)
    return f" (did you mean {match!r}?)" if match else ""


# More known ids than this are not listed in an error: a national instance's hundreds of ids
# (sources, subscriptions) buried the one line that mattered; the nearest id says it better.
LISTED_AT_MOST = 12
SUBSCRIPTIONS_MANY = "{count} are in subscriptions.yaml"  # `many` for an unknown subscription
TAGS_MANY = "{count} are in tags.yaml"


def unknown_id(what: str, word: str, known: Sequence[str], *, listed: str, many: str) -> str:
    """ "unknown source 'x' (did you mean 'y'?); known: a, b" with few ids known; with more, the
    nearest and `many` ("`fundwatch sources list` lists them") in place of the list."""
    hint = did_you_mean(word, known)
    if len(known) <= LISTED_AT_MOST:
        return f"unknown {what} {word!r}{hint}; {listed}: {', '.join(known) or '(none)'}"
    return f"unknown {what} {word!r}{hint}; {many.format(count=len(known))}"


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in get_args(annotation) for model in _models_in(arg)]


def key_choices(model: type[BaseModel], loc: Sequence[Any]) -> list[str]:
    """The keys allowed where pydantic found the unknown key at `loc` (its last part) in `model`."""
    candidates = [model]
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        deeper = [
            m
            for c in candidates
            if part in c.model_fields
            for m in _models_in(c.model_fields[part].annotation)
        ]
        if deeper:
            candidates = deeper
        # else a dict key ("closes" in fields.closes) or a union branch marker ("LabelSelector"):
        # the models found so far still apply
    # As written in YAML: a field's alias where it has one (page_param's `from`, not `from_`).
    return sorted({f.alias or name for c in candidates for name, f in c.model_fields.items()})


def selector_shape_hint(model: type[BaseModel] | None, loc: Sequence[Any]) -> str:
    """For an unknown key in a field written as a mapping (`title: {selectr: "h3"}`): the two
    shapes a field takes, as "check the spelling" named neither; or ''."""
    if model is None or not loc or key_choices(model, loc) != ["label"]:
        return ""
    return (
        ' (a field is a selector, `title: "h3 a::text"`, or a label, '
        '`closes: {label: "Closing date"}`)'
    )


def unknown_key_hint(model: type[BaseModel] | None, loc: Sequence[Any]) -> str:
    """For pydantic's extra_forbidden error at `loc`: the suggestion, or ''."""
    if model is None or not loc:
        return ""
    return did_you_mean(loc[-1], key_choices(model, loc))


# Words people write for an allowed value that spelling alone does not bring near it: a source's
# kind named for its format ("rss" is a feed, "html" a listing, "json" an api).
_SAME_AS = {
    "rss": "feed", "atom": "feed", "rdf": "feed", "xml": "feed",
    "html": "listing", "page": "listing", "web": "listing", "scrape": "listing", "website": "listing",
    "json": "api", "rest": "api",
    "python": "custom", "code": "custom",
}  # fmt: skip


def literal_hint(error: dict[str, Any]) -> str:
    """For a value (or a dict key) that must be one of a list: the nearest allowed one, or ''."""
    expected = (error.get("ctx") or {}).get("expected")
    if error.get("type") != "literal_error" or not isinstance(expected, str):
        return ""
    allowed = QUOTED.findall(expected)
    given = error.get("input")
    same = _SAME_AS.get(given.casefold()) if isinstance(given, str) else None
    if same in allowed:
        return f" (did you mean {same!r}?)"
    return did_you_mean(given, allowed)


# What a field's pattern asks for, in a curator's words, and whether the value may be repeated in
# the error (a webhook variable's value could be the secret pasted in by mistake: never).
_PATTERNS = {
    ID_PATTERN: ("an id is lower-case letters, digits and underscores (e.g. council_grants)", True),
    SLACK_CHANNEL_ID: (
        "a Slack channel id such as C0123456789 (in the channel's details), not its name",
        True,
    ),
    ENV_NAME: (
        "the name of an environment variable (upper-case letters, digits and underscores), "
        "never the secret itself",
        False,
    ),
    EMAIL_ADDRESS: ("an email address such as team@council.gov.uk", True),
}


# A secret pasted into the wrong field (looks_secret, config/model_parts.py) is named, never
# repeated: config errors go to terminals, cron mail and the service's journal.
SECRET_NOT_REPEATED = (
    "got a value that looks like a secret, not repeated here: secrets belong in the environment"
)


def pattern_hint(error: dict[str, Any]) -> str | None:
    """For a text that does not match its pattern: what it should be (and what it was), or None."""
    if error.get("type") != "string_pattern_mismatch":
        return None
    found = _PATTERNS.get(str((error.get("ctx") or {}).get("pattern", "")))
    if found is None:
        return None
    words, repeat = found
    given = error.get("input")
    if looks_secret(given):
        return f"{words} ({SECRET_NOT_REPEATED})"
    return f"{words} (got {given!r})" if repeat else words


# A key naming a secret or a delivery setting ('token', 'password', 'smtp', 'SMTP_PASSWORD'):
# someone putting it in YAML, where "check the spelling" would send them looking for the right
# spelling of a key that can never exist.
_SECRET_KEY = lazy_pattern(r"token|passw|secret|api_?key|credential", re.IGNORECASE)
_DELIVERY_KEY = lazy_pattern(r"^(smtp|mail_from|slack_api_url|slack_bot)", re.IGNORECASE)


def environment_hint(key: Any) -> str:
    """For an unknown key that belongs in the environment: where it goes instead, or ''."""
    if not isinstance(key, str):
        return ""
    if _SECRET_KEY.search(key):
        return (
            " (secrets belong in the environment, never in YAML: SLACK_BOT_TOKEN, SMTP_PASSWORD,"
            " or the variable a webhook_env names; see README, Going live)"
        )
    if _DELIVERY_KEY.match(key):
        return (
            " (delivery settings come from the environment, never from YAML: SMTP_HOST,"
            " SMTP_PORT, MAIL_FROM, SLACK_API_URL…; see README, Going live)"
        )
    return ""
