"""Datasette's own CSV links (`/fundwatch/opportunities.csv`, linked from every list) follow the
export's rule: a text cell a spreadsheet would run as a formula starts with `'`; nothing else in
the file changes."""

from __future__ import annotations

import csv
import io

import pytest

from notifier.web.csv_cells import CsvCells, record_end, safe_records
from tests.serve_helpers import served
from tests.web_helpers import FORMULA_FUNDER, HOSTILE


@pytest.fixture
def client(tmp_path, monkeypatch):
    monkeypatch.setenv("FUNDWATCH_ALLOW_LOOPBACK", "1")
    client, _ = served(tmp_path)
    yield client
    client.close()


@pytest.mark.parametrize(
    "query", ["_size=max", "_size=max&_dl=1", "_stream=on", "_stream=on&_dl=1&_labels=on"]
)
def test_the_served_csv_shows_a_formula_as_text(client, query):
    answer = client.get(f"/fundwatch/opportunities.csv?{query}")
    assert answer.status_code == 200
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    evil = next(r for r in rows if r["title"].startswith("<script>"))
    assert evil["funder"] == "'" + FORMULA_FUNDER  # a spreadsheet shows it, never runs it
    for row in rows:
        assert not any(cell[:1] in ("=", "+", "-", "@") for cell in row.values()), row
    assert len(rows) == 5 and {r["title"] for r in rows} >= {"Heat network zoning pilot"}


def test_a_csv_answer_fed_in_any_chunks_is_the_whole_answer_rewritten():
    written = io.StringIO()
    writer = csv.writer(written, lineterminator="\r\n")
    writer.writerow(["id", "title", "funder"])
    cells = [HOSTILE, FORMULA_FUNDER, 'line one\r\nline two, "quoted"', "£ 😀 é", "-2+3", "@x"]
    for n, cell in enumerate(cells):
        writer.writerow([str(n), cell, f"=cmd|' /C calc'!A{n}\n\"x\""])
    body = written.getvalue().encode()
    whole = safe_records(written.getvalue()).encode()
    for size in (1, 2, 3, 7, 64, len(body)):
        cells_out = CsvCells()
        chunks = [body[i : i + size] for i in range(0, len(body), size)]
        out = b"".join(cells_out.feed(chunk, final=False) for chunk in chunks)
        assert out + cells_out.feed(b"", final=True) == whole, size
    rows = list(csv.reader(io.StringIO(whole.decode(), newline="")))
    assert rows[1][1] == HOSTILE and rows[2][1] == "'" + FORMULA_FUNDER
    assert rows[3][1] == 'line one\r\nline two, "quoted"' and rows[5][1] == "'-2+3"
    # A file with no formula cell comes out as the same bytes.
    plain = 'id,title\r\n1,"Heat, ""zoning""\r\npilot"\r\n'
    assert safe_records(plain) == plain and record_end(plain[:-3]) == len("id,title\r\n")
