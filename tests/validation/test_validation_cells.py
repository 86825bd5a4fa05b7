"""Cells that read without complaint but would publish something wrong, or fail a writer:
Excel error values, implausible and ambiguous dates, image markup, typed bullets in plain
text, property lengths; and the workbook as a file: hidden sheets, headerless columns, a
lock file beside it."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from click.testing import CliRunner

from reportgen.cli import cli
from reportgen.core.errors import ReportgenError
from reportgen.core.findings import Severity
from reportgen.rollover.edition import parse_period
from reportgen.validation import validate
from reportgen.workbook.reader import load

from ..builders import make
from ..validation_support import findings_for, only, place, with_code


def edited(tmp_path, edit, change=None):
    """The builders' edition, then `edit(book)` on the saved workbook (what the builders cannot write)."""
    path = make(tmp_path, change)
    book = openpyxl.load_workbook(path)
    edit(book)
    book.save(path)
    return path


def findings_after(tmp_path, edit, change=None):
    return validate(load(edited(tmp_path, edit, change)))


# --- Excel error values ------------------------------------------------------------------


@pytest.mark.parametrize("value", ["#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"])
def test_an_excel_error_value_is_an_error_at_its_cell(tmp_path, value):
    def edit(book):
        cell = book["Commitments"]["G2"]  # Update
        cell.value = value
        cell.data_type = "e"

    finding = only(findings_after(tmp_path, edit), "excel-error")
    assert finding.severity is Severity.ERROR and place(finding) == "Commitments!G2"
    assert f"'{value}'" in finding.message and "Excel error value" in finding.message


def test_an_error_value_in_a_date_or_number_cell_is_reported_once_as_an_excel_error(tmp_path):
    def change(sheets):
        sheets["Metrics"] = [{"ID": "M-1", "Label": "Officers", "Value": 5, "Unit": "count"}]

    def edit(book):
        for sheet, ref in (("Metrics", "C2"), ("Edition", "B4")):
            book[sheet][ref].value = "#DIV/0!"
            book[sheet][ref].data_type = "e"

    findings = findings_after(tmp_path, edit, change)
    assert sorted(place(f) for f in with_code(findings, "excel-error")) == ["Edition!B4", "Metrics!C2"]
    assert not with_code(findings, "number-invalid") and not with_code(findings, "date-invalid")


def test_an_error_value_pasted_as_text_is_caught_too(tmp_path):
    def change(sheets):
        sheets["Commitments"][1]["Lead"] = "#N/A"

    assert place(only(findings_for(tmp_path, change), "excel-error")) == "Commitments!E3"


def test_a_failed_formula_names_its_formula(tmp_path):
    path = make(tmp_path)
    book = openpyxl.load_workbook(path)
    book["Commitments"]["E2"] = "=VLOOKUP(A2,Leads!A:B,2,FALSE)"
    book.save(path)
    # Excel saves the failed result beside the formula; openpyxl cannot, so write it into the XML.
    import zipfile

    data = {}
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            data[info.filename] = archive.read(info)
    sheet_part = next(name for name in data if name.startswith("xl/worksheets/") and b"VLOOKUP" in data[name])
    xml = data[sheet_part].decode()
    start = xml.index('<c r="E2"')
    end = xml.index("</c>", start) + 4
    xml = xml[:start] + '<c r="E2" t="e"><f>VLOOKUP(A2,Leads!A:B,2,FALSE)</f><v>#N/A</v></c>' + xml[end:]
    data[sheet_part] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in data.items():
            archive.writestr(name, content)
    finding = only(validate(load(path)), "excel-error")
    assert place(finding) == "Commitments!E2" and "VLOOKUP" in finding.message


def test_text_that_merely_mentions_an_error_value_is_not_one(tmp_path):
    def change(sheets):
        sheets["Commitments"][0]["Update"] = "The sheet showed #N/A until the figures came in."

    assert not with_code(findings_for(tmp_path, change), "excel-error")


