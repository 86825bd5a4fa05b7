"""Reads a meeting workbook into raw tables (the edition reader's) and then the meeting model."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..core.findings import Source
from ..workbook.reader import RawCell, RawWorkbook, as_date, cell_sources, choice, edition_fields, read_raw, rich
from . import schema
from .document import to_edition
from .model import Action, AgendaItem, Meeting, NextMeeting, Organisation, Person


@dataclass
class LoadedMeeting:
    raw: RawWorkbook
    meeting: Meeting

    @cached_property
    def edition(self):
        """The notes as the document model the renderers read (what a loaded edition's `edition` is)."""
        return to_edition(self.meeting)

    @property
    def sheet_order(self) -> tuple[str, ...]:
        return schema.MEETING_BOOK.sheet_order

    @property
    def summary(self) -> str:
        people, actions = len(self.meeting.people), len(self.meeting.actions)
        return f"{people} {'person' if people == 1 else 'people'}, {actions} action{'' if actions == 1 else 's'}"


def load_meeting(path: str | Path) -> LoadedMeeting:
    """Read `path` into raw tables and the meeting model; raise ReportgenError if it cannot be read at all."""
    raw = read_raw(Path(path), schema.MEETING_BOOK)
    return LoadedMeeting(raw, build_meeting(raw))


def meeting_fields(raw: RawWorkbook) -> dict[str, RawCell]:
    """The Meeting sheet's values by field key (first row wins; the rules report repeats)."""
    return edition_fields(raw, "Meeting")


def _date(row, column: str):
    cell = row.get(column)
    return as_date(cell.value) if cell is not None else None


def build_meeting(raw: RawWorkbook) -> Meeting:
    meeting = Meeting(file_name=raw.path.name)
    fields = meeting_fields(raw)
    for key, cell in fields.items():
        meeting.field_sources[key] = cell.source

    def text(name: str) -> str | None:
        cell = fields.get(name.casefold())
        return cell.text if cell is not None else None

    def date(name: str):
        cell = fields.get(name.casefold())
        return as_date(cell.value) if cell is not None else None

    meeting.board = text("Board") or ""
    meeting.plan = text("Plan")
    meeting.date = date("Date")
    meeting.time = text("Time")
    meeting.format = choice(text("Format"), schema.FORMATS)
    meeting.where = text("Where")
    meeting.status = choice(text("Status"), schema.MEETING_STATUSES) or "Draft"
    meeting.publisher = text("Publisher") or ""
    meeting.publication_date = date("Publication date")
    meeting.language = text("Language") or "en-GB"
    meeting.author = text("Author")
    meeting.contact = text("Contact")

    people = raw.sheet("People")
    for row in people.rows if people else []:
        name = row.text("Name")
        if not name:
            continue
        meeting.people.append(
            Person(
                name=name,
                initials=row.text("Initials"),
                organisation=row.text("Organisation or role"),
                attendance=choice(row.text("Attendance"), schema.ATTENDANCE),
                on_behalf_of=row.text("On behalf of"),
                source=Source(people.name, row.number),
                cells=cell_sources(people, row),
            )
        )

    agenda = raw.sheet("Agenda")
    for row in agenda.rows if agenda else []:
        meeting.agenda.append(
            AgendaItem(
                number=row.text("Item") or "",
                title=row.text("Title") or "",
                presenter=row.text("Presenter"),
                notes=rich(row.get("Notes")),
                source=Source(agenda.name, row.number),
                cells=cell_sources(agenda, row),
            )
        )

    actions = raw.sheet("Actions")
    for row in actions.rows if actions else []:
        meeting.actions.append(
            Action(
                id=row.text("ID") or "",
                action=rich(row.get("Action")),
                owners=row.text("Owners") or "",
                raised=_date(row, "Raised"),
                item=row.text("Item"),
                due=_date(row, "Due"),
                status=choice(row.text("Status"), schema.ACTION_STATUSES) or "Open",
                update=rich(row.get("Update")),
                commitments=row.text("Commitments"),
                notes=row.text("Notes"),
                previous_update=rich(row.get("Previous update")),
                source=Source(actions.name, row.number),
                cells=cell_sources(actions, row),
            )
        )

    organisations = raw.sheet("Organisations")
    for row in organisations.rows if organisations else []:
        short = row.text("Short name")
        if short:
            meeting.organisations.append(
                Organisation(short, row.text("Name") or "", Source(organisations.name, row.number))
            )

    upcoming = raw.sheet("Next meetings")
    for row in upcoming.rows if upcoming else []:
        meeting.next_meetings.append(
            NextMeeting(_date(row, "Date"), row.text("Time"), row.text("Where"), Source(upcoming.name, row.number))
        )
    return meeting
