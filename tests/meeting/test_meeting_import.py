"""`reportgen import` of meeting notes from Word: a round trip through our own DOCX, and notes typed by hand."""

from __future__ import annotations

import datetime as dt

import docx
from click.testing import CliRunner

from reportgen.cli import cli
from reportgen.meeting.document import to_edition
from reportgen.meeting.importer import import_meeting, looks_like_meeting_notes, read_meeting_notes
from reportgen.meeting.reader import load_meeting
from reportgen.meeting.rules import validate_meeting
from reportgen.writers import write_edition

from ..meeting_builders import valid_meeting, write_meeting


def built_docx(tmp_path, content=None):
    loaded = load_meeting(write_meeting(tmp_path / "source.xlsx", content))
    path = tmp_path / "notes.docx"
    path.write_bytes(write_edition("docx", to_edition(loaded.meeting)))
    return loaded, path


def _people(meeting):
    return [(p.name, p.initials, p.organisation, p.attendance, p.on_behalf_of) for p in meeting.people]


def _agenda(meeting):
    return [(i.number, i.title, i.presenter, i.notes.plain_text()) for i in meeting.agenda]


def _actions(meeting):
    return sorted(
        (a.id, a.raised, a.item, a.action.plain_text(), a.owners, a.due, a.status, a.update.plain_text(), a.commitments)
        for a in meeting.actions
    )


def test_notes_built_by_reportgen_come_back_as_the_same_meeting(tmp_path):
    content = valid_meeting()
    content["Actions"][0]["Commitments"] = "C-002, C-003"  # printed in the tracker as well as Actions noted
    source, document = built_docx(tmp_path, content)
    result = import_meeting(document, tmp_path / "back.xlsx")
    assert [f.as_text() for f in result.findings] == []
    back = load_meeting(tmp_path / "back.xlsx").meeting
    before = source.meeting
    for name in (
        "board",
        "plan",
        "date",
        "time",
        "format",
        "where",
        "status",
        "publisher",
        "publication_date",
        "contact",
    ):
        assert getattr(back, name) == getattr(before, name), name
    assert _people(back) == _people(before)
    assert _agenda(back) == _agenda(before)
    assert _actions(back) == _actions(before)
    assert [(o.short_name, o.name) for o in back.organisations] == [
        (o.short_name, o.name) for o in before.organisations
    ]
    assert [(m.date, m.time, m.where) for m in back.next_meetings] == [
        (m.date, m.time, m.where) for m in before.next_meetings
    ]
    assert validate_meeting(load_meeting(tmp_path / "back.xlsx")) == []


def test_a_final_hybrid_meeting_round_trips_too(tmp_path):
    content = valid_meeting()
    content["Meeting"].update({"Status": "Final", "Format": "Hybrid", "Where": "City Hall"})
    source, document = built_docx(tmp_path, content)
    back = read_meeting_notes(document).content["Meeting"]
    assert (back["Status"], back["Format"], back["Where"]) == ("Final", "Hybrid", "City Hall")


def _typed_notes(path):
    """Notes as a secretary types them in Word: bold lines for headings, actions written inline."""
    document = docx.Document()
    document.add_paragraph("Disproportionality Board - Mayor's Action Plan", style="Title")
    document.add_paragraph("Meeting notes of Tuesday 18 July 2023, 10am via MS Teams")
    document.add_paragraph("Northfield Office for Policing and Crime")
    document.add_paragraph("These notes were agreed by the co-chairs on 1 August 2023.")

    def bold(text):
        document.add_paragraph().add_run(text).bold = True

    bold("Co-chairs")
    document.add_paragraph("Kemi Bassey (KB), on behalf of the Deputy Mayor for Policing")
    bold("Attendees")
    document.add_paragraph("Colin Wray (CW), Northfield Police Service")
    document.add_paragraph("Jo Brennan (JB), Youth Justice Service")
    bold("Apologies")
    document.add_paragraph("Lee Fenwick (LF), Probation Service")
    bold("1. Welcome")
    document.add_paragraph("KB welcomed members.")
    bold("2. Stop and search")
    document.add_paragraph("CW presented the figures.")
    document.add_paragraph("Action: CW to feed back to PG about the vehicle stop data.")
    document.add_paragraph("Action/JB to link with LF regarding the youth survey.")
    document.add_paragraph("Action/NPS: share the dates of the next scrutiny panels.")
    bold("Refreshments")
    document.add_paragraph("Lunch was provided.")
    document.save(path)
    return path