def test_notes_are_never_checked_for_error_values(tmp_path):
    def change(sheets):
        sheets["Commitments"][0]["Notes"] = "#REF!"

    assert not with_code(findings_for(tmp_path, change), "excel-error")


# --- dates -------------------------------------------------------------------------------


def test_a_negative_number_in_a_date_cell_is_out_of_range_not_christmas_1899(tmp_path):
    def edit(book):
        cell = book["Edition"]["B4"]  # Period start
        cell.value = -5
        cell.number_format = "dd/mm/yyyy"

    finding = only(findings_after(tmp_path, edit), "date-out-of-range")
    assert finding.severity is Severity.ERROR and place(finding) == "Edition!B4"
    assert "between 1990 and 2099" in finding.message and "type the date itself" in finding.message


def test_a_typo_in_the_publication_year_is_out_of_range_with_a_suggestion(tmp_path):
    def change(sheets):
        sheets["Edition"]["Publication date"] = dt.date(2205, 11, 14)

    finding = only(findings_for(tmp_path, change), "date-out-of-range")
    assert place(finding) == "Edition!B6" and "14/11/2205" in finding.message and "2025" in finding.message


def test_a_figure_may_describe_an_earlier_year_but_not_before_1900(tmp_path):
    def change(sheets):
        sheets["Metrics"] = [
            {"ID": "M-1", "Label": "Census", "Value": 5, "Unit": "count", "As at": dt.date(1981, 4, 5)},
            {"ID": "M-2", "Label": "Later", "Value": 6, "Unit": "count", "As at": "31/12/9999"},
        ]

    finding = only(findings_for(tmp_path, change), "date-out-of-range")
    assert place(finding) == "Metrics!H3"


def test_dates_inside_the_window_are_fine(tmp_path):
    def change(sheets):
        sheets["Edition"].update(
            {
                "Period start": dt.date(1990, 1, 1),
                "Period end": dt.date(2099, 12, 1),
                "Publication date": dt.date(2099, 12, 31),
            }
        )

    assert not with_code(findings_for(tmp_path, change), "date-out-of-range")


def test_next_reports_an_unusable_date_instead_of_crashing(tmp_path):
    def change(sheets):
        sheets["Edition"].update({"Period end": dt.date(9999, 12, 31), "Publication date": dt.date(9999, 12, 31)})

    path = make(tmp_path, change)
    result = CliRunner().invoke(cli, ["next", str(path), "-o", str(tmp_path / "next.xlsx")])
    assert result.exit_code == 1, result.output
    assert "Edition!B5: error [date-out-of-range]" in result.output and "internal error" not in result.output
    assert not (tmp_path / "next.xlsx").exists()


def test_next_refuses_a_period_option_outside_the_window():
    with pytest.raises(ReportgenError, match="plausible"):
        parse_period("9999-10-01:9999-12-31")


def test_a_day_and_month_typed_as_text_that_could_swap_says_how_it_was_read(tmp_path):
    def change(sheets):
        sheets["Edition"]["Period start"] = "07/01/2025"
        sheets["Edition"]["Period end"] = "30/09/2025"

    finding = only(findings_for(tmp_path, change), "date-ambiguous")
    assert finding.severity is Severity.WARNING and place(finding) == "Edition!B4"
    assert "7 January 2025" in finding.message and "1 July 2025" in finding.message
    assert "2025-01-07" in finding.message


@pytest.mark.parametrize("typed", ["30/09/2025", "2025-07-01", "01/01/2025", "1 July 2025"])
def test_a_date_only_one_way_round_is_not_ambiguous(tmp_path, typed):
    def change(sheets):
        sheets["Edition"]["Period start"] = typed

    assert not with_code(findings_for(tmp_path, change), "date-ambiguous")


def test_a_real_date_cell_is_never_ambiguous(tmp_path):
    def change(sheets):
        sheets["Edition"]["Period start"] = dt.date(2025, 7, 1)

    assert not with_code(findings_for(tmp_path, change), "date-ambiguous")


# --- text --------------------------------------------------------------------------------


