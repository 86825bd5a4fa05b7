"""The workbook writer: layout, drop-downs, protection, formula safety, round trips and determinism."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from reportgen.core import schema
from reportgen.core.errors import ReportgenError
from reportgen.core.richtext import BulletList, LineBreak, MetricRef, Paragraph, Text
from reportgen.markup.parse import parse
from reportgen.meeting.workbook_reference import reference_markdown
from reportgen.validation import validate
from reportgen.workbook import instructions
from reportgen.workbook.reader import load
from reportgen.workbook.writer import (
    DATE_FORMAT,
    LIST_ROWS,
    PROMPT_LIMIT,
    cell_value,
    row_height,
    workbook_bytes,
    write_workbook,
)

from ..builders import valid_sheets

ROOT = Path(__file__).resolve().parents[2]
STRUCTURAL = {
    "sheet-missing",
    "sheet-unknown",
    "column-missing",
    "column-unknown",
    "column-duplicate",
    "edition-field-unknown",
    "edition-field-duplicate",
}
FORMULA_LOOKING = [
    "=SUM(A1:A3)",
    "+44 20 7946 0000",
    "-5% on last year",
    "@Policy team please check",
    '=HYPERLINK("https://evil.example","Click")',
]


@pytest.fixture(scope="module")
def blank(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("blank") / "blank.xlsx"
    write_workbook(path)
    return path


@pytest.fixture(scope="module")
def blank_book(blank):
    return openpyxl.load_workbook(blank)


@pytest.fixture(scope="module")
def carried(tmp_path_factory) -> Path:
    sheets = valid_sheets()
    for row in sheets["Commitments"]:
        row["Previous update"] = "Last quarter: " + row["Update"]
    path = tmp_path_factory.mktemp("carried") / "next.xlsx"
    write_workbook(path, sheets, carried_over=True)
    return path


def validations(worksheet, ref: str):
    return [dv for dv in worksheet.data_validations.dataValidation if ref in dv.sqref]


def column_letter(spec: schema.Sheet, name: str, carried_over: bool = False) -> str:
    names = [c.name for c in instructions.sheet_columns(spec, carried_over)]
    return openpyxl.utils.get_column_letter(names.index(name) + 1)


# --- layout -------------------------------------------------------------------------------


def test_a_blank_workbook_reads_back_with_no_structural_findings(blank):
    findings = validate(load(blank))
    assert [f for f in findings if f.code in STRUCTURAL] == []
    # What is left is what an officer must fill in, each at its Edition cell, and the commitments.
    assert {f.code for f in findings} == {"value-required", "edition-no-commitments"}
    assert {f.source.cell for f in findings if f.code == "value-required"} == {"B2", "B3", "B4", "B5", "B6", "B7"}
    assert [(f.source.sheet, f.source.cell) for f in findings if f.code == "edition-no-commitments"] == [
        ("Commitments", "A2")
    ]


def test_sheets_come_in_schema_order_after_the_instructions(blank_book):
    assert blank_book.sheetnames == [schema.INSTRUCTIONS_SHEET, *schema.SHEET_ORDER]
    assert blank_book.active.title == schema.INSTRUCTIONS_SHEET


@pytest.mark.parametrize("spec", schema.SHEETS, ids=lambda s: s.name)
def test_every_sheet_has_a_bold_frozen_header_with_the_schema_widths(blank_book, spec):
    worksheet = blank_book[spec.name]
    columns = instructions.sheet_columns(spec, carried_over=False)
    assert [cell.value for cell in worksheet[1]] == [c.name for c in columns]
    assert all(cell.font.b for cell in worksheet[1])
    assert worksheet.freeze_panes == "A2"
    for index, column in enumerate(columns, start=1):
        letter = openpyxl.utils.get_column_letter(index)
        assert worksheet.column_dimensions[letter].width == column.width
        assert worksheet.column_dimensions[letter].alignment.wrap_text


@pytest.mark.parametrize("spec", schema.SHEETS, ids=lambda s: s.name)
def test_every_header_cell_carries_its_column_help_as_an_input_message(blank_book, spec):
    worksheet = blank_book[spec.name]
    for index, column in enumerate(instructions.sheet_columns(spec, False), start=1):
        ref = f"{openpyxl.utils.get_column_letter(index)}1"
        (prompt,) = [dv for dv in validations(worksheet, ref) if dv.prompt]
        assert prompt.showInputMessage and prompt.promptTitle == column.name
        assert column.help in prompt.prompt and len(prompt.prompt) <= PROMPT_LIMIT


def test_the_previous_update_column_is_left_out_unless_carried_over(blank_book):
    assert "Previous update" not in [cell.value for cell in blank_book["Commitments"][1]]
    assert not blank_book["Commitments"].protection.sheet


def test_the_edition_sheet_lists_every_field_with_the_defaults_filled_in(blank_book):
    worksheet = blank_book["Edition"]
    rows = {row[0].value: row[1] for row in worksheet.iter_rows(min_row=2)}
    assert list(rows) == [f.name for f in schema.EDITION.fields]
    assert rows["Status"].value == "Draft" and rows["Language"].value == "en-GB"
    assert all(rows[name].value is None for name in ("Title", "Edition", "Publisher", "Period start"))
    for field in schema.EDITION.fields:
        if field.kind is schema.Kind.DATE:
            assert rows[field.name].number_format == DATE_FORMAT
        (prompt,) = [dv for dv in validations(worksheet, rows[field.name].coordinate) if dv.prompt]
        assert field.help in prompt.prompt


# --- drop-downs ---------------------------------------------------------------------------


def _fixed_lists():
    for spec in schema.SHEETS:
        for column in spec.columns:
            if column.choices:
                yield spec, column


@pytest.mark.parametrize("spec,column", list(_fixed_lists()), ids=lambda x: getattr(x, "name", ""))
def test_a_column_with_fixed_values_has_a_strict_drop_down_over_the_whole_column(blank_book, spec, column):
    letter = column_letter(spec, column.name)
    (dv,) = [dv for dv in validations(blank_book[spec.name], f"{letter}2") if dv.type == "list"]
    assert str(dv.sqref) == f"{letter}2:{letter}{LIST_ROWS}"
    assert dv.formula1 == '"' + ",".join(column.choices) + '"'
    assert dv.showErrorMessage and dv.errorStyle == "stop"
    assert dv.error == f"Choose one of: {', '.join(column.choices)}."


def test_the_drop_downs_the_issue_asks_for_are_all_there():
    listed = {(s.name, c.name) for s, c in _fixed_lists()}
    assert {
        ("Commitments", "Status"),
        ("Commitments", "Approved"),
        ("Metrics", "Unit"),
        ("Charts", "Type"),
        ("Narrative", "Placement"),
        ("Narrative", "Level"),
    } <= listed
    assert {("Commitments", "Chapter"), ("Charts", "Chapter")} <= set(schema.REFERENCE_LISTS)


def test_the_edition_status_cell_offers_draft_or_final(blank_book):
    worksheet = blank_book["Edition"]
    row = [c.name for c in schema.EDITION.fields].index("Status") + 2
    (dv,) = [dv for dv in validations(worksheet, f"B{row}") if dv.type == "list"]
    assert dv.formula1 == '"Draft,Final"' and dv.showErrorMessage


@pytest.mark.parametrize("target,source", list(schema.REFERENCE_LISTS.items()), ids=lambda x: "-".join(x))
def test_reference_columns_offer_the_other_sheet_without_refusing_a_typed_value(blank_book, target, source):
    sheet_name, column_name = target
    letter = column_letter(schema.sheet(sheet_name), column_name)
    (dv,) = [dv for dv in validations(blank_book[sheet_name], f"{letter}2") if dv.type == "list"]
    source_letter = column_letter(schema.sheet(source[0]), source[1])
    assert dv.formula1 == f"{source[0]}!${source_letter}$2:${source_letter}$200"
    # A chapter may be given by its number, so typing one must not be blocked.
    assert not dv.showErrorMessage


def test_the_chapter_drop_down_reaches_every_chapter_written(tmp_path):
    sheets = valid_sheets()
    sheets["Chapters"] = [{"Number": str(n), "Title": f"Chapter {n}"} for n in range(1, 251)]
    sheets["Commitments"] = []
    path = tmp_path / "many.xlsx"
    write_workbook(path, sheets)
    worksheet = openpyxl.load_workbook(path)["Commitments"]
    (dv,) = [dv for dv in validations(worksheet, "C2") if dv.type == "list"]
    assert dv.formula1 == "Chapters!$B$2:$B$251"


# --- protection of the carried-over column ------------------------------------------------


def test_the_previous_update_column_is_shaded_and_the_only_locked_column(carried):
    worksheet = openpyxl.load_workbook(carried)["Commitments"]
    headers = [cell.value for cell in worksheet[1]]
    assert headers[-1] == "Previous update"
    assert worksheet.protection.sheet and worksheet.protection.password is None
    # Officers still insert, delete, sort and format rows freely.
    for allowed in ("insertRows", "deleteRows", "formatCells", "formatColumns", "formatRows", "sort", "autoFilter"):
        assert getattr(worksheet.protection, allowed) is False, allowed
    locked_letter = openpyxl.utils.get_column_letter(len(headers))
    for index, header in enumerate(headers, start=1):
        letter = openpyxl.utils.get_column_letter(index)
        locked = letter == locked_letter
        assert worksheet.column_dimensions[letter].protection.locked is locked, header
        for row in range(2, 6):
            cell = worksheet[f"{letter}{row}"]
            if cell.value is not None:
                assert cell.protection.locked is locked, cell.coordinate
    assert worksheet[f"{locked_letter}1"].fill.fgColor.rgb.endswith("D9D9D9")
    assert worksheet[f"{locked_letter}2"].fill.fgColor.rgb.endswith("EDEDED")
    assert worksheet[f"{locked_letter}2"].value == "Last quarter: The pilot finished in August."
    # Columns past the table stay editable too.
    free = openpyxl.utils.get_column_letter(len(headers) + 1)
    assert worksheet.column_dimensions[free].protection.locked is False
    assert worksheet.column_dimensions[free].max == 16_384


def test_the_carried_over_workbook_documents_the_locked_column_and_reads_back(carried):
    book = openpyxl.load_workbook(carried)
    text = "\n".join(str(c.value) for row in book[schema.INSTRUCTIONS_SHEET].iter_rows() for c in row if c.value)
    assert "Previous update column on the Commitments sheet is shaded grey and locked" in text
    assert "Unprotect Sheet" in text
    loaded = load(carried)
    assert [f for f in validate(loaded) if f.severity.value == "error" or f.code in STRUCTURAL] == []
    first = loaded.edition.chapters[0].ref_groups[0].commitments[0]
    assert first.previous_update.plain_text() == "Last quarter: The pilot finished in August."


def test_the_previous_update_column_needs_carried_over(tmp_path):
    sheets = valid_sheets()
    sheets["Commitments"][0]["Previous update"] = "Old"
    with pytest.raises(ValueError, match="Previous update"):
        write_workbook(tmp_path / "x.xlsx", sheets)
    assert not (tmp_path / "x.xlsx").exists()


# --- Instructions -------------------------------------------------------------------------


def _instructions_text(book) -> str:
    return "\n".join(str(c.value) for row in book[schema.INSTRUCTIONS_SHEET].iter_rows() for c in row if c.value)


def test_the_instructions_explain_every_sheet_column_and_field(blank_book):
    worksheet = blank_book[schema.INSTRUCTIONS_SHEET]
    first_cells = [row[0].value for row in worksheet.iter_rows()]
    text = _instructions_text(blank_book)
    for spec in schema.SHEETS:
        assert any(str(v).startswith(f"{spec.name} sheet") for v in first_cells if v), spec.name
        assert spec.help in text
        # The Edition sheet is explained field by field; its Field and Value headings carry their own help.
        for column in spec.fields or instructions.sheet_columns(spec, False):
            assert column.name in first_cells, f"{spec.name}.{column.name}"
            assert column.help in text
    for item in instructions.MARKUP_GUIDE:
        assert item.typed in text and item.how in text


def test_the_instructions_show_a_worked_example_row_for_every_sheet(blank_book):
    rows = {row[0].value: row for row in blank_book[schema.INSTRUCTIONS_SHEET].iter_rows()}
    commitment = rows["Commitment"]
    assert commitment[3].value == schema.COMMITMENTS.column("Commitment").example
    assert rows["Period end"][3].value == "30/09/2025"  # dates shown as an officer types them
    examples = [c.example for s in schema.SHEETS for c in s.columns + s.fields if c.example]
    text = _instructions_text(blank_book)
    assert all(example in text or re.fullmatch(r"\d{4}-\d\d-\d\d", example) for example in examples)


def test_every_formatting_example_parses_as_the_instructions_say():
    trees = {item.name: parse(item.typed) for item in instructions.MARKUP_GUIDE}
    assert [type(b) for b in trees["paragraphs"].blocks] == [Paragraph, Paragraph]
    assert any(isinstance(i, LineBreak) for i in trees["line-break"].blocks[0].children)
    bullets = [b for b in trees["bullets"].blocks if isinstance(b, BulletList)]
    assert len(bullets) == 1 and len(bullets[0].items) == 2
    (link,) = trees["link"].links()
    assert link.href == "https://www.example.gov.uk/stop-search" and link.is_safe
    assert Text("complete", bold=True) in list(trees["bold"].inlines())
    assert Text("Police Powers in Practice", italic=True) in list(trees["italic"].inlines())
    (metric,) = trees["metric"].metric_refs()
    assert isinstance(metric, MetricRef) and metric.metric_id == "OFFICERS-ALL"
    assert {item.name for item in instructions.MARKUP_GUIDE} == set(trees)


def test_the_user_documentation_is_the_generated_reference():
    committed = (ROOT / "docs" / "workbook.md").read_text(encoding="utf-8")
    assert committed == reference_markdown(), (
        "docs/workbook.md is out of date: run .venv/bin/python -m reportgen.meeting.workbook_reference > docs/workbook.md"
    )
    for spec in schema.SHEETS:
        for column in spec.columns + spec.fields:
            assert f"| {column.name} |" in committed


# --- values and formula safety ------------------------------------------------------------


def _content_with(update: str, **commitment) -> dict:
    sheets = valid_sheets()
    sheets["Commitments"][0].update(Update=update, **commitment)
    return sheets


@pytest.mark.parametrize("text", FORMULA_LOOKING)
def test_text_that_looks_like_a_formula_is_stored_as_text(tmp_path, text):
    path = tmp_path / "f.xlsx"
    write_workbook(path, _content_with(text, Notes=text))
    with zipfile.ZipFile(path) as package:
        names = {n for n in package.namelist() if n.startswith("xl/worksheets/")}
        xml = "".join(package.read(n).decode() for n in names)
    assert "<f>" not in xml and "<f " not in xml
    worksheet = openpyxl.load_workbook(path)["Commitments"]
    cell = worksheet[f"{column_letter(schema.COMMITMENTS, 'Update')}2"]
    assert cell.data_type == "s" and cell.value == text
    assert cell.quotePrefix  # Excel keeps it text when the cell is edited
    loaded = load(path)
    first = loaded.edition.chapters[0].ref_groups[0].commitments[0]
    assert first.update.source_text == text and first.notes == text
    assert not [f for f in validate(loaded) if f.code == "formula-no-value"]


def test_plain_text_is_not_marked_as_typed_with_an_apostrophe(tmp_path):
    path = tmp_path / "plain.xlsx"
    write_workbook(path, _content_with("Ordinary text"))
    cell = openpyxl.load_workbook(path)["Commitments"]["G2"]
    assert cell.value == "Ordinary text" and not cell.quotePrefix


def test_content_round_trips_through_the_reader(tmp_path):
    sheets = valid_sheets()
    update = (
        "The pilot finished in **August**.\n\nWe then:\n• met twelve schools\n• held four panels\n\n"
        "Read the [report](https://www.example.gov.uk/report)."
    )
    sheets["Commitments"][0]["Update"] = update
    sheets["Commitments"][1]["Approved"] = False
    sheets["Metrics"] = [
        {"ID": "OFFICERS", "Label": "Officers", "Value": "32,920", "Unit": "count", "As at": dt.date(2025, 8, 31)},
        {"ID": "SHARE", "Label": "Share", "Value": 16.5, "Unit": "percent", "As at": "31/08/2025"},
    ]
    sheets["Glossary"] = [{"Term": "BCU", "Meaning": "Basic Command Unit"}]
    path = tmp_path / "round.xlsx"
    write_workbook(path, sheets)
    loaded = load(path)
    edition = loaded.edition
    assert [f for f in validate(loaded) if f.severity.value == "error"] == []
    assert edition.title == "Action Plan for Fairer Policing"
    assert (edition.period_start, edition.period_end) == (dt.date(2025, 7, 1), dt.date(2025, 9, 30))
    assert edition.publication_date == dt.date(2025, 11, 14)
    first, second = edition.chapters[0].ref_groups[0].commitments
    assert first.update.source_text == update
    assert [type(b) for b in first.update.blocks] == [Paragraph, Paragraph, BulletList, Paragraph]
    assert Text("August", bold=True) in list(first.update.inlines())
    assert [link.href for link in first.update.links()] == ["https://www.example.gov.uk/report"]
    assert second.approved is False
    assert [(m.value, m.as_at) for m in edition.metrics] == [
        (32920, dt.date(2025, 8, 31)),
        (16.5, dt.date(2025, 8, 31)),
    ]
    book = openpyxl.load_workbook(path)
    assert book["Metrics"]["H2"].number_format == DATE_FORMAT
    assert book["Metrics"]["C2"].data_type == "n"
    assert book["Commitments"]["H3"].value == "No"
    # Multi-line text is given room: the row is taller than one line.
    assert book["Commitments"].row_dimensions[2].height > 15


def test_edition_dates_typed_as_text_are_written_as_dates(tmp_path):
    sheets = valid_sheets()
    sheets["Edition"]["Period start"] = "01/07/2025"
    sheets["Edition"]["Publication date"] = "2025-11-14"
    path = tmp_path / "dates.xlsx"
    write_workbook(path, sheets)
    worksheet = openpyxl.load_workbook(path)["Edition"]
    values = {row[0].value: row[1] for row in worksheet.iter_rows(min_row=2)}
    assert values["Period start"].value == dt.datetime(2025, 7, 1)
    assert values["Period start"].number_format == DATE_FORMAT
    assert values["Publication date"].value == dt.datetime(2025, 11, 14)


def test_characters_a_workbook_cannot_hold_are_cleaned(tmp_path):
    assert cell_value("line\x0bbreak\x0cpage\x01\x1fend", None, "X!A1") == "line\nbreak\npageend"
    assert cell_value("a\r\nb\rc", None, "X!A1") == "a\nb\nc"
    assert cell_value(True, None, "X!A1") == "Yes"
    path = tmp_path / "clean.xlsx"
    write_workbook(path, _content_with("Word\x0bline break\x07"))
    assert load(path).edition.chapters[0].ref_groups[0].commitments[0].update.source_text == "Word\nline break"


def test_text_in_number_and_date_columns_becomes_a_number_or_date_only_when_it_is_one():
    value = schema.METRICS.column("Value")
    assert cell_value("32,920", value, "X!A1") == 32920
    assert cell_value("-1.5", value, "X!A1") == -1.5
    assert cell_value("16.0", value, "X!A1") == 16.0 and isinstance(cell_value("16.0", value, "X!A1"), float)
    for text in ("1,2", "about 30", "n/a", "12,34.5"):
        assert cell_value(text, value, "X!A1") == text
    as_at = schema.METRICS.column("As at")
    assert cell_value("31 August 2025", as_at, "X!A1") == dt.date(2025, 8, 31)
    assert cell_value("TBC", as_at, "X!A1") == "TBC"
    assert cell_value(dt.datetime(2025, 8, 31), as_at, "X!A1") == dt.date(2025, 8, 31)
    assert cell_value(dt.time(10, 30), None, "X!A1") == dt.time(10, 30)
    # Only number columns turn text into numbers: a Ref of 1.10 stays as typed.
    assert cell_value("1.10", schema.COMMITMENTS.column("Ref"), "X!A1") == "1.10"


def test_a_value_a_workbook_cannot_hold_is_refused_naming_the_cell(tmp_path):
    path = tmp_path / "long.xlsx"
    with pytest.raises(ReportgenError, match=r"Commitments!G2: .*32,767"):
        write_workbook(path, _content_with("x" * 40_000))
    sheets = valid_sheets()
    sheets["Metrics"] = [{"ID": "M", "Label": "M", "Value": float("nan"), "Unit": "count"}]
    with pytest.raises(ReportgenError, match=r"Metrics!C2: nan"):
        write_workbook(path, sheets)
    assert list(tmp_path.iterdir()) == []  # nothing written, no temporary file left


def test_unknown_sheets_columns_and_types_are_programming_errors(tmp_path):
    with pytest.raises(ValueError, match="unknown sheet 'Extras'"):
        workbook_bytes({"Extras": []})
    with pytest.raises(ValueError, match="unknown column 'Colour'"):
        workbook_bytes({"Chapters": [{"Title": "A", "Colour": "red"}]})
    with pytest.raises(ValueError, match="unknown field 'Budget'"):
        workbook_bytes({"Edition": {"Budget": 5}})
    with pytest.raises(TypeError, match=r"Chapters!B2: cannot write a list"):
        workbook_bytes({"Chapters": [{"Title": ["A"]}]})


def test_sheet_and_column_names_match_regardless_of_case():
    data = workbook_bytes({"chapters": [{"title": "Working together", "NUMBER": "2"}]})
    assert data == workbook_bytes({"Chapters": [{"Title": "Working together", "Number": "2"}]})


def test_row_height_grows_with_wrapped_lines_and_stops_at_excels_limit():
    assert row_height([("short", 20)]) is None
    assert row_height([("a\nb\nc", 20)]) == 45
    assert row_height([("x" * 100, 11)]) == 150
    assert row_height([("x\n" * 1000, 80)]) == 409


# --- writing the file ---------------------------------------------------------------------


def test_refuses_to_replace_a_file_unless_asked(tmp_path):
    path = tmp_path / "edition.xlsx"
    path.write_bytes(b"officer's work")
    with pytest.raises(ReportgenError, match="already exists"):
        write_workbook(path, valid_sheets())
    assert path.read_bytes() == b"officer's work"
    write_workbook(path, valid_sheets(), overwrite=True)
    assert load(path).edition.title == "Action Plan for Fairer Policing"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["edition.xlsx"]


def test_refuses_a_folder(tmp_path):
    with pytest.raises(ReportgenError, match="is a folder"):
        write_workbook(tmp_path, None, overwrite=True)


def test_the_same_content_gives_the_same_bytes_in_another_process(tmp_path):
    here = workbook_bytes(valid_sheets(), carried_over=True)
    assert here == workbook_bytes(valid_sheets(), carried_over=True)
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); from tests.builders import valid_sheets; "
        "from reportgen.workbook.writer import workbook_bytes; "
        "sys.stdout.buffer.write(workbook_bytes(valid_sheets(), carried_over=True))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run([sys.executable, "-c", script, str(ROOT)], capture_output=True, env=env, check=True).stdout
    assert other == here


def test_document_properties_are_pinned_to_the_publication_date(tmp_path):
    path = tmp_path / "props.xlsx"
    write_workbook(path, valid_sheets())
    properties = openpyxl.load_workbook(path).properties
    assert properties.created == properties.modified == dt.datetime(2025, 11, 14)
    assert properties.creator == "reportgen" and properties.title == "Action Plan for Fairer Policing"
    with zipfile.ZipFile(path) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
