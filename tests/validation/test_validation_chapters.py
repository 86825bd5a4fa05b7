"""Chapters (unknown, empty, duplicated) and Refs (chapter prefix, adjacency, order)."""

from __future__ import annotations

import pytest

from reportgen.core.findings import Severity
from reportgen.validation.refs import ref_key

from ..builders import make
from ..validation_support import findings_for, only, place, with_code

CHAPTER_CODES = ("chapter-unknown", "chapter-empty", "chapter-duplicate", "edition-no-commitments")
REF_CODES = ("ref-chapter-mismatch", "ref-not-adjacent", "ref-order")


def test_a_valid_edition_has_no_chapter_or_ref_findings(tmp_path):
    findings = findings_for(tmp_path)
    assert not [f for f in findings if f.code in CHAPTER_CODES + REF_CODES]


def test_a_misspelt_chapter_title_is_unknown_with_a_suggestion(tmp_path):
    def change(sheets):
        sheets["Commitments"][3]["Chapter"] = "Working togther"

    findings = findings_for(tmp_path, change)
    finding = only(findings, "chapter-unknown")
    assert finding.severity is Severity.ERROR
    assert place(finding) == "Commitments!C5"
    assert "did you mean 'Working together'?" in finding.message


@pytest.mark.parametrize("typed, suggestion", [("Chapter 2", "2"), ("working  Together", None)])
def test_a_chapter_number_written_out_is_suggested_and_case_does_not_matter(tmp_path, typed, suggestion):
    def change(sheets):
        sheets["Commitments"][3]["Chapter"] = typed

    unknown = with_code(findings_for(tmp_path, change), "chapter-unknown")
    if suggestion is None:
        assert unknown == []
    else:
        assert f"did you mean '{suggestion}'?" in unknown[0].message


def test_an_unknown_chapter_with_nothing_close_lists_the_chapters(tmp_path):
    def change(sheets):
        sheets["Commitments"][3]["Chapter"] = "Zebra crossings"

    finding = only(findings_for(tmp_path, change), "chapter-unknown")
    assert "did you mean" not in finding.message and "the chapters are 1, 2" in finding.message


def test_a_chart_placed_in_an_unknown_chapter_is_reported_at_its_chapter_cell(tmp_path):
    def change(sheets):
        sheets["Charts"] = [{"Group": "WORKFORCE", "Title": "Officers", "Type": "bar", "Chapter": "9"}]

    finding = only(findings_for(tmp_path, change), "chapter-unknown")
    assert place(finding) == "Charts!D2"
    assert "leave it blank" in finding.message


def test_a_chapter_without_commitments_is_reported_at_its_title(tmp_path):
    def change(sheets):
        sheets["Chapters"].append({"Number": "3", "Title": "Holding to account"})

    finding = only(findings_for(tmp_path, change), "chapter-empty")
    assert finding.severity is Severity.ERROR
    assert place(finding) == "Chapters!B4"


def test_an_edition_without_commitments_is_an_error_at_commitments_a2_and_its_chapters_stay_empty(tmp_path):
    def change(sheets):
        sheets["Commitments"] = []

    findings = findings_for(tmp_path, change)
    finding = only(findings, "edition-no-commitments")
    assert (finding.severity, place(finding)) == (Severity.ERROR, "Commitments!A2")
    assert "the 2 chapters on the Chapters sheet would print with nothing under them" in finding.message
    assert [place(f) for f in findings if f.code == "chapter-empty"] == ["Chapters!B2", "Chapters!B3"]


def test_an_edition_with_no_chapters_and_no_commitments_is_refused_by_validate_and_build(tmp_path):
    from click.testing import CliRunner

    from reportgen.cli import cli

    def change(sheets):
        sheets["Commitments"] = []
        sheets["Chapters"] = []

    path = make(tmp_path, change)
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert "Commitments!A2: error [edition-no-commitments]" in result.output
    assert "the edition would print a cover and no chapters" in result.output
    built = CliRunner().invoke(cli, ["build", str(path), "-o", str(tmp_path / "out")])
    assert built.exit_code == 1 and not (tmp_path / "out").exists()