def test_image_markup_is_an_error_at_its_cell(tmp_path):
    def change(sheets):
        sheets["Commitments"][0]["Update"] = "See the chart: ![Stops by month](https://example.gov.uk/stops.png)"

    finding = only(findings_for(tmp_path, change), "image-markup")
    assert finding.severity is Severity.ERROR and place(finding) == "Commitments!G2"
    assert "delete the '!'" in finding.message


def test_a_link_and_an_exclamation_mark_are_not_image_markup(tmp_path):
    def change(sheets):
        sheets["Commitments"][0]["Update"] = "Done! See [the report](https://example.gov.uk/report)."

    assert not with_code(findings_for(tmp_path, change), "image-markup")


@pytest.mark.parametrize(
    "sheet, row, column, cell",
    [
        ("Commitments", 0, "Lead", "Commitments!E2"),
        ("Edition", None, "Publisher", "Edition!B7"),
        ("Glossary", 0, "Meaning", "Glossary!B2"),
    ],
)
@pytest.mark.parametrize("bullet", ["- ", "• ", "– "])
def test_a_plain_field_opening_with_a_typed_bullet_is_an_error_at_its_cell(tmp_path, sheet, row, column, cell, bullet):
    def change(sheets):
        sheets["Glossary"] = [{"Term": "BCU", "Meaning": "Basic Command Unit"}]
        target = sheets[sheet] if row is None else sheets[sheet][row]
        target[column] = bullet + "Police service"

    finding = only(findings_for(tmp_path, change), "text-typed-bullet")
    assert finding.severity is Severity.ERROR and place(finding) == cell


def test_a_rich_cell_line_with_a_bullet_markup_cannot_make_is_an_error(tmp_path):
    def change(sheets):
        sheets["Commitments"][0]["Update"] = "Done so far:\n\n✓ Training began"

    assert place(only(findings_for(tmp_path, change), "text-typed-bullet")) == "Commitments!G2"


@pytest.mark.parametrize(
    "text", ["-5% on last year", "Police service - North", "- first\n- second", "• first\n• second", "Steps:\n- one"]
)
def test_dashes_inside_text_and_real_bullets_are_fine(tmp_path, text):
    def change(sheets):
        sheets["Commitments"][0]["Update"] = text
        sheets["Commitments"][1]["Lead"] = text.splitlines()[0] if text.startswith("-5") else "Police - North"

    assert not with_code(findings_for(tmp_path, change), "text-typed-bullet")


def test_a_property_over_255_characters_is_an_error_without_repeating_it(tmp_path):
    def change(sheets):
        sheets["Edition"]["Keywords"] = "policing, " * 40

    finding = only(findings_for(tmp_path, change), "property-too-long")
    assert finding.severity is Severity.ERROR and place(finding) == "Edition!B11"
    assert "399 characters" in finding.message and finding.message.count("policing") <= 4


@pytest.mark.parametrize("field", ["Title", "Author", "Subject", "Keywords"])
def test_each_property_field_is_measured(tmp_path, field):
    def change(sheets):
        sheets["Edition"][field] = "A" + "b" * 255

    finding = only(findings_for(tmp_path, change), "property-too-long")
    assert finding.source.header == "Value" and field in finding.message


def test_a_long_edition_label_is_caught_through_the_subject_made_from_it(tmp_path):
    def change(sheets):
        sheets["Edition"]["Edition"] = "Quarter " + "two " * 55  # 228 characters: fits Category, not Subject

    finding = only(findings_for(tmp_path, change), "property-too-long")
    assert "Subject" in finding.message and place(finding) == "Edition!B3"


def test_properties_of_exactly_255_characters_are_fine(tmp_path):
    def change(sheets):
        for field in ("Title", "Author", "Subject", "Keywords"):
            sheets["Edition"][field] = "A" + "b" * 254

    assert not with_code(findings_for(tmp_path, change), "property-too-long")


# --- the workbook as a file --------------------------------------------------------------