def test_notes_typed_by_hand(tmp_path):
    path = _typed_notes(tmp_path / "typed.docx")
    assert looks_like_meeting_notes(path)
    result = read_meeting_notes(path)
    meeting = result.content["Meeting"]
    assert (
        meeting["Board"],
        meeting["Plan"],
        meeting["Date"],
        meeting["Time"],
        meeting["Format"],
        meeting["Where"],
    ) == ("Disproportionality Board", "Mayor's Action Plan", dt.date(2023, 7, 18), "10am", "Online", "MS Teams")
    people = [(p["Name"], p["Initials"], p["Attendance"]) for p in result.content["People"]]
    assert people == [
        ("Kemi Bassey", "KB", "Co-chair"),
        ("Colin Wray", "CW", "Member"),
        ("Jo Brennan", "JB", "Member"),
        ("Lee Fenwick", "LF", "Apologies"),
    ]
    assert result.content["People"][0]["On behalf of"] == "the Deputy Mayor for Policing"
    assert [(a["Item"], a["Title"]) for a in result.content["Agenda"]] == [("1", "Welcome"), ("2", "Stop and search")]
    actions = [(a["ID"], a["Item"], a["Owners"], a["Action"]) for a in result.content["Actions"]]
    assert actions == [
        ("A-2023-07-01", "2", "CW", "CW to feed back to PG about the vehicle stop data."),
        ("A-2023-07-02", "2", "JB", "JB to link with LF regarding the youth survey."),
        ("A-2023-07-03", "2", "NPS", "share the dates of the next scrutiny panels."),
    ]
    assert result.ids_assigned == 3
    unplaced = [f for f in result.findings if f.code == "import-unplaced"]
    assert len(unplaced) == 2 and "Refreshments" in unplaced[1].message
    assert meeting["Publisher"] == "Northfield Office for Policing and Crime"
    assert [f.code for f in result.findings] == ["import-field-guessed", "import-unplaced", "import-unplaced"]
    assert "agreed by the co-chairs" in result.findings[1].message


def test_the_import_command_tells_notes_from_an_edition(tmp_path):
    path = _typed_notes(tmp_path / "typed.docx")
    runner = CliRunner()
    result = runner.invoke(cli, ["import", str(path), "-o", str(tmp_path / "notes.xlsx")])
    assert result.exit_code == 0, result.output
    assert "meeting notes with 4 people, 2 agenda items and 3 actions; 3 action IDs assigned" in result.output
    assert load_meeting(tmp_path / "notes.xlsx").meeting.board == "Disproportionality Board"
    again = runner.invoke(cli, ["import", str(path), "-o", str(tmp_path / "notes.xlsx")])
    assert again.exit_code == 2 and "already exists" in again.output
    forced = runner.invoke(cli, ["import", str(path), "-o", str(tmp_path / "edition.xlsx"), "--edition"])
    assert forced.exit_code == 1 and "import-no-commitments" in forced.output


def test_a_document_with_nothing_to_place_writes_nothing(tmp_path):
    document = docx.Document()
    document.add_paragraph("Meeting notes of 18 July 2023")
    document.add_paragraph("Nothing else was recorded.")
    path = tmp_path / "empty.docx"
    document.save(path)
    result = import_meeting(path, tmp_path / "out.xlsx")
    assert result.failed and "import-no-agenda" in {f.code for f in result.findings}
    assert not (tmp_path / "out.xlsx").exists()
