"""The rules of the house, checked on the tree itself: who may import whom, where SQL may live, and
how long a module may grow. A new file that breaks one fails here, naming the file."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("config", "storage", "spiders", "notifier")
# The arrows: a package on the left never imports one on the right.
FORBIDDEN = {
    "config": ("spiders", "storage", "notifier"),
    "storage": ("spiders", "notifier"),
    "spiders": ("notifier",),
}
MAX_LINES = 300
SQL = re.compile(
    r"\b(?:SELECT\s.+\sFROM|INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|"
    r"CREATE\s+(?:TABLE|INDEX|TRIGGER)|PRAGMA\s)"
    # a transaction statement is a whole string, never a word in a sentence ("then commit.")
    r"|^\s*(?:BEGIN(?:\s+IMMEDIATE)?|COMMIT|ROLLBACK)\s*;?\s*$",
    re.IGNORECASE | re.DOTALL,
)
# execute_fn: Datasette runs a function on its connection; the web layer asks storage/web_reads.py.
# `.conn`: the raw sqlite3 connection under a repository is storage's to use (transactions.Reader).
DB_CALLS = re.compile(r"\.(?:execute|executemany|execute_fn|query|rows_where)\(|\bdb\[|\.conn\b")


def python_files(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_imports_follow_the_arrows(package):
    broken = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in python_files(package)
        for module in imported_modules(path)
        if module.split(".")[0] in FORBIDDEN[package]
    ]
    assert broken == []


def string_constants(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_no_sql_outside_storage():
    found = []
    for path in python_files("config", "spiders", "notifier"):
        text = path.read_text(encoding="utf-8")
        for lineno, value in string_constants(path):
            if SQL.search(value):
                found.append(f"{path.relative_to(ROOT)}:{lineno}: {value[:60]!r}")
        for lineno, line in enumerate(text.splitlines(), 1):
            if DB_CALLS.search(line):
                found.append(f"{path.relative_to(ROOT)}:{lineno}: {line.strip()[:60]}")
    assert found == []


def test_no_module_is_over_300_lines():
    long = [
        f"{path.relative_to(ROOT)}: {n} lines"
        for path in python_files(*PACKAGES, "tests", "benchmarks")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    ]
    assert long == []


# A pattern compiled as its module is imported costs every fresh process (each crawl is one) its
# compile time whether used or not: module-level patterns are config.lazy_pattern's.
EAGER_PATTERN = re.compile(r"^[A-Za-z_0-9]+(?:: [^=\n]*)? = re\.compile\(", re.MULTILINE)


def test_module_patterns_compile_when_first_used():
    eager = [
        str(path.relative_to(ROOT))
        for path in python_files(*PACKAGES)
        if EAGER_PATTERN.search(path.read_text(encoding="utf-8"))
    ]
    assert eager == []
    assert EAGER_PATTERN.search('import re\n_WORD = re.compile(r"\\w+")\n')


def test_the_check_sees_sql_and_wrong_arrows(tmp_path):
    """The rules above must be able to fail."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        'from notifier.route import route_events\nQ = "SELECT id FROM outbox"\ndb.execute(Q)\n'
    )
    assert imported_modules(sample) == ["notifier.route"]
    assert [v for _, v in string_constants(sample) if SQL.search(v)] == ["SELECT id FROM outbox"]
    assert DB_CALLS.search(sample.read_text().splitlines()[2])
    assert DB_CALLS.search("await database.execute_fn(lambda conn: read(conn))")
    assert DB_CALLS.search("told = alerted(run.db.conn, subscription_id, funds)")
