"""A call's title without its link's note of the file it leads to: a listing whose calls are only
links to their PDF prospectuses stored "Waterside Access Fund prospectus 2027 (PDF, 412 KB)"."""

from __future__ import annotations

import pytest

from spiders.normalise.text import without_file_note


@pytest.mark.parametrize(
    "title, stored",
    [
        (
            "Waterside Access Fund prospectus 2027 (PDF, 412 KB)",
            "Waterside Access Fund prospectus 2027",
        ),
        ("Angling Clubs Small Grants guidance [PDF 198KB]", "Angling Clubs Small Grants guidance"),
        ("Towpath Volunteering Fund 2026 (pdf, 1.2MB)", "Towpath Volunteering Fund 2026"),
        ("Guidance for applicants (PDF, 412 KB, 12 pages)", "Guidance for applicants"),
        ("Application form (Word document)", "Application form"),
        ("Budget template (XLSX 45 KB)", "Budget template"),
        # Part of the name, or no note of a file: as written.
        ("Open Data (CSV) Fund", "Open Data (CSV) Fund"),
        ("Heritage Fund (pdf version available)", "Heritage Fund (pdf version available)"),
        ("Community Fund (2027)", "Community Fund (2027)"),
        ("(PDF)", "(PDF)"),
        (None, None),
    ],
)
def test_a_titles_file_note_is_not_its_name(title, stored):
    assert without_file_note(title) == stored
