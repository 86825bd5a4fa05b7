"""A document check's finding that came from a workbook cell names that cell."""

from __future__ import annotations

from reportgen.core.findings import Source
from reportgen.pipeline.build import build
from reportgen.pipeline.cell_places import CellIndex

from ..builders import make


def test_every_check_finding_about_a_cells_words_names_that_cell(tmp_path):
    def change(sheets):
        sheets["Commitments"][0]["Update"] = "The report is out: [click here](https://example.gov.uk/report)."

    result = build(make(tmp_path, change), tmp_path / "out", ["docx", "pdf", "html"])
    checks = [f for f in result.findings if f.code == "link-text-unclear"]
    assert {f.source.where.split(",")[0] for f in checks} == {"edition.docx", "edition.pdf", "edition.html"}
    for finding in checks:
        assert finding.source.describe().endswith("from Commitments!G2"), finding.as_text()
        assert (finding.source.sheet, finding.source.cell) == ("Commitments", "G2")
        assert finding.as_dict()["cell"] == "G2"


def index():
    return CellIndex(
        [
            (Source("Commitments", 2, 5, "Lead"), "Police service"),
            (Source("Commitments", 3, 5, "Lead"), "Police service and partners"),
            (Source("Commitments", 2, 7, "Update"), "The pilot finished in August. Twelve were held."),
            (Source("Commitments", 3, 7, "Update"), "Twelve were held."),
        ]
    )


def test_the_cell_whose_words_are_exactly_the_quote_wins():
    assert index().find("Police service").cell == "E2"
    assert index().find("- Police service").cell == "E2"


def test_a_quote_from_inside_one_cell_finds_it():
    assert index().find("The pilot finished in August.").cell == "G2"


def test_words_in_several_cells_name_none_rather_than_the_wrong_one():
    assert index().find("were held") is None
    assert index().find("") is None and index().find(None) is None
    assert index().find("Nothing like any cell") is None
