"""A module's regular expression, compiled when it is first used rather than when it is imported.

Every `fundwatch` process is fresh (a crawl process per source run, the test suite's hundreds), and
Python compiles a pattern anew in each: the ~620 patterns fundwatch's own modules built at import
took ~170 ms of the crawl process's ~0.67 s import on the 2-core reference machine. A one-page
listing crawl uses about half of them (by compile time), `sources check` a few, and many exist for
one site layout, language or feed format. Made with `lazy_pattern`, a pattern costs nothing until
a reader asks it something, then the same compile `re.compile` does, once per process.

The object stands in for the `re.Pattern`: `.pattern` is the source text without compiling (so a
pattern built from another's text does not compile it); its first method call compiles it and puts
the compiled pattern's bound methods on the object, where they hide the class's own, so every later
`PATTERN.search(text)` is the compiled pattern's, at its speed. (A `__getattr__` instead would be
simpler, but makes every attribute lookup on the object slower: ~370 more instructions a call.) It
is not a `re.Pattern`: hand `re.sub` and friends `PATTERN.sub`, not the object.
"""

from __future__ import annotations

import re
from typing import Any

_METHODS = (
    "match",
    "fullmatch",
    "search",
    "sub",
    "subn",
    "split",
    "findall",
    "finditer",
    "scanner",
)


class LazyPattern:
    """`re.compile(pattern, flags)`, compiled on first use; see the module docstring."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags  # as given: `.flags` is the compiled pattern's (re.UNICODE added)

    def _compiled(self) -> re.Pattern[str]:
        compiled = re.compile(self.pattern, self._flags)
        for name in _METHODS:
            setattr(self, name, getattr(compiled, name))
        return compiled

    # Each only until the first call: then the compiled pattern's own method answers (see above).
    def match(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiled().match(*args, **kwargs)

    def fullmatch(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiled().fullmatch(*args, **kwargs)

    def search(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiled().search(*args, **kwargs)

    def sub(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiled().sub(*args, **kwargs)

    def subn(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiled().subn(*args, **kwargs)

    def split(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiled().split(*args, **kwargs)

    def findall(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiled().findall(*args, **kwargs)

    def finditer(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiled().finditer(*args, **kwargs)

    def scanner(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiled().scanner(*args, **kwargs)

    # Values, not methods: read from the compiled pattern (re's own cache keeps it compiled once).
    @property
    def flags(self) -> int:
        return re.compile(self.pattern, self._flags).flags

    @property
    def groups(self) -> int:
        return re.compile(self.pattern, self._flags).groups

    @property
    def groupindex(self) -> Any:
        return re.compile(self.pattern, self._flags).groupindex

    def __repr__(self) -> str:
        return f"lazy_pattern({self.pattern!r}, {self._flags})"

    # Shared as a compiled pattern is: a copy is the same object; pickled, it is compiled anew.
    def __copy__(self) -> LazyPattern:
        return self

    def __deepcopy__(self, memo: dict) -> LazyPattern:
        return self

    def __reduce__(self) -> tuple:
        return (LazyPattern, (self.pattern, self._flags))


def lazy_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, compiled when first used (once per process)."""
    return LazyPattern(pattern, flags)  # type: ignore[return-value]
