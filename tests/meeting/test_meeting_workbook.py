"""The meeting workbook: one schema drives `new --meeting`, the Instructions sheet, the reader and the docs."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from reportgen.cli import cli
from reportgen.meeting import schema
from reportgen.meeting.kind import workbook_kind
from reportgen.meeting.reader import load_meeting
from reportgen.meeting.rules import validate_meeting
from reportgen.meeting.workbook_reference import reference_markdown

from ..meeting_builders import write_meeting

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def blank(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("meeting") / "notes.xlsx"
    result = CliRunner().invoke(cli, ["new", "--meeting", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_new_meeting_writes_every_sheet_in_schema_order(blank):
    book = openpyxl.load_workbook(blank)
    assert book.sheetnames == ["Instructions", *schema.MEETING_BOOK.sheet_order]
    for spec in schema.SHEETS:
        sheet = book[spec.name]
        assert sheet.freeze_panes == "A2", spec.name
        headers = [cell.value for cell in sheet[1] if cell.value]
        expected = ["Field", "Value"] if spec.fields else [c.name for c in spec.columns if not c.locked]
        assert headers == expected


def test_new_meeting_offers_drop_downs_and_input_messages(blank):
    book = openpyxl.load_workbook(blank)
    lists = {}
    prompts = set()
    for sheet in book.worksheets[1:]:
        for validation in sheet.data_validations.dataValidation:
            if validation.prompt:
                prompts.update((sheet.title, str(ref).split(":")[0]) for ref in validation.sqref.ranges)
            if validation.type == "list":
                lists[(sheet.title, str(validation.sqref).split(":")[0])] = validation.formula1
    assert lists[("People", "D2")] == '"' + ",".join(schema.ATTENDANCE) + '"'
    assert lists[("Actions", "G2")] == '"Open,In progress,Done,Dropped"'
    assert lists[("Actions", "C2")].startswith("Agenda!$A$2")  # the Item column offers the agenda's numbers
    assert ("People", "A1") in prompts and ("Actions", "E1") in prompts
    meeting = book["Meeting"]
    assert [meeting.cell(row, 1).value for row in range(2, 2 + len(schema.MEETING.fields))] == [
        f.name for f in schema.MEETING.fields
    ]


def test_new_meeting_refuses_to_replace_a_file(blank):
    result = CliRunner().invoke(cli, ["new", "--meeting", str(blank)])
    assert result.exit_code == 2
    assert "already exists" in result.output


def test_the_instructions_explain_every_meeting_column(blank):
    book = openpyxl.load_workbook(blank)
    text = " ".join(str(c.value) for row in book["Instructions"].iter_rows() for c in row if c.value)
    assert "notes of one board meeting" in text
    for spec in schema.SHEETS:
        assert f"{spec.name} sheet" in text
        for column in spec.fields or [c for c in spec.columns if not c.locked]:
            assert column.help in text
    assert "{metric:" not in text  # meetings have no figures to cite


def test_docs_describe_the_meeting_workbook_from_the_same_schema():
    committed = (ROOT / "docs" / "workbook.md").read_text()
    assert committed == reference_markdown()
    assert "# The meeting workbook" in committed
    for spec in schema.SHEETS:
        for column in spec.columns + spec.fields:
            assert f"| {column.name} |" in committed


def test_a_blank_meeting_has_only_the_required_fields_to_fill(blank):
    findings = validate_meeting(load_meeting(blank))
    assert {f.code for f in findings} == {"value-required"}
    assert {f.source.cell for f in findings} == {"B2", "B4", "B9"}


def test_the_kind_of_workbook_is_told_from_its_sheets(blank, tmp_path):
    from reportgen.workbook.blank import write_blank_workbook

    edition = tmp_path / "edition.xlsx"
    write_blank_workbook(edition)
    assert workbook_kind(blank) == "meeting"
    assert workbook_kind(edition) == "edition"


def test_the_reader_builds_the_meeting_model(tmp_path):
    loaded = load_meeting(write_meeting(tmp_path / "m.xlsx"))
    meeting = loaded.meeting
    assert meeting.board == "Fair Policing Oversight Board"
    assert [p.initials for p in meeting.people] == ["KB", "CW", "JB", "PG", "LF", "RS"]
    assert [i.number for i in meeting.agenda] == ["1", "2", "2a"]
    assert meeting.agenda[2].is_sub_item and not meeting.agenda[1].is_sub_item
    assert [a.id for a in meeting.new_actions] == ["A-2025-07-01", "A-2025-07-02"]
    assert meeting.actions[3].owner_list == ["CW", "JB"]
    assert meeting.actions[0].cell("Owners").cell == "E2"
    assert validate_meeting(loaded) == []
