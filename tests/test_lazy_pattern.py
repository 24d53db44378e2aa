"""config/lazy_pattern.py: a pattern compiled on first use answers as `re.compile`'s would."""

from __future__ import annotations

import copy
import pickle
import re

from config.lazy_pattern import LazyPattern, lazy_pattern

TEXT = "Closes 5 March 2027; opens 1 Feb 2027. CLOSES again."
SOURCE = r"\b(?P<verb>closes|opens)\s+(\d+)"


def test_every_method_answers_as_the_compiled_patterns_own():
    compiled = re.compile(SOURCE, re.IGNORECASE)
    for method, args in [
        ("search", (TEXT,)),
        ("match", (TEXT,)),
        ("fullmatch", ("opens 1",)),
        ("findall", (TEXT,)),
        ("split", (TEXT,)),
        ("sub", (r"<\g<verb>>", TEXT)),
        ("subn", ("x", TEXT)),
        ("search", (TEXT, 10)),  # positions, as the readers pass them
    ]:
        # A fresh pattern for each, so each method is tried as the first use too.
        for lazy in (lazy_pattern(SOURCE, re.IGNORECASE),) * 2:
            got, want = getattr(lazy, method)(*args), getattr(compiled, method)(*args)
            if isinstance(want, re.Match):
                assert (got.span(), got.groups()) == (want.span(), want.groups()), method
            else:
                assert got == want, method
    lazy = lazy_pattern(SOURCE, re.IGNORECASE)
    assert [m.span() for m in lazy.finditer(TEXT)] == [m.span() for m in compiled.finditer(TEXT)]
    assert (lazy.flags, lazy.groups, dict(lazy.groupindex)) == (
        compiled.flags,
        compiled.groups,
        dict(compiled.groupindex),
    )


def test_its_text_is_read_without_compiling_and_a_bad_pattern_fails_when_used():
    broken = lazy_pattern(r"(unclosed")
    assert broken.pattern == r"(unclosed"  # patterns built from others' text read only this
    try:
        broken.search("x")
    except re.error:
        pass
    else:
        raise AssertionError("a broken pattern compiled")


def test_copied_it_is_itself_and_pickled_it_comes_back_the_same():
    lazy = lazy_pattern(SOURCE, re.IGNORECASE)
    assert copy.copy(lazy) is lazy and copy.deepcopy({"p": lazy})["p"] is lazy
    back = pickle.loads(pickle.dumps(lazy))
    assert isinstance(back, LazyPattern)
    assert back.search(TEXT).group(0) == lazy.search(TEXT).group(0) == "Closes 5"