def test_an_unnumbered_chapter_with_commitments_and_no_refs_is_fine(tmp_path):
    def change(sheets):
        sheets["Chapters"].append({"Title": "Next steps"})
        sheets["Commitments"].append(
            {
                "ID": "C-005",
                "Chapter": "Next steps",
                "Commitment": "Publish updates.",
                "Update": "Published in March.",
                "Approved": "Yes",
            }
        )

    findings = findings_for(tmp_path, change)
    assert not [f for f in findings if f.code in CHAPTER_CODES + REF_CODES]


@pytest.mark.parametrize("column, letter, value", [("Title", "B", "Fairer use of police powers"), ("Number", "A", "1")])
def test_a_repeated_chapter_title_or_number_is_reported_at_the_second(tmp_path, column, letter, value):
    def change(sheets):
        row = {"Number": "3", "Title": "Holding to account"}
        row[column] = value
        sheets["Chapters"].append(row)
        sheets["Commitments"].append(
            {"ID": "C-009", "Ref": "3.1", "Chapter": "Holding to account", "Commitment": "Scrutiny.", "Update": "Done."}
        )

    finding = only(findings_for(tmp_path, change), "chapter-duplicate")
    assert finding.severity is Severity.ERROR
    assert place(finding) == f"Chapters!{letter}4"
    assert "row 2" in finding.message


def test_a_ref_that_does_not_start_with_its_chapter_number(tmp_path):
    def change(sheets):
        sheets["Commitments"][3]["Ref"] = "3.1"

    finding = only(findings_for(tmp_path, change), "ref-chapter-mismatch")
    assert finding.severity is Severity.ERROR
    assert place(finding) == "Commitments!B5"
    assert "start with 2." in finding.message


def test_a_ref_equal_to_a_longer_chapter_number_prefix_is_not_a_match(tmp_path):
    def change(sheets):
        sheets["Commitments"][3]["Ref"] = "21.1"  # chapter 2: "21.1" starts with "2" but not "2."

    assert place(only(findings_for(tmp_path, change), "ref-chapter-mismatch")) == "Commitments!B5"


def test_rows_sharing_a_ref_must_be_adjacent(tmp_path):
    def change(sheets):
        sheets["Commitments"][2]["Ref"] = "1.2"
        sheets["Commitments"].insert(
            3, {"ID": "C-010", "Ref": "1.1", "Chapter": "1", "Commitment": "Later.", "Update": "Done."}
        )

    findings = findings_for(tmp_path, change)
    finding = only(findings, "ref-not-adjacent")
    assert finding.severity is Severity.ERROR
    assert place(finding) == "Commitments!B5"
    assert "row 2" in finding.message
    assert not with_code(findings, "ref-order")  # one finding for one mistake


def test_a_ref_that_goes_backwards_is_reported(tmp_path):
    def change(sheets):
        rows = sheets["Commitments"]
        rows[0]["Ref"], rows[1]["Ref"], rows[2]["Ref"] = "1.2", "1.2", "1.1"

    finding = only(findings_for(tmp_path, change), "ref-order")
    assert finding.severity is Severity.ERROR
    assert place(finding) == "Commitments!B4"
    assert "comes after 1.2" in finding.message


def test_refs_compare_as_numbers_so_1_10_follows_1_9(tmp_path):
    def change(sheets):
        rows = sheets["Commitments"]
        rows[0]["Ref"], rows[1]["Ref"], rows[2]["Ref"] = "1.9", "1.9", "1.10"

    findings = findings_for(tmp_path, change)
    assert not [f for f in findings if f.code in REF_CODES]


def test_a_ref_typed_as_a_number_gets_advice_about_excel_dropping_zeros(tmp_path):
    def change(sheets):
        rows = sheets["Commitments"]
        rows[0]["Ref"], rows[1]["Ref"], rows[2]["Ref"] = 1.9, 1.9, 1.1  # 1.10 typed as a number

    finding = only(findings_for(tmp_path, change), "ref-order")
    assert "format the Ref column as Text" in finding.message


def test_ref_key_orders_dotted_numbers_numerically():
    refs = ["2.1", "1.10", "1.9", "1.2a", "1.2"]
    assert sorted(refs, key=ref_key) == ["1.2", "1.2a", "1.9", "1.10", "2.1"]
