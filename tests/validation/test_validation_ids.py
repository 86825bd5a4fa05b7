"""IDs and Chart groups: well formed and unique; Glossary terms defined once."""

from __future__ import annotations

import pytest

from reportgen.core.findings import Severity

from ..validation_support import findings_for, only, place, with_code


def test_a_valid_edition_has_no_id_findings(tmp_path):
    findings = findings_for(tmp_path)
    assert not [f for f in findings if f.code.startswith("id-") or f.code == "glossary-term-duplicate"]


@pytest.mark.parametrize("typed, shown", [("C 005", "a space"), ("C/005", "'/'"), ("C.5", "'.'")])
def test_a_commitment_id_with_other_characters_is_malformed(tmp_path, typed, shown):
    def change(sheets):
        sheets["Commitments"][2]["ID"] = typed

    finding = only(findings_for(tmp_path, change), "id-malformed")
    assert finding.severity is Severity.ERROR
    assert place(finding) == "Commitments!A4"
    assert shown in finding.message and "letters, digits, - and _" in finding.message


def test_letters_digits_hyphens_and_underscores_are_fine(tmp_path):
    def change(sheets):
        sheets["Commitments"][0]["ID"] = "MAP_2025-001"
        sheets["Commitments"][1]["ID"] = 42

    assert not with_code(findings_for(tmp_path, change), "id-malformed")


def test_a_repeated_commitment_id_is_reported_at_the_second_row_ignoring_case(tmp_path):
    def change(sheets):
        sheets["Commitments"][3]["ID"] = "c-001"

    finding = only(findings_for(tmp_path, change), "id-duplicate")
    assert finding.severity is Severity.ERROR
    assert place(finding) == "Commitments!A5"
    assert "row 2" in finding.message


@pytest.mark.parametrize(
    "sheet, column, letter, rows",
    [
        (
            "Narrative",
            "ID",
            "A",
            [
                {"ID": "NAR-A", "Heading": "One", "Body": "Text."},
                {"ID": "NAR-A", "Heading": "Two", "Body": "More text."},
            ],
        ),
        (
            "Metrics",
            "ID",
            "A",
            [
                {"ID": "M-1", "Label": "Officers", "Value": 10, "Unit": "count"},
                {"ID": "M-1", "Label": "Staff", "Value": 12, "Unit": "count"},
            ],
        ),
        (
            "Charts",
            "Group",
            "A",
            [
                {"Group": "WORKFORCE", "Title": "Officers", "Type": "bar"},
                {"Group": "WORKFORCE", "Title": "Staff", "Type": "bar"},
            ],
        ),
    ],
)
def test_ids_are_unique_on_every_sheet_that_has_them(tmp_path, sheet, column, letter, rows):
    def change(sheets):
        sheets[sheet] = rows

    finding = only(findings_for(tmp_path, change), "id-duplicate")
    assert place(finding) == f"{sheet}!{letter}3"
    assert column in finding.message


def test_a_chart_group_with_a_space_is_malformed(tmp_path):
    def change(sheets):
        sheets["Charts"] = [{"Group": "WORK FORCE", "Title": "Officers", "Type": "bar"}]

    assert place(only(findings_for(tmp_path, change), "id-malformed")) == "Charts!A2"


def test_a_glossary_term_defined_twice_is_a_warning(tmp_path):
    def change(sheets):
        sheets["Glossary"] = [
            {"Term": "BCU", "Meaning": "Basic Command Unit"},
            {"Term": "bcu", "Meaning": "Borough Command Unit"},
        ]

    finding = only(findings_for(tmp_path, change), "glossary-term-duplicate")
    assert finding.severity is Severity.WARNING
    assert place(finding) == "Glossary!A3"


def test_different_glossary_terms_are_fine(tmp_path):
    def change(sheets):
        sheets["Glossary"] = [
            {"Term": "BCU", "Meaning": "Basic Command Unit"},
            {"Term": "MPS", "Meaning": "Metropolitan Police Service"},
        ]

    assert not with_code(findings_for(tmp_path, change), "glossary-term-duplicate")
