"""Load a YAML table from tests/cases as pytest params: curators add rows there, not code here."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from config.yaml_file import parse_yaml

CASES = Path(__file__).parent / "cases"


def table(
    name: str,
    *,
    keys: Iterable[str],
    required: Iterable[str] = ("input", "expected"),
    check: Callable[[dict], str | None] | None = None,
) -> list:
    """One param per row; a row with a misspelt or missing key fails loudly instead of testing nothing."""
    allowed, needed = set(keys), set(required)
    rows = parse_yaml((CASES / name).read_text(encoding="utf-8"))
    params = []
    for index, row in enumerate(rows):
        where = f"{name} row {index + 1}"
        unknown = set(row) - allowed
        assert not unknown, f"{where}: unknown keys {sorted(unknown)}"
        assert needed <= set(row), f"{where}: needs {', '.join(sorted(needed))}"
        problem = check(row) if check else None
        assert problem is None, f"{where}: {problem}"
        said = row.get("input") or row.get("summary") or row.get("title")
        label = str(row.get("note") or repr(said))[:70]
        params.append(pytest.param(row, id=f"{index + 1:02d} {label}"))
    return params
