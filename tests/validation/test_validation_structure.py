"""The schema-driven rules: sheets, columns, required values, value types, formulas, macros."""

from __future__ import annotations

import datetime as dt
import re
import zipfile

import openpyxl
import pytest

from reportgen.core.findings import Severity
from reportgen.validation import validate
from reportgen.workbook.reader import load

from ..builders import make
from ..validation_support import findings_for, only, place, with_code


def test_the_builders_valid_edition_has_no_findings_at_all(tmp_path):
    assert findings_for(tmp_path) == []


def test_a_missing_required_sheet_is_an_error_and_a_missing_optional_one_is_not(tmp_path):
    def change(sheets):
        sheets["Chapters"] = None
        sheets["Glossary"] = None

    findings = findings_for(tmp_path, change)
    finding = only(findings, "sheet-missing")
    assert finding.severity is Severity.ERROR
    assert finding.source.sheet == "Chapters" and finding.source.cell is None
    assert "Number, Title, Introduction" in finding.message


def test_an_unknown_sheet_is_a_warning_and_instructions_is_ignored(tmp_path):
    def change(sheets):
        sheets["Actions"] = [{"What": "x"}]
        sheets["Instructions"] = [{"Read me": "x"}]

    finding = only(findings_for(tmp_path, change), "sheet-unknown")
    assert finding.severity is Severity.WARNING and finding.source.sheet == "Actions"


def test_a_misspelt_sheet_and_column_get_a_suggestion(tmp_path):
    def change(sheets):
        sheets["Glossaries"] = sheets.pop("Glossary")
        sheets["Commitments"][0]["Updates"] = "Typed in the wrong column."

    findings = findings_for(tmp_path, change)
    assert "did you mean 'Glossary'?" in only(findings, "sheet-unknown").message
    assert "did you mean 'Update'?" in only(findings, "column-unknown").message


def test_sheets_and_columns_are_found_case_insensitively_in_any_order(tmp_path):
    typed = ["approved", "UPDATE", "status", "Lead", "commitment", "chapter", "ref", "Id"]

    def change(sheets):
        rows = sheets.pop("Commitments")
        sheets["commitments"] = [
            {header: row.get(header.title() if header != "Id" else "ID") for header in typed} for row in rows
        ]

    assert findings_for(tmp_path, change, headers={"commitments": typed}) == []


def test_a_missing_required_column_is_an_error_at_the_header_row(tmp_path):
    headers = {"Commitments": ["ID", "Ref", "Chapter", "Status", "Update", "Approved"]}
    finding = only(findings_for(tmp_path, headers=headers), "column-missing")
    assert finding.severity is Severity.ERROR
    assert finding.source.sheet == "Commitments" and finding.source.row == 1
    assert "'Commitment'" in finding.message


def test_an_unknown_column_is_a_warning_at_its_header(tmp_path):
    def change(sheets):
        sheets["Commitments"][0]["Owner"] = "Jo"

    finding = only(findings_for(tmp_path, change), "column-unknown")
    assert finding.severity is Severity.WARNING
    assert place(finding) == "Commitments!J1"


def test_a_repeated_column_is_a_warning(tmp_path):
    headers = {"Chapters": ["Number", "Title", "Introduction", "title"]}
    finding = only(findings_for(tmp_path, headers=headers), "column-duplicate")
    assert place(finding) == "Chapters!D1"


@pytest.mark.parametrize(
    "sheet, column, row, expected",
    [
        ("Commitments", "ID", 1, "Commitments!A3"),
        ("Commitments", "Commitment", 0, "Commitments!D2"),
        ("Commitments", "Chapter", 3, "Commitments!C5"),
        ("Chapters", "Title", 1, "Chapters!B3"),
    ],
)
def test_a_required_cell_left_empty_is_an_error_at_the_cell(tmp_path, sheet, column, row, expected):
    def change(sheets):
        sheets[sheet][row][column] = None

    finding = only(findings_for(tmp_path, change), "value-required")
    assert finding.severity is Severity.ERROR and place(finding) == expected


def test_an_empty_required_edition_field_is_reported_at_its_value_cell(tmp_path):
    def change(sheets):
        sheets["Edition"]["Publisher"] = None

    finding = only(findings_for(tmp_path, change), "value-required")
    assert place(finding) == "Edition!B7"
    assert finding.as_dict()["column"] == "Value"


def test_a_missing_required_edition_field_row_is_an_error(tmp_path):
    def change(sheets):
        del sheets["Edition"]["Publisher"]

    finding = only(findings_for(tmp_path, change), "value-required")
    assert finding.source.sheet == "Edition" and "no 'Publisher' row" in finding.message


def test_empty_rows_are_skipped(tmp_path):
    def change(sheets):
        sheets["Commitments"].insert(2, {})

    assert findings_for(tmp_path, change) == []


def _append_edition_row(path, field, value):
    book = openpyxl.load_workbook(path)
    book["Edition"].append([field, value])
    book.save(path)


def test_an_unknown_or_repeated_edition_field_is_a_warning(tmp_path):
    path = make(tmp_path)
    _append_edition_row(path, "Sponsor", "Deputy Mayor")
    _append_edition_row(path, "title", "Another title")
    _append_edition_row(path, "Key words", "policing")
    findings = validate(load(path))
    unknown = with_code(findings, "edition-field-unknown")
    assert [place(f) for f in unknown] == ["Edition!A11", "Edition!A13"]
    assert "did you mean" not in unknown[0].message
    assert "did you mean 'Keywords'?" in unknown[1].message
    duplicate = only(findings, "edition-field-duplicate")
    assert duplicate.severity is Severity.WARNING and place(duplicate) == "Edition!A12"