@pytest.mark.parametrize("state, advice", [("hidden", "Unhide"), ("veryHidden", "very hidden")])
def test_a_hidden_sheet_is_read_and_published_but_reported(tmp_path, state, advice):
    def edit(book):
        book["Chapters"].sheet_state = state

    loaded = load(edited(tmp_path, edit))
    finding = only(validate(loaded), "sheet-hidden")
    assert finding.severity is Severity.WARNING and finding.source.sheet == "Chapters" and advice in finding.message
    assert len(loaded.edition.chapters) == 2


def test_visible_sheets_and_the_hidden_lists_sheet_are_not_reported(tmp_path):
    def edit(book):
        book.create_sheet("Lists").sheet_state = "hidden"

    assert not with_code(findings_after(tmp_path, edit), "sheet-hidden")


def test_data_under_a_blank_header_is_reported_at_the_header(tmp_path):
    def edit(book):
        sheet = book["Commitments"]
        sheet.cell(3, 12, "An update typed in the wrong column")

    finding = only(findings_after(tmp_path, edit), "column-header-blank")
    assert finding.severity is Severity.WARNING and place(finding) == "Commitments!L1"
    assert "L3" in finding.message


def test_a_blank_header_over_an_empty_column_is_fine(tmp_path):
    def edit(book):
        book["Commitments"].cell(3, 12, "   ")

    assert not with_code(findings_after(tmp_path, edit), "column-header-blank")


def test_an_excel_lock_file_beside_the_workbook_warns_it_is_open(tmp_path):
    path = make(tmp_path)
    (tmp_path / f"~${path.name}").write_bytes(b"\x0bsomeone")
    finding = only(validate(load(path)), "workbook-open")
    assert finding.severity is Severity.WARNING and f"~${path.name}" in finding.message


def test_no_lock_file_no_warning_and_another_workbooks_lock_is_not_ours(tmp_path):
    path = make(tmp_path)
    (tmp_path / "~$other.xlsx").write_bytes(b"x")
    assert not with_code(validate(load(path)), "workbook-open")


# --- headings ----------------------------------------------------------------------------


@pytest.mark.parametrize("placement", ["Before chapters", "After chapters"])
def test_a_narrative_level_that_skips_one_is_an_error_at_its_level_cell(tmp_path, placement):
    def change(sheets):
        sheets["Narrative"] = [{"ID": "N1", "Heading": "Deep", "Body": "b", "Level": 3, "Placement": placement}]

    finding = only(findings_for(tmp_path, change), "narrative-level-skipped")
    assert finding.severity is Severity.ERROR and place(finding) == "Narrative!E2" and "Level 2" in finding.message


def test_narrative_levels_that_step_down_one_at_a_time_are_fine(tmp_path):
    def change(sheets):
        sheets["Narrative"] = [
            {"ID": f"N{i}", "Heading": f"H{i}", "Body": "b", "Level": level}
            for i, level in enumerate([2, 3, 1, 3 - 1, 3, 1])
        ]

    assert not with_code(findings_for(tmp_path, change), "narrative-level-skipped")


@pytest.mark.parametrize("field", ["Author", "Subject", "Keywords"])
def test_a_bullet_in_a_document_property_is_not_a_typed_list(tmp_path, field):
    def change(sheets):
        sheets["Edition"][field] = "- policing"

    assert not with_code(findings_for(tmp_path, change), "text-typed-bullet")


def test_a_metric_label_opening_with_a_bullet_is_reported_but_its_source_is_not(tmp_path):
    def change(sheets):
        sheets["Metrics"] = [{"ID": "M", "Label": "- Officers", "Value": 1, "Unit": "count", "Source": "- HR"}]

    assert [place(f) for f in with_code(findings_for(tmp_path, change), "text-typed-bullet")] == ["Metrics!B2"]


def test_a_long_run_of_capitals_is_not_an_abbreviation_to_define(tmp_path):
    def change(sheets):
        sheets["Edition"]["Title"] = "T" * 300
        sheets["Commitments"][0]["Update"] = "The HMICFRS report and the ABCDEFGHIJKLMNOPQ placeholder."

    findings = findings_for(tmp_path, change)
    assert [f.message.split("'")[1] for f in with_code(findings, "abbreviation-undefined")] == ["HMICFRS"]
