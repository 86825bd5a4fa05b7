"""`reportgen next` and `reportgen compare` on meeting workbooks."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
from click.testing import CliRunner

from reportgen.cli import cli
from reportgen.meeting.compare import compare_meetings
from reportgen.meeting.reader import load_meeting
from reportgen.meeting.rollover import roll_meeting_forward
from reportgen.meeting.rules import validate_meeting

from ..meeting_builders import valid_meeting, write_meeting


def rolled(tmp_path, content=None):
    source = write_meeting(tmp_path / "july.xlsx", content)
    before = source.read_bytes()
    output = tmp_path / "october.xlsx"
    plan = roll_meeting_forward(source, output)
    assert source.read_bytes() == before  # the old workbook is never touched
    return plan, load_meeting(output)


def test_next_moves_to_the_first_meeting_listed(tmp_path):
    plan, loaded = rolled(tmp_path)
    meeting = loaded.meeting
    assert meeting.date == dt.date(2025, 10, 14)
    assert meeting.time == "10am" and meeting.where == "City Hall, Committee Room 2"
    assert meeting.status == "Draft" and meeting.publication_date is None
    assert [m.date for m in meeting.next_meetings] == [dt.date(2026, 1, 13)]
    assert [f.code for f in plan.findings] == []


def test_next_keeps_people_with_attendance_cleared_and_empties_the_agenda(tmp_path):
    _plan, loaded = rolled(tmp_path)
    meeting = loaded.meeting
    assert [p.name for p in meeting.people] == [p["Name"] for p in valid_meeting()["People"]]
    assert [p.attendance for p in meeting.people] == ["Co-chair", None, None, None, None, None]
    assert meeting.people[0].on_behalf_of == "Deputy Mayor for Policing"
    assert meeting.agenda == []


def test_next_carries_open_actions_forward_with_their_history(tmp_path):
    plan, loaded = rolled(tmp_path)
    actions = {a.id: a for a in loaded.meeting.actions}
    assert sorted(actions) == ["A-2025-04-01", "A-2025-07-01", "A-2025-07-02"]  # the Done one is left behind
    assert actions["A-2025-04-01"].raised == dt.date(2025, 4, 8)
    assert actions["A-2025-07-01"].raised == dt.date(2025, 7, 15)  # raised at the old meeting: now dated
    assert actions["A-2025-04-01"].previous_update.plain_text() == "Data is being checked."
    assert actions["A-2025-04-01"].update.plain_text() == "Data is being checked."
    assert actions["A-2025-07-01"].commitments == "C-001"
    assert (plan.commitments, plan.complete) == (3, 1)
    assert loaded.meeting.new_actions == []


def test_the_rolled_workbook_validates_and_locks_the_previous_update(tmp_path):
    _plan, loaded = rolled(tmp_path)
    # Only what is true of October: two actions due in August and September are still open, and the one
    # carried-over update nobody has touched yet.
    assert [(f.code, f.source.cell) for f in validate_meeting(loaded)] == [
        ("action-overdue", "F2"),
        ("action-update-unchanged", "H2"),
        ("action-overdue", "F3"),
    ]
    sheet = openpyxl.load_workbook(loaded.raw.path)["Actions"]
    assert sheet.protection.sheet and sheet.cell(1, 11).value == "Previous update"


def test_next_without_a_next_meeting_warns_and_leaves_the_date_to_type(tmp_path):
    content = valid_meeting()
    content["Next meetings"] = [{"Date": dt.date(2025, 1, 14)}]  # only an earlier one
    plan, loaded = rolled(tmp_path, content)
    assert [f.code for f in plan.findings] == ["next-meeting-date-unknown"]
    assert plan.findings[0].source.cell == "B4"
    assert loaded.meeting.date is None


def test_the_next_command_on_a_meeting(tmp_path):
    source = write_meeting(tmp_path / "july.xlsx")
    runner = CliRunner()
    result = runner.invoke(cli, ["next", str(source), "-o", str(tmp_path / "oct.xlsx")])
    assert result.exit_code == 0, result.output
    assert "for Tuesday 14 October 2025: 3 open actions carried forward, 1 Done or Dropped left behind" in result.output
    again = runner.invoke(cli, ["next", str(source), "-o", str(tmp_path / "oct.xlsx")])
    assert again.exit_code == 2 and "already exists" in again.output
    option = runner.invoke(
        cli, ["next", str(source), "-o", str(tmp_path / "x.xlsx"), "--period", "2025-10-01:2025-12-31"]
    )
    assert option.exit_code == 2 and "Next meetings sheet" in option.output


def _pair(tmp_path):
    old = write_meeting(tmp_path / "july.xlsx")
    new = tmp_path / "october.xlsx"
    roll_meeting_forward(old, new)
    book = openpyxl.load_workbook(new)
    actions = book["Actions"]
    headers = {cell.value: cell.column for cell in actions[1]}
    rows = {actions.cell(r, 1).value: r for r in range(2, actions.max_row + 1)}
    actions.protection.sheet = False
    actions.cell(rows["A-2025-04-01"], headers["Status"]).value = "Done"
    actions.cell(rows["A-2025-04-01"], headers["Update"]).value = "Published on 1 October."
    actions.cell(rows["A-2025-07-02"], headers["Update"]).value = "The review  is “drafted” — see item 2."
    actions.cell(rows["A-2025-07-01"], headers["Due"]).value = dt.date(2025, 9, 1)
    actions.append(["A-2025-10-01", None, "1", "KB to write to the panel.", "KB", dt.date(2025, 12, 1), "Open"])
    book.save(new)
    return old, new


def test_compare_lists_closed_new_overdue_and_unchanged_actions(tmp_path):
    old, new = _pair(tmp_path)
    result = compare_meetings(load_meeting(old), load_meeting(new))
    ids = {key: [entry.id for entry in entries] for key, entries in result.groups.items()}
    assert ids == {
        "closed": ["A-2025-04-01"],
        "new": ["A-2025-10-01"],
        "overdue": ["A-2025-07-01"],
        "unchanged": ["A-2025-07-01"],
        "missing": [],
    }
    closed = result.groups["closed"][0]
    assert (closed.was, closed.status) == ("In progress", "Done")


def test_an_update_changed_only_in_quotes_and_spaces_counts_as_unchanged(tmp_path):
    old, new = _pair(tmp_path)
    book = openpyxl.load_workbook(old)
    book["Actions"]["H5"] = 'The review is "drafted" - see item 2.'
    book.save(old)
    result = compare_meetings(load_meeting(old), load_meeting(new))
    assert "A-2025-07-02" in [entry.id for entry in result.groups["unchanged"]]


def test_an_open_action_that_vanished_is_reported(tmp_path):
    old, new = _pair(tmp_path)
    book = openpyxl.load_workbook(new)
    sheet = book["Actions"]
    sheet.protection.sheet = False
    sheet.delete_rows(3)  # A-2025-07-01
    book.save(new)
    result = compare_meetings(load_meeting(old), load_meeting(new))
    assert [entry.id for entry in result.groups["missing"]] == ["A-2025-07-01"]


def test_the_compare_command_on_meetings(tmp_path):
    old, new = _pair(tmp_path)
    runner = CliRunner()
    text = runner.invoke(cli, ["compare", str(old), str(new)])
    assert text.exit_code == 0, text.output
    assert "Actions closed since the last meeting (1)" in text.output
    assert "A-2025-04-01 (NPS; In progress \u2192 Done, due 30 September 2025) at Actions!A2" in text.output
    report = tmp_path / "review.json"
    written = runner.invoke(cli, ["compare", str(old), str(new), "-o", str(report)])
    assert written.exit_code == 0, written.output
    data = json.loads(report.read_text())
    assert data["counts"] == {"closed": 1, "new": 1, "overdue": 1, "unchanged": 1, "missing": 0}
    page = tmp_path / "review.html"
    html = runner.invoke(cli, ["compare", str(old), str(new), "-o", str(page)])
    assert html.exit_code == 0, html.output
    text = page.read_text()
    assert '<h2 id="closed-heading">Actions closed since the last meeting <span class="count">(1)</span></h2>' in text
    assert "<td>In progress to Done</td>" in text and "<script" not in text
    word = runner.invoke(cli, ["compare", str(old), str(new), "--format", "docx", "-o", str(tmp_path / "r.docx")])
    assert word.exit_code == 2 and "text, json or html" in word.output


def test_the_meeting_report_is_refused_where_the_edition_report_would_be(tmp_path):
    old, new = _pair(tmp_path)
    runner = CliRunner()
    over_input = runner.invoke(cli, ["compare", str(old), str(new), "-o", str(new), "--force"])
    assert over_input.exit_code == 2 and "is one of the workbooks being compared" in over_input.output
    folder = runner.invoke(cli, ["compare", str(old), str(new), "-o", str(tmp_path)])
    assert folder.exit_code == 2 and "is a directory" in folder.output  # click refuses it before we are asked
    (tmp_path / "review.txt").write_text("kept")
    existing = runner.invoke(cli, ["compare", str(old), str(new), "-o", str(tmp_path / "review.txt")])
    assert existing.exit_code == 2 and "already exists" in existing.output
    assert (tmp_path / "review.txt").read_text() == "kept"


def test_validate_points_at_updates_nobody_has_touched_since_next(tmp_path):
    old = write_meeting(tmp_path / "july.xlsx")
    new = tmp_path / "october.xlsx"
    roll_meeting_forward(old, new)
    found = [f for f in validate_meeting(load_meeting(new)) if f.code == "action-update-unchanged"]
    assert [(f.source.cell, "A-2025-04-01" in f.message) for f in found] == [("H2", True)]
    book = openpyxl.load_workbook(new)
    sheet = book["Actions"]
    sheet.protection.sheet = False
    sheet["H2"] = "Data was checked in September; publication is set for November."
    book.save(new)
    assert "action-update-unchanged" not in {f.code for f in validate_meeting(load_meeting(new))}


def test_the_meeting_comparison_page_passes_the_html_accessibility_check(tmp_path):
    from reportgen.accessibility import check_file

    old, new = _pair(tmp_path)
    page = tmp_path / "review.html"
    assert CliRunner().invoke(cli, ["compare", str(old), str(new), "-o", str(page)]).exit_code == 0
    # In a thread of its own: Playwright's sync API refuses a thread where another test left an event loop.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as thread:
        findings = thread.submit(check_file, page, readability=False).result()
    assert [f.as_text() for f in findings if f.is_error] == []
