"""reportgen next: the next quarter's workbook, and the rule that finds updates nobody rewrote."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from reportgen.cli import cli
from reportgen.core.findings import Severity
from reportgen.rollover.edition import add_months, next_label, parse_period, roll_forward
from reportgen.validation import Options, validate
from reportgen.workbook.reader import load

from ..builders import make, valid_sheets, write_workbook


def run(*args):
    return CliRunner().invoke(cli, [str(arg) for arg in args])


def rows(path, sheet):
    book = openpyxl.load_workbook(path)
    worksheet = book[sheet]
    header = [cell.value for cell in worksheet[1]]
    return [
        dict(zip(header, (cell.value for cell in row)))
        for row in worksheet.iter_rows(min_row=2)
        if any(cell.value is not None for cell in row)
    ]


def fields(path):
    return {row["Field"]: row["Value"] for row in rows(path, "Edition")}


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- labels and dates --------------------------------------------------------------------


@pytest.mark.parametrize(
    "label, expected",
    [
        ("2021/22 Quarter 2 Update", "2021/22 Quarter 3 Update"),
        ("2021/22 Quarter 4 Update", "2022/23 Quarter 1 Update"),
        ("2021/2022 Quarter 4 Update", "2022/2023 Quarter 1 Update"),
        ("Q2 2021/22", "Q3 2021/22"),
        ("Q4 2021/22 update", "Q1 2022/23 update"),
        ("Q4 2021", "Q1 2022"),
        ("September 2021 Update", "December 2021 Update"),
        ("October 2021 Update", "January 2022 Update"),
        ("Sept 2021 update", "Dec 2021 update"),
        ("Quarter 2 Update (July to September 2021)", "Quarter 3 Update (October to December 2021)"),
        ("2021/22 Quarter 4 Update (January to March 2022)", "2022/23 Quarter 1 Update (April to June 2022)"),
    ],
)
def test_known_labels_move_on_a_quarter(label, expected):
    assert next_label(label) == expected


@pytest.mark.parametrize("label", ["Annual report", "Progress update", "Update as it may stand", ""])
def test_other_labels_are_not_guessed(label):
    assert next_label(label) is None


def test_month_ends_stay_month_ends():
    assert add_months(dt.date(2025, 9, 30), 3) == dt.date(2025, 12, 31)
    assert add_months(dt.date(2025, 12, 31), 3) == dt.date(2026, 3, 31)
    assert add_months(dt.date(2026, 3, 31), 3) == dt.date(2026, 6, 30)
    assert add_months(dt.date(2025, 11, 14), 3) == dt.date(2026, 2, 14)
    assert add_months(dt.date(2025, 11, 30), 3) == dt.date(2026, 2, 28)


def test_period_option_takes_iso_or_british_dates():
    assert parse_period("2025-10-01:2025-12-31") == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    assert parse_period("01/10/2025:31/12/2025") == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))


# --- the command ---------------------------------------------------------------------------


def test_next_moves_the_edition_on_a_quarter(tmp_path):
    source = make(tmp_path)
    result = run("next", source, "-o", tmp_path / "next.xlsx")
    assert result.exit_code == 0, result.output
    values = fields(tmp_path / "next.xlsx")
    assert values["Edition"] == "2025/26 Quarter 3 Update"
    assert values["Period start"].date() == dt.date(2025, 10, 1)
    assert values["Period end"].date() == dt.date(2025, 12, 31)
    assert values["Publication date"].date() == dt.date(2026, 2, 14)
    assert values["Status"] == "Draft"
    assert values["Title"] == "Action Plan for Fairer Policing"
    assert values["Contact"] == "actionplan@example.gov.uk"
    assert "next-publication-date-moved" in result.output


def test_next_resets_approval_and_keeps_each_update_twice(tmp_path):
    source = make(tmp_path)
    run("next", source, "-o", tmp_path / "next.xlsx")
    old = {row["ID"]: row for row in rows(source, "Commitments")}
    new = rows(tmp_path / "next.xlsx", "Commitments")
    assert [row["ID"] for row in new] == ["C-001", "C-002", "C-003", "C-004"]
    for row in new:
        assert row["Approved"] == "No"
        assert row["Update"] == old[row["ID"]]["Update"]
        assert row["Previous update"] == old[row["ID"]]["Update"]
        for column in ("Ref", "Chapter", "Commitment", "Status"):
            assert row[column] == old[row["ID"]][column]
    assert new[2]["Notes"] == "Secret internal note"


def test_next_carries_chapters_narrative_metrics_charts_and_glossary(tmp_path):
    def change(sheets):
        sheets["Metrics"] = [
            {
                "ID": "OFFICERS",
                "Label": "Officers",
                "Value": 32920,
                "Unit": "count",
                "Chart": "STAFF",
                "As at": dt.date(2025, 8, 31),
            }
        ]
        sheets["Charts"] = [{"Group": "STAFF", "Title": "Officers", "Type": "bar"}]
        sheets["Glossary"] = [{"Term": "BCU", "Meaning": "Basic Command Unit"}]

    source = make(tmp_path, change)
    run("next", source, "-o", tmp_path / "next.xlsx")
    new = tmp_path / "next.xlsx"
    for sheet in ("Chapters", "Narrative", "Charts", "Glossary"):
        assert rows(new, sheet) == rows(source, sheet), sheet
    metric = rows(new, "Metrics")[0]
    assert (metric["ID"], metric["Value"], metric["As at"].date()) == ("OFFICERS", 32920, dt.date(2025, 8, 31))


def test_next_points_out_commitments_complete_last_time(tmp_path):
    result = run("next", make(tmp_path), "-o", tmp_path / "next.xlsx", "--format", "json")
    found = [f for f in json.loads(result.output)["findings"] if f["code"] == "next-complete-kept"]
    assert len(found) == 1
    assert (found[0]["sheet"], found[0]["cell"], found[0]["severity"]) == ("Commitments", "F4", "warning")
    assert "C-003" in found[0]["message"]
    assert rows(tmp_path / "next.xlsx", "Commitments")[2]["Status"] == "Complete"


def test_previous_update_column_is_shaded_protected_and_explained(tmp_path):
    run("next", make(tmp_path), "-o", tmp_path / "next.xlsx")
    book = openpyxl.load_workbook(tmp_path / "next.xlsx")
    sheet = book["Commitments"]
    header = [cell.value for cell in sheet[1]]
    column = header.index("Previous update") + 1
    assert sheet.protection.sheet
    assert sheet.cell(2, column).protection.locked
    assert not sheet.cell(2, header.index("Update") + 1).protection.locked
    assert sheet.cell(2, column).fill.fgColor.rgb != sheet.cell(2, header.index("Update") + 1).fill.fgColor.rgb
    instructions = " ".join(str(cell.value) for row in book["Instructions"].iter_rows() for cell in row if cell.value)
    assert "Previous update" in instructions


def test_validate_reports_every_update_not_yet_rewritten(tmp_path):
    run("next", make(tmp_path), "-o", tmp_path / "next.xlsx")
    findings = validate(load(tmp_path / "next.xlsx"))
    unchanged = [f for f in findings if f.code == "update-unchanged-since-previous"]
    assert [f.source.cell for f in unchanged] == ["G2", "G3", "G4", "G5"]
    assert all(f.severity is Severity.WARNING for f in unchanged)


def test_options_set_the_period_and_label(tmp_path):
    result = run(
        "next",
        make(tmp_path),
        "-o",
        tmp_path / "next.xlsx",
        "--period",
        "01/01/2026:31/03/2026",
        "--edition",
        "Winter 2026 Update",
    )
    assert result.exit_code == 0, result.output
    values = fields(tmp_path / "next.xlsx")
    assert (values["Period start"].date(), values["Period end"].date()) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert values["Edition"] == "Winter 2026 Update"
    assert values["Publication date"].date() == dt.date(2026, 5, 14)


def test_a_label_without_a_known_pattern_is_left_with_a_finding(tmp_path):
    def change(sheets):
        sheets["Edition"]["Edition"] = "Autumn progress report"

    result = run("next", make(tmp_path, change), "-o", tmp_path / "next.xlsx", "--format", "json")
    assert result.exit_code == 0
    found = [f for f in json.loads(result.output)["findings"] if f["code"] == "next-edition-label-kept"]
    assert found and found[0]["cell"] == "B3"
    assert fields(tmp_path / "next.xlsx")["Edition"] == "Autumn progress report"


def test_narrative_naming_the_old_edition_is_pointed_out(tmp_path):
    def change(sheets):
        sheets["Narrative"][0]["Body"] = "This is the 2025/26 Quarter 2 Update, covering July to September 2025."

        sheets["Edition"]["Subject"] = "2025/26 Quarter 2 Update: progress on the plan"

    result = run("next", make(tmp_path, change), "-o", tmp_path / "next.xlsx", "--format", "json")
    found = [f for f in json.loads(result.output)["findings"] if f["code"] == "next-mentions-last-edition"]
    assert [(f["sheet"], f["cell"]) for f in found] == [("Edition", "B11"), ("Narrative", "C2")]


def test_narrative_about_the_plan_not_the_quarter_is_left_alone(tmp_path):
    def change(sheets):
        sheets["Narrative"][0]["Body"] = "The plan was published in November 2020."

    result = run("next", make(tmp_path, change), "-o", tmp_path / "next.xlsx")
    assert "next-mentions-last-edition" not in result.output


def test_next_never_changes_its_input_or_replaces_the_output(tmp_path):
    source = make(tmp_path)
    before = digest(source)
    existing = tmp_path / "next.xlsx"
    existing.write_bytes(b"keep me")
    result = run("next", source, "-o", existing)
    assert result.exit_code == 2
    assert "already exists" in result.output
    assert existing.read_bytes() == b"keep me"
    assert run("next", source, "-o", source).exit_code == 2
    assert digest(source) == before
    assert run("next", source, "-o", tmp_path / "fresh.xlsx").exit_code == 0
    assert digest(source) == before


def test_the_same_workbook_rolls_forward_to_the_same_bytes(tmp_path):
    source = make(tmp_path)
    run("next", source, "-o", tmp_path / "first.xlsx")
    run("next", source, "-o", tmp_path / "second.xlsx")
    assert (tmp_path / "first.xlsx").read_bytes() == (tmp_path / "second.xlsx").read_bytes()


@pytest.mark.parametrize("period", ["2025-10-01", "2025-10-01:soon", "2025-12-31:2025-10-01"])
def test_a_bad_period_stops_with_one_line(tmp_path, period):
    result = run("next", make(tmp_path), "-o", tmp_path / "next.xlsx", "--period", period)
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "--period" in result.output
    assert not (tmp_path / "next.xlsx").exists()


def test_a_workbook_without_commitments_is_refused(tmp_path):
    def change(sheets):
        sheets["Commitments"] = None

    result = run("next", make(tmp_path, change), "-o", tmp_path / "next.xlsx")
    assert result.exit_code == 1
    assert "sheet-missing" in result.output
    assert not (tmp_path / "next.xlsx").exists()


def test_not_a_workbook_stops_with_exit_2(tmp_path):
    bogus = tmp_path / "notes.xlsx"
    bogus.write_text("just text")
    result = run("next", bogus, "-o", tmp_path / "next.xlsx")
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_what_has_no_place_in_the_new_workbook_is_reported(tmp_path):
    sheets = valid_sheets()
    sheets["Scratch"] = [{"Anything": "working notes"}]
    sheets["Commitments"][0]["Owner"] = "Jo"
    sheets["Edition"]["Budget"] = "£1m"
    source = write_workbook(tmp_path / "edition.xlsx", sheets)
    result = run("next", source, "-o", tmp_path / "next.xlsx", "--format", "json")
    found = [f for f in json.loads(result.output)["findings"] if f["code"] == "next-not-carried"]
    messages = " ".join(f["message"] for f in found)
    assert "Scratch" in messages and "Owner" in messages and "Budget" in messages
    assert all(f["where"].startswith("edition.xlsx: ") for f in found)


def test_excel_formatting_and_links_become_markup(tmp_path):
    def change(sheets):
        sheets["Commitments"][0]["Update"] = CellRichText("The ", TextBlock(InlineFont(b=True), "review"), " is done.")
        sheets["Commitments"][1]["Update"] = ("Read the report", "https://example.org/report")

    source = make(tmp_path, change)
    run("next", source, "-o", tmp_path / "next.xlsx")
    new = rows(tmp_path / "next.xlsx", "Commitments")
    assert new[0]["Update"] == "The **review** is done."
    assert new[0]["Previous update"] == "The **review** is done."
    assert new[1]["Update"] == "[Read the report](https://example.org/report)"
    old_model = load(source).edition.commitments
    new_model = load(tmp_path / "next.xlsx").edition.commitments
    assert [c.update.blocks for c in new_model] == [c.update.blocks for c in old_model]


@pytest.mark.parametrize("typed", ["=SUM(A1:A3)", "+44 20 7983 4000", "-5% on last year", "@MOPAC said"])
def test_values_that_look_like_formulas_stay_text(tmp_path, typed):
    def change(sheets):
        sheets["Commitments"][0]["Update"] = typed
        sheets["Commitments"][0]["Notes"] = typed

    source = tmp_path / "edition.xlsx"
    sheets = valid_sheets()
    change(sheets)
    book_path = write_workbook(source, sheets)
    # Make the typed text a text cell in the source, as Excel stores it after a leading apostrophe.
    book = openpyxl.load_workbook(book_path)
    for cell in book["Commitments"][2]:
        if cell.value == typed:
            cell.data_type = "s"
    book.save(book_path)
    assert run("next", source, "-o", tmp_path / "next.xlsx").exit_code == 0
    sheet = openpyxl.load_workbook(tmp_path / "next.xlsx")["Commitments"]
    header = [cell.value for cell in sheet[1]]
    for column in ("Update", "Notes", "Previous update"):
        cell = sheet.cell(2, header.index(column) + 1)
        assert cell.value == typed and cell.data_type == "s", column


# --- the rule on its own ------------------------------------------------------------------


def _rolled(tmp_path, edit=None):
    run("next", make(tmp_path), "-o", tmp_path / "next.xlsx")
    path = tmp_path / "next.xlsx"
    if edit is not None:
        book = openpyxl.load_workbook(path)
        edit(book["Commitments"])
        book.save(path)
    return load(path)


def test_rewritten_and_empty_updates_are_not_reported(tmp_path):
    def edit(sheet):
        sheet["G2"] = "The pilot's report was published in November."
        sheet["G3"] = None

    codes = [(f.code, f.source.cell) for f in validate(_rolled(tmp_path, edit))]
    unchanged = [cell for code, cell in codes if code == "update-unchanged-since-previous"]
    assert unchanged == ["G4", "G5"]


def test_spacing_and_formatting_alone_do_not_make_an_update_new(tmp_path):
    def edit(sheet):
        sheet["G2"] = "The  pilot **finished** in\nAugust."

    unchanged = [
        f.source.cell for f in validate(_rolled(tmp_path, edit)) if f.code == "update-unchanged-since-previous"
    ]
    assert "G2" in unchanged


def test_fail_on_carried_over_makes_it_an_error(tmp_path):
    findings = validate(_rolled(tmp_path), Options(fail_on=frozenset({"carried-over"})))
    unchanged = [f for f in findings if f.code == "update-unchanged-since-previous"]
    assert unchanged and all(f.severity is Severity.ERROR for f in unchanged)


def test_a_workbook_never_rolled_forward_has_no_such_findings(tmp_path):
    assert not [f for f in validate(load(make(tmp_path))) if f.code == "update-unchanged-since-previous"]


def _without_sheet(path, sheet):
    book = openpyxl.load_workbook(path)
    del book[sheet]
    book.save(path)
    return path


def test_next_refuses_a_workbook_missing_a_required_sheet_and_writes_nothing(tmp_path):
    workbook = _without_sheet(make(tmp_path), "Chapters")
    plan = roll_forward(workbook, tmp_path / "next.xlsx")
    assert [(f.code, f.source.sheet) for f in plan.findings] == [("sheet-missing", "Chapters")]
    assert "nothing to carry over from it" in plan.findings[0].message
    assert plan.failed and not (tmp_path / "next.xlsx").exists()


def test_next_of_a_meeting_refuses_a_workbook_missing_a_required_sheet(tmp_path):
    from reportgen.meeting.rollover import roll_meeting_forward

    from ..meeting_builders import write_meeting

    workbook = _without_sheet(write_meeting(tmp_path / "meeting.xlsx"), "Actions")
    plan = roll_meeting_forward(workbook, tmp_path / "next.xlsx")
    assert [(f.code, f.source.sheet) for f in plan.findings] == [("sheet-missing", "Actions")]
    assert plan.failed and not (tmp_path / "next.xlsx").exists()


def test_next_carries_over_a_workbook_whose_optional_sheets_are_missing(tmp_path):
    workbook = _without_sheet(make(tmp_path), "Glossary")
    plan = roll_forward(workbook, tmp_path / "next.xlsx")
    assert "sheet-missing" not in {f.code for f in plan.findings}
    assert (tmp_path / "next.xlsx").exists()
