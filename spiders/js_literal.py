"""Pure: the data a page's script assigns as a JavaScript literal rather than as JSON.

Nuxt 2 (and other apps serialised by devalue) hands the browser its state as a function call:
`window.__NUXT__=(function(a,b,c){return {layout:"default",data:[{grants:[{status:a,…}]}],…}}
("open",null,"closed"))`: bare keys, every value used twice passed once as an argument, `!0` and
`!1` for true and false, `void 0` for undefined, "/" written `\\u002F`. json.loads refused all of
it, and a curator had no way to read the calls such a site shows only in the browser. Here the
literal is read as the value the browser would hold: the function's parameters stand for the
arguments it is called with. Only literals and that one call: anything else the script computes
(a statement before `return`, an operator, another call) is no data, and is said so.

read_literal(text, start) -> (value, None) or (None, why).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from config.lazy_pattern import lazy_pattern

_SPACE = lazy_pattern(r"(?:\s|/\*.*?\*/|//[^\n]*)*", re.DOTALL)
_NAME = lazy_pattern(r"[A-Za-z_$][\w$]*")
_NUMBER = lazy_pattern(r"-?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_PLAIN = {'"': lazy_pattern(r'[^"\\]+'), "'": lazy_pattern(r"[^'\\]+")}
_WORDS = {"true": True, "false": False, "null": None, "undefined": None}
_NUMBER_WORDS = {"NaN": float("nan"), "Infinity": float("inf")}


class NotData(ValueError):
    """The script computes something a literal does not say."""


class _Param:
    """A function parameter inside the body, resolved once the call's arguments are read."""

    def __init__(self, name: str):
        self.name = name


class _Reader:
    def __init__(self, text: str, pos: int):
        self.text, self.pos = text, pos
        self.params: set[str] = set()

    def skip(self) -> None:
        self.pos = _SPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]

    def peek(self, word: str) -> bool:
        self.skip()
        return self.text.startswith(word, self.pos)

    def take(self, word: str) -> None:
        if not self.peek(word):
            raise NotData(f"expected {word!r} at character {self.pos}")
        self.pos += len(word)

    def name(self) -> str:
        self.skip()
        match = _NAME.match(self.text, self.pos)
        if match is None:
            raise NotData(f"expected a name at character {self.pos}")
        self.pos = match.end()
        return match[0]

    def value(self) -> Any:
        self.skip()
        char = self.text[self.pos : self.pos + 1]
        if char == "{":
            return self.object()
        if char == "[":
            return self.array()
        if char in "\"'":
            return self.string()
        if char == "!" and self.text[self.pos + 1 : self.pos + 2] in "01":
            self.pos += 2  # minifiers' !0 and !1
            return self.text[self.pos - 1] == "0"
        if number := _NUMBER.match(self.text, self.pos):
            self.pos = number.end()
            written = number[0]
            if written.lstrip("-").lower().startswith("0x"):
                return int(written, 16)
            return float(written) if any(c in written for c in ".eE") else int(written)
        word = self.name()
        if word == "void":
            self.value()
            return None
        if word == "new" and self.name() == "Date":
            self.take("(")
            when = self.value()
            self.take(")")
            if isinstance(when, int | float):  # epoch milliseconds, as devalue writes a Date
                return datetime.fromtimestamp(when / 1000, UTC).isoformat()
            return when
        if word in _WORDS:
            return _WORDS[word]
        if word in _NUMBER_WORDS:
            return _NUMBER_WORDS[word]
        if word in self.params:
            return _Param(word)
        raise NotData(f"{word!r} at character {self.pos - len(word)} is not a literal")

    def object(self) -> dict[str, Any]:
        self.take("{")
        found: dict[str, Any] = {}
        while not self.peek("}"):
            char = self.text[self.pos : self.pos + 1]
            if char in "\"'":
                key = self.string()
            elif number := _NUMBER.match(self.text, self.pos):
                self.pos, key = number.end(), number[0]
            else:
                key = self.name()
            self.take(":")
            found[key] = self.value()
            if not self.peek("}"):
                self.take(",")
        self.take("}")
        return found

    def array(self) -> list[Any]:
        self.take("[")
        found: list[Any] = []
        while not self.peek("]"):
            found.append(None if self.peek(",") else self.value())  # a hole is undefined
            if not self.peek("]"):
                self.take(",")
        self.take("]")
        return found

    def string(self) -> str:
        quote, self.pos = self.text[self.pos], self.pos + 1
        out: list[str] = []
        plain = _PLAIN[quote]
        while self.pos < len(self.text) and self.text[self.pos] != quote:
            if run := plain.match(self.text, self.pos):  # a run with no escape, in one step
                out.append(run[0])
                self.pos = run.end()
                continue
            self.pos += 1
            code = self.text[self.pos : self.pos + 1]
            self.pos += 1
            if code == "u" and self.text[self.pos : self.pos + 1] == "{":
                end = self.text.index("}", self.pos)
                out.append(chr(int(self.text[self.pos + 1 : end], 16)))
                self.pos = end + 1
            elif code in "ux":
                size = 4 if code == "u" else 2
                out.append(chr(int(self.text[self.pos : self.pos + size], 16)))
                self.pos += size
            elif code != "\n":  # a backslash before a line break continues the string
                out.append(_ESCAPES.get(code, code))
        self.take(quote)
        return "".join(out)

    def call(self) -> Any:
        """`(function(a,b){return …}(x,y))` or `(function(a,b){return …})(x,y)`, else a literal."""
        if not self.peek("("):
            return self.value()
        self.take("(")
        if not self.peek("function"):
            raise NotData(f"expected a literal or a function at character {self.pos}")
        self.take("function")
        if not self.peek("("):
            self.name()  # a named function expression
        names = self.bracketed(self.name)
        self.params = set(names)
        self.take("{")
        self.take("return")
        body = self.value()
        if self.peek(";"):
            self.take(";")
        self.take("}")
        self.params = set()
        inside = not self.peek(")")  # `}(args))`, not `})(args)`
        if not inside:
            self.take(")")
        args = self.bracketed(self.value)
        if inside:
            self.take(")")
        given = dict(zip(names, args, strict=False))  # a parameter with no argument is undefined
        return _resolved(body, given)

    def bracketed(self, item: Callable[[], Any]) -> list[Any]:
        """`(a, b, c)`: a function's parameters or its call's arguments, each read by `item`."""
        self.take("(")
        items: list[Any] = []
        while not self.peek(")"):
            items.append(item())
            if not self.peek(")"):
                self.take(",")
        self.take(")")
        return items


def _resolved(value: Any, given: dict[str, Any]) -> Any:
    if isinstance(value, _Param):
        return given.get(value.name)
    if isinstance(value, dict):
        return {key: _resolved(item, given) for key, item in value.items()}
    if isinstance(value, list):
        return [_resolved(item, given) for item in value]
    return value


def read_literal(text: str, start: int = 0) -> tuple[Any, str | None]:
    """The value the JavaScript at `start` stands for, and what follows it must end the statement."""
    reader = _Reader(text, start)
    try:
        value = reader.call()
    # NotData and a bad escape's int() are ValueErrors; an index past the end an IndexError.
    except (ValueError, IndexError, RecursionError) as exc:
        return None, f"not a JavaScript literal: {exc}"
    reader.skip()
    rest = text[reader.pos :].lstrip()
    if rest and rest[0] not in ";,":
        return None, f"not a JavaScript literal: it goes on after the value ({rest[:20]!r})"
    return value, None
