"""A meeting's notes as the document model every renderer reads.

The notes are made of the parts an edition has: sections of rich text (attendance, each
agenda item with its actions, the actions noted, the next meetings), one table (the action
tracker, in the place of a chapter's commitments, with its own column headers) and a
glossary (the organisations). So the DOCX, PDF and HTML renderers, their draft marking and
every accessibility check serve meetings unchanged, and the three formats cannot disagree.
"""

from __future__ import annotations

from ..core.findings import Source
from ..core.model import Chapter, Commitment, Edition, GlossaryEntry, NarrativeSection, RefGroup
from ..core.richtext import EMPTY, BulletList, ListItem, Paragraph, RichText, Text
from ..core.wording import day_text, long_date
from .model import Action, Meeting, Person

ATTENDANCE_HEADING = "Attendance"
# Attendance kind -> the heading its list prints under, in the order the notes list them.
ATTENDANCE_GROUPS = (
    ("Co-chair", "Co-chairs"),
    ("Member", "Members"),
    ("Guest presenter", "Guest presenters"),
    ("Officer in attendance", "Officers in attendance"),
    ("Apologies", "Apologies"),
)
ACTIONS_NOTED_HEADING = "Actions noted"
NEXT_MEETINGS_HEADING = "Dates of next meetings"
TRACKER_HEADING = "Annex: action tracker"
# No Ref column: an action's ID is too long for it, so it starts the Action cell instead.
TRACKER_LABELS = {
    "ref": "",
    "commitment": "Action",
    "lead": "Owner",
    "status": "Status",
    "update": "Latest update",
    "caption": "Action tracker: actions raised at earlier meetings",
    "description": "One row for each action raised at an earlier meeting: its ID and what is to be done, with the "
    "meeting that raised it and its due date, its owner, its status and its latest update.",
}


def meeting_line(meeting: Meeting) -> str:
    """Meeting notes of Tuesday 15 July 2025, 10am via MS Teams."""
    parts = ["Meeting notes"]
    if meeting.date:
        parts.append(f"of {day_text(meeting.date)}")
    line = " ".join(parts)
    if meeting.time:
        line += f", {meeting.time}"
    place = _place(meeting.format, meeting.where)
    return f"{line} {place}".strip()


def _place(format_: str | None, where: str | None) -> str:
    if format_ == "Online":
        return f"via {where}" if where else "online"
    if format_ == "Hybrid":
        return f"at {where} and online" if where else "in person and online"
    return f"at {where}" if where else ""


def title(meeting: Meeting) -> str:
    return f"{meeting.board} \u2014 {meeting.plan}" if meeting.plan else meeting.board


def to_edition(meeting: Meeting) -> Edition:
    """The notes as the document model: what `reportgen build` renders for a meeting workbook."""
    edition = Edition(
        title=title(meeting),
        edition=meeting_line(meeting),
        publisher=meeting.publisher,
        publication_date=meeting.publication_date or meeting.date,
        status=meeting.status,
        language=meeting.language or "en-GB",
        author=meeting.author,
        contact=meeting.contact,
        subject=f"Notes of the {meeting.board} meeting of {long_date(meeting.date)}" if meeting.date else None,
        file_name=meeting.file_name,
        field_sources=dict(meeting.field_sources),
    )
    sections = edition.narrative
    sections += _attendance(meeting)
    placed = _agenda(meeting, sections)
    sections.append(_section("actions-noted", ACTIONS_NOTED_HEADING, _actions_noted(meeting, placed)))
    if meeting.next_meetings:
        items = [_item([Text(_next_meeting_text(entry))]) for entry in meeting.next_meetings if entry.date]
        if items:
            sections.append(_section("next-meetings", NEXT_MEETINGS_HEADING, RichText((BulletList(tuple(items)),))))
    edition.chapters.append(_tracker(meeting))
    edition.glossary = [GlossaryEntry(org.short_name, org.name, org.source) for org in meeting.organisations]
    return edition


# --- attendance --------------------------------------------------------------------------------


def person_text(person: Person) -> str:
    """Kemi Bassey (KB), Deputy Mayor's Office, on behalf of the Deputy Mayor for Policing."""
    text = f"{person.name} ({person.initials})" if person.initials else person.name
    if person.organisation:
        text += f", {person.organisation}"
    if person.on_behalf_of:
        text += f", on behalf of {person.on_behalf_of}"
    return text


def _attendance(meeting: Meeting) -> list[NarrativeSection]:
    groups = [(heading, [p for p in meeting.people if p.attendance == kind]) for kind, heading in ATTENDANCE_GROUPS]
    groups = [(heading, people) for heading, people in groups if people]
    if not groups:
        return []
    present = sum(len(people) for heading, people in groups if heading != "Apologies")
    apologies = sum(len(people) for heading, people in groups if heading == "Apologies")
    summary = f"{present} {'person' if present == 1 else 'people'} attended"
    if apologies:
        summary += f"; {apologies} sent apologies"
    sections = [_section("attendance", ATTENDANCE_HEADING, _paragraphs(summary + "."))]
    for heading, people in groups:
        items = tuple(_item([Text(person_text(person))]) for person in people)
        sections.append(
            _section(f"attendance-{heading}", heading, RichText((BulletList(items),)), level=2, source=people[0].source)
        )
    return sections


# --- agenda items and their actions --------------------------------------------------------------


