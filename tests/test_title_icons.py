"""A title's icons before or after its name (spiders/normalise/title_icons.py), and the shortcut
that spares most titles the look: a title whose ends are ASCII has no icon at either end."""

from __future__ import annotations

from spiders.normalise.title_icons import _is_icon, without_icons


def test_icons_parted_from_the_name_are_set_aside():
    assert without_icons("📄️ Digital Inclusion Pilots") == "Digital Inclusion Pilots"
    assert without_icons("Warm Homes Fund 🔥") == "Warm Homes Fund"
    assert without_icons("Parks ★ Awards") == "Parks ★ Awards"  # inside the name: kept
    assert without_icons("🌱🔥") == "🌱🔥"  # nothing but icons: kept


def test_no_ascii_character_is_an_icon():
    # The shortcut's premise: a title starting and ending in ASCII is returned as it is.
    assert not [chr(code) for code in range(128) if _is_icon(chr(code))]
    assert without_icons("Community Energy Fund: round 3 (£5m)") == (
        "Community Energy Fund: round 3 (£5m)"
    )