@pytest.mark.parametrize(
    "sheet, row, column, value, expected",
    [
        ("Commitments", 0, "Status", "Finished", "Commitments!F2"),
        ("Commitments", 1, "Approved", "Maybe", "Commitments!H3"),
        ("Narrative", 0, "Placement", "Middle", "Narrative!D2"),
        ("Narrative", 0, "Level", 4, "Narrative!E2"),
    ],
)
def test_a_value_outside_its_list_is_an_error(tmp_path, sheet, row, column, value, expected):
    def change(sheets):
        sheets[sheet][row][column] = value

    findings = findings_for(tmp_path, change)
    code = "yes-no-invalid" if column == "Approved" else "value-not-in-list"
    finding = only(findings, code)
    assert finding.severity is Severity.ERROR and place(finding) == expected


def test_list_values_ignore_case_and_spacing(tmp_path):
    def change(sheets):
        sheets["Commitments"][0]["Status"] = "  on TRACK "
        sheets["Commitments"][1]["Approved"] = "yes"
        sheets["Narrative"][0]["Placement"] = "after chapters"
        sheets["Narrative"][0]["Level"] = "2"
        sheets["Edition"]["Status"] = "draft"

    assert findings_for(tmp_path, change) == []


def test_an_edition_status_outside_the_list_and_a_unit_outside_its_list(tmp_path):
    def change(sheets):
        sheets["Edition"]["Status"] = "Published"
        sheets["Metrics"] = [{"ID": "M-1", "Label": "Officers", "Value": 5, "Unit": "people"}]

    findings = with_code(findings_for(tmp_path, change), "value-not-in-list")
    assert sorted(place(f) for f in findings) == ["Edition!B8", "Metrics!D2"]


def test_a_date_that_is_not_a_date_is_an_error(tmp_path):
    def change(sheets):
        sheets["Edition"]["Period start"] = "Q2"

    finding = only(findings_for(tmp_path, change), "date-invalid")
    assert finding.severity is Severity.ERROR and place(finding) == "Edition!B4"


def test_dates_typed_as_text_in_common_forms_are_dates(tmp_path):
    def change(sheets):
        sheets["Edition"]["Period start"] = "1 July 2025"
        sheets["Edition"]["Period end"] = "30/09/2025"
        sheets["Edition"]["Publication date"] = dt.datetime(2025, 11, 14, 0, 0)

    assert findings_for(tmp_path, change) == []


def test_a_metric_value_that_is_not_a_number_is_an_error(tmp_path):
    def change(sheets):
        sheets["Metrics"] = [{"ID": "M-1", "Label": "Officers", "Value": "about 5", "Unit": "count"}]

    finding = only(findings_for(tmp_path, change), "number-invalid")
    assert finding.severity is Severity.ERROR and place(finding) == "Metrics!C2"


def _cache_formula_values(path, values: dict[str, str]):
    """Give openpyxl's formulas the cached values Excel would have written when it saved."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    for name, data in parts.items():
        if name.startswith("xl/worksheets/"):
            text = data.decode()
            for formula, value in values.items():
                text = text.replace(f"<f>{formula}</f><v></v>", f"<f>{formula}</f><v>{value}</v>")
                text = (
                    re.sub(rf'(<c r="[A-Z]+\d+")(><f>{re.escape(formula)}</f><v>[^<]+</v>)', r'\1 t="str"\2', text)
                    if not value.replace(".", "").isdigit()
                    else text
                )
            parts[name] = text.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_a_formula_without_a_cached_value_is_an_error(tmp_path):
    def change(sheets):
        sheets["Metrics"] = [{"ID": "M-1", "Label": "Officers", "Value": "=2+3", "Unit": "count"}]

    findings = findings_for(tmp_path, change)
    finding = only(findings, "formula-no-value")
    assert finding.severity is Severity.ERROR and place(finding) == "Metrics!C2"
    assert "=2+3" in finding.message
    assert not with_code(findings, "value-required")


def test_a_formula_with_a_cached_value_reads_as_its_value(tmp_path):
    def change(sheets):
        sheets["Metrics"] = [{"ID": "M-1", "Label": "Officers", "Value": "=2+3", "Unit": "count"}]
        sheets["Commitments"][0]["Lead"] = '="Police"&" service"'

    path = make(tmp_path, change)
    _cache_formula_values(path, {"2+3": "5", '"Police"&amp;" service"': "Police service"})
    loaded = load(path)
    assert validate(loaded) == []
    assert loaded.edition.metrics[0].value == 5
    assert loaded.edition.commitments[0].lead == "Police service"


def test_a_macro_enabled_workbook_is_read_with_a_warning(tmp_path):
    path = make(tmp_path, name="edition.xlsm")
    finding = only(validate(load(path)), "macros-ignored")
    assert finding.severity is Severity.WARNING and finding.source.sheet is None


def test_an_ordinary_workbook_has_no_macro_warning(tmp_path):
    assert not with_code(findings_for(tmp_path), "macros-ignored")