def _agenda(meeting: Meeting, sections: list[NarrativeSection]) -> set[str]:
    """Add a section for each agenda item, with the actions raised under it; return the IDs placed."""
    placed: set[str] = set()
    for item in meeting.agenda:
        blocks = []
        if item.presenter:
            blocks.append(Paragraph((Text(f"Presented by {_who(meeting, item.presenter)}."),)))
        blocks.extend(item.notes.blocks)
        for action in meeting.new_actions:
            if action.item and meeting.agenda_item(action.item) is item:
                blocks.extend(_action_blocks(f"Action {action.id}{_owner_and_due(action)}: ", action))
                placed.add(action.id)
        level = 2 if item.is_sub_item and _parent_listed(meeting, item.number) else 1
        sections.append(
            NarrativeSection(
                id=f"item-{item.number}",
                heading=item.heading,
                body=RichText(tuple(blocks), item.notes.source_text, item.notes.source),
                level=level,
                source=item.source,
                cells=dict(item.cells),
            )
        )
    return placed


def _parent_listed(meeting: Meeting, number: str) -> bool:
    parent = "".join(ch for ch in number if ch.isdigit())
    return meeting.agenda_item(parent) is not None


def _who(meeting: Meeting, text: str) -> str:
    """Presenters are typed as initials or names; initials that name one person print as the name too."""
    people = meeting.people_with_initials(text)
    if len(people) == 1:
        return f"{people[0].name} ({people[0].initials})"
    return text


def _action_blocks(lead_text: str, action: Action) -> list:
    """The action's text, its first paragraph led by `lead_text` in bold."""
    lead = Text(lead_text, bold=True)
    blocks = list(action.action.blocks)
    if blocks and isinstance(blocks[0], Paragraph):
        return [Paragraph((lead,) + blocks[0].children)] + blocks[1:]
    return [Paragraph((lead,))] + blocks


def _owner_and_due(action: Action) -> str:
    parts = []
    if action.owners:
        parts.append(action.owners)
    if action.due:
        parts.append(f"due {long_date(action.due)}")
    return f" ({', '.join(parts)})" if parts else ""


def _actions_noted(meeting: Meeting, placed: set[str]) -> RichText:
    actions = meeting.new_actions
    if not actions:
        return _paragraphs("No actions were noted at this meeting.")
    items = []
    for action in actions:
        first = action.action.blocks[0] if action.action.blocks else None
        words = first.children if isinstance(first, Paragraph) else (Text(action.action.plain_text()),)
        where = f"; item {action.item}" if action.item and action.id in placed else ""
        items.append(
            _item(
                [
                    Text(f"{action.id}: ", bold=True),
                    *words,
                    Text(f" ({'; '.join(filter(None, [_owners(action), _due(action)]))}{where}{_plan_ids(action)})"),
                ]
            )
        )
    return RichText(
        (
            Paragraph((Text("The actions agreed at this meeting, each also shown under its agenda item:"),)),
            BulletList(tuple(items)),
        )
    )


def _owners(action: Action) -> str:
    return f"owner {action.owners}" if action.owners else ""


def _due(action: Action) -> str:
    return f"due {long_date(action.due)}" if action.due else ""


def _plan_ids(action: Action) -> str:
    """The plan's commitments the action concerns, so a reader can find them in the progress update."""
    ids = action.commitment_ids
    return f"; {'commitment' if len(ids) == 1 else 'commitments'} {', '.join(ids)}" if ids else ""


def _next_meeting_text(entry) -> str:
    parts = [day_text(entry.date)]
    if entry.time:
        parts.append(entry.time)
    if entry.where:
        parts.append(entry.where)
    return ", ".join(parts)


# --- the action tracker ---------------------------------------------------------------------


def _tracker(meeting: Meeting) -> Chapter:
    earlier = meeting.earlier_actions
    if earlier:
        open_count = sum(1 for action in earlier if action.is_open)
        intro = (
            f"Every action raised at an earlier meeting, as it stands at this meeting: {open_count} still open, "
            f"{len(earlier) - open_count} closed since the last meeting."
        )
    else:
        intro = "No actions were open from earlier meetings."
    chapter = Chapter(number=None, title=TRACKER_HEADING, introduction=_paragraphs(intro), labels=dict(TRACKER_LABELS))
    for action in earlier:
        chapter.ref_groups.append(RefGroup(action.id, [_tracker_row(meeting, action)]))
    return chapter


def _tracker_row(meeting: Meeting, action: Action) -> Commitment:
    history = []
    if action.raised:
        history.append(f"Raised {long_date(action.raised)}" + (f", item {action.item}" if action.item else ""))
    if action.due:
        overdue = action.is_open and meeting.date is not None and action.due < meeting.date
        history.append(f"due {long_date(action.due)}" + (" (overdue)" if overdue else ""))
    if action.commitment_ids:
        history.append(_plan_ids(action)[2:])
    blocks = _action_blocks(f"{action.id}: ", action)
    if history:
        text = "; ".join(history)
        blocks.append(Paragraph((Text(text[0].upper() + text[1:] + ".", italic=True),)))
    return Commitment(
        id=action.id,
        ref=action.id,
        chapter=TRACKER_HEADING,
        commitment=RichText(tuple(blocks), action.action.source_text, action.action.source),
        update=action.update,
        lead=action.owners or None,
        status=action.status,
        source=action.source,
        cells=dict(action.cells),
    )


# --- helpers -----------------------------------------------------------------------------------


def _paragraphs(*texts: str) -> RichText:
    return RichText(tuple(Paragraph((Text(text),)) for text in texts))


def _item(children) -> ListItem:
    return ListItem(tuple(children))


def _section(
    section_id: str, heading: str, body: RichText, level: int = 1, source: Source | None = None
) -> NarrativeSection:
    return NarrativeSection(id=section_id, heading=heading, body=body or EMPTY, level=level, source=source or Source())
