"""Each meeting rule: a workbook that triggers it and one that does not, with the cell it names."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from reportgen.cli import cli
from reportgen.meeting.reader import load_meeting
from reportgen.meeting.rules import MEETING_RULES, SHARED_RULES, validate_meeting
from reportgen.validation import Options

from ..builders import valid_sheets
from ..builders import write_workbook as write_edition
from ..meeting_builders import valid_meeting, write_meeting


def findings_for(tmp_path, content, options=None):
    return validate_meeting(load_meeting(write_meeting(tmp_path / "m.xlsx", content)), options)


def codes(findings):
    return sorted({f.code for f in findings})


def test_the_valid_meeting_has_no_findings(tmp_path):
    assert findings_for(tmp_path, valid_meeting()) == []


def test_every_meeting_rule_says_why_in_its_docstring():
    for rule in MEETING_RULES + SHARED_RULES:
        assert rule.run.__doc__ and rule.run.__doc__.strip(), rule.name


def test_an_owner_nobody_has_is_an_error_with_a_suggestion(tmp_path):
    content = valid_meeting()
    content["Actions"][2]["Owners"] = "CX"
    found = findings_for(tmp_path, content)
    assert codes(found) == ["owner-unknown"]
    assert found[0].source.cell == "E4"
    assert "did you mean 'CW'" in found[0].message


def test_owners_may_be_initials_an_organisation_or_a_full_name(tmp_path):
    content = valid_meeting()
    content["Actions"][2]["Owners"] = "CW, NPS and Jo Brennan"
    assert findings_for(tmp_path, content) == []


def test_initials_two_people_share_make_an_owner_ambiguous(tmp_path):
    content = valid_meeting()
    content["People"].append({"Name": "Cara Wills", "Initials": "CW", "Attendance": "Member"})
    found = findings_for(tmp_path, content)
    assert "owner-ambiguous" in codes(found)
    assert "Colin Wray (row 3) and Cara Wills (row 8)" in next(f for f in found if f.code == "owner-ambiguous").message


def test_an_action_under_an_item_not_on_the_agenda(tmp_path):
    content = valid_meeting()
    content["Actions"][3]["Item"] = "7"
    found = findings_for(tmp_path, content)
    assert codes(found) == ["action-item-unknown"]
    assert found[0].source.cell == "C5"


def test_an_earlier_meetings_action_may_name_an_item_of_that_agenda(tmp_path):
    content = valid_meeting()
    assert content["Actions"][0]["Item"] == "3"  # item 3 of April's meeting; not on this agenda
    assert "action-item-unknown" not in codes(findings_for(tmp_path, content))


def test_a_repeated_agenda_number_is_an_error(tmp_path):
    content = valid_meeting()
    content["Agenda"][2]["Item"] = "2"
    found = findings_for(tmp_path, content)
    assert "agenda-item-duplicate" in codes(found)


def test_a_person_listed_twice(tmp_path):
    content = valid_meeting()
    content["People"].append({"Name": "Jo  Brennan", "Initials": "JB", "Attendance": "Member"})
    found = findings_for(tmp_path, content)
    assert "person-duplicate" in codes(found)
    assert "person-attendance-conflict" not in codes(found)


def test_a_person_both_attending_and_sending_apologies(tmp_path):
    content = valid_meeting()
    content["People"].append({"Name": "Colin Wray", "Attendance": "Apologies"})
    found = findings_for(tmp_path, content)
    assert "person-attendance-conflict" in codes(found)
    assert "person-duplicate" not in codes(found)


def test_initials_in_the_notes_that_nobody_has(tmp_path):
    content = valid_meeting()
    content["Agenda"][1]["Notes"] += "\n\nDW raised a point about training. The UK figures were noted. TQ's view."
    found = findings_for(tmp_path, content)
    assert codes(found) == ["initials-undefined"]
    assert "'DW'" in found[0].message and found[0].source.cell == "D3"
    assert "'TQ'" in found[1].message  # a possessive is still someone's initials


def test_defined_initials_and_organisations_are_not_reported(tmp_path):
    content = valid_meeting()
    content["Agenda"][1]["Notes"] += "\n\nNPS and RS will follow up; KB's view was noted."
    assert "initials-undefined" not in codes(findings_for(tmp_path, content))


def test_an_action_done_without_an_update(tmp_path):
    content = valid_meeting()
    content["Actions"][1]["Update"] = None
    found = findings_for(tmp_path, content)
    assert codes(found) == ["action-done-without-update"]
    assert found[0].source.cell == "H3"


def test_an_open_action_past_its_due_date_is_a_warning(tmp_path):
    content = valid_meeting()
    content["Actions"][0]["Due"] = dt.date(2025, 6, 30)
    found = findings_for(tmp_path, content)
    assert codes(found) == ["action-overdue"]
    assert not found[0].is_error and "15 days before" in found[0].message
    content["Actions"][0]["Due"] = dt.date(2025, 7, 14)  # the day before the meeting
    assert "1 day before this meeting" in findings_for(tmp_path, content)[0].message


def test_a_closed_action_past_its_due_date_is_not_overdue(tmp_path):
    content = valid_meeting()
    assert content["Actions"][1]["Due"] < content["Meeting"]["Date"]  # Done, due in May
    assert "action-overdue" not in codes(findings_for(tmp_path, content))


@pytest.mark.parametrize("status, severity", [("Draft", "warning"), ("Final", "error")])
def test_review_residue_is_the_editions_rule(tmp_path, status, severity):
    content = valid_meeting()
    content["Meeting"]["Status"] = status
    content["Agenda"][0]["Notes"] = "KB welcomed members. [LF1] Figures TBC."
    found = [f for f in findings_for(tmp_path, content) if f.code == "review-residue"]
    assert len(found) == 2 and {f.severity.value for f in found} == {severity}
    assert found[0].source.cell == "D2"


def test_commitments_checked_against_the_plan(tmp_path):
    plan_path = tmp_path / "plan.xlsx"
    write_edition(plan_path, valid_sheets())
    from reportgen.workbook.reader import load

    options = Options(plan=load(plan_path))
    content = valid_meeting()
    assert findings_for(tmp_path, content, options) == []
    content["Actions"][3]["Commitments"] = "C-001, C-999"
    found = findings_for(tmp_path, content, options)
    assert codes(found) == ["action-commitment-unknown"]
    assert "C-999" in found[0].message and found[0].source.cell == "I5"
    assert findings_for(tmp_path, content) == []  # without --plan nothing is checked


def test_meeting_field_rules(tmp_path):
    content = valid_meeting()
    content["Meeting"]["Format"] = "By phone"
    content["Meeting"]["Date"] = "next Tuesday"
    found = findings_for(tmp_path, content)
    assert codes(found) == ["date-invalid", "value-not-in-list"]
    assert {f.source.cell for f in found} == {"B4", "B6"}


def test_an_unknown_or_repeated_meeting_field(tmp_path):
    import openpyxl

    path = write_meeting(tmp_path / "m.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Meeting"]
    sheet.append(["Venue", "City Hall"])
    sheet.append(["Board", "Another board"])
    book.save(path)
    found = validate_meeting(load_meeting(path))
    assert codes(found) == ["meeting-field-duplicate", "meeting-field-unknown"]


def test_action_ids_must_be_well_formed_and_unique(tmp_path):
    content = valid_meeting()
    content["Actions"][3]["ID"] = "A-2025-07-01"
    content["Actions"][2]["ID"] = "A 2025 07 01"
    found = findings_for(tmp_path, content)
    assert codes(found) == ["id-malformed"]
    content["Actions"][2]["ID"] = "a-2025-07-01"
    assert codes(findings_for(tmp_path, content)) == ["id-duplicate"]


def test_a_missing_sheet_and_an_unknown_one(tmp_path):
    import openpyxl

    path = write_meeting(tmp_path / "m.xlsx")
    book = openpyxl.load_workbook(path)
    del book["Actions"]
    book.create_sheet("Acions")
    book.save(path)
    found = validate_meeting(load_meeting(path))
    assert codes(found) == ["sheet-missing", "sheet-unknown"]
    assert "did you mean 'Actions'" in next(f for f in found if f.code == "sheet-unknown").message


def test_validate_command_reads_a_meeting_and_takes_a_plan(tmp_path):
    plan_path = tmp_path / "plan.xlsx"
    write_edition(plan_path, valid_sheets())
    content = valid_meeting()
    content["Actions"][2]["Commitments"] = "C-404"
    path = write_meeting(tmp_path / "m.xlsx", content)
    runner = CliRunner()
    plain = runner.invoke(cli, ["validate", str(path)])
    assert plain.exit_code == 0, plain.output
    checked = runner.invoke(cli, ["validate", str(path), "--plan", str(plan_path)])
    assert checked.exit_code == 1
    assert "Actions!I4: error [action-commitment-unknown]" in checked.output
    wrong = runner.invoke(cli, ["validate", str(plan_path), "--plan", str(plan_path)])
    assert wrong.exit_code == 2 and "--plan is for a meeting workbook" in wrong.output
    not_a_plan = runner.invoke(cli, ["validate", str(path), "--plan", str(path)])
    assert not_a_plan.exit_code == 2 and "--plan needs the plan's edition workbook" in not_a_plan.output


def test_a_next_meeting_that_is_not_after_this_one(tmp_path):
    content = valid_meeting()
    content["Next meetings"][0]["Date"] = dt.date(2025, 7, 15)  # the meeting's own date
    found = findings_for(tmp_path, content)
    assert codes(found) == ["next-meeting-past"]
    assert (found[0].source.sheet, found[0].source.cell) == ("Next meetings", "A2")
    assert "list it as a meeting still to come; delete the row or correct the date" in found[0].message


def test_readability_is_reported_only_when_asked(tmp_path):
    content = valid_meeting()
    assert "readability" not in codes(findings_for(tmp_path, content))
    found = [f for f in findings_for(tmp_path, content, Options(readability=True)) if f.code == "readability"]
    assert found and all(not f.is_error for f in found)
    assert {f.source.sheet for f in found} == {"Agenda", "Actions"}
