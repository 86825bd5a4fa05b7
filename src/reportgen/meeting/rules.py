"""The meeting workbook's rules: small functions yielding findings with stable codes, as an edition's.

Rules that only read the raw tables or the published words (the workbook's shape, cell
types, review residue, typed HTML, links) are the edition's own, run on the meeting's
cells; the rules below are about what only a meeting has: people, agenda items, actions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ..compare.folding import display_text, tokens, word_keys
from ..core.findings import Finding, Source, error, sort_findings, warning
from ..core.model import Edition
from ..core.readability import readability_findings
from ..core.wording import long_date
from ..validation import edition as edition_rules
from ..validation import links, structure, typed_text
from ..validation.ids import ID_PATTERN
from ..validation.registry import RULES, Context, Options, Rule, RuleSet
from ..validation.texts import PublishedText, visible_text
from ..workbook.reader import as_date, as_text, choice, normalise_header
from . import schema
from .model import Meeting
from .reader import LoadedMeeting, meeting_fields

# The meeting's own rules and codes; the edition rules it shares are taken from validation's.
MEETING = RuleSet()
MEETING_RULES: list[Rule] = MEETING.rules
meeting_rule = MEETING.rule


@dataclass
class MeetingContext(Context):
    """The edition rules' context, with the meeting model beside the Edition they read (status, language)."""

    meeting: Meeting = None  # type: ignore[assignment]


# The edition's rules that read only raw cells, or the published words the meeting supplies.
_SHARED = (
    structure.columns_present,
    structure.formulas_calculated,
    structure.required_values,
    structure.typed_values,
    structure.macro_enabled,
    typed_text.review_residue,
    typed_text.html_typed,
    typed_text.long_cells,
    links.link_addresses,
    links.link_text,
    edition_rules.edition_metadata,
)
SHARED_RULES = [item for item in RULES if item.run in _SHARED]


def validate_meeting(loaded: LoadedMeeting, options: Options | None = None) -> list[Finding]:
    """All findings for a meeting workbook, sorted by sheet, row and column."""
    context = meeting_context(loaded, options)
    missing = any(spec.required and loaded.raw.sheet(spec.name) is None for spec in schema.SHEETS)
    found: list[Finding] = []
    for item in SHARED_RULES + MEETING_RULES:
        if item.needs_model and missing:
            continue
        for finding in item.run(context):
            if finding.code not in item.codes:
                raise AssertionError(f"rule {item.name} emitted undeclared code {finding.code}")
            found.append(finding)
    return sort_findings(found, schema.MEETING_BOOK.sheet_order)


def meeting_context(loaded: LoadedMeeting, options: Options | None = None) -> MeetingContext:
    meeting = loaded.meeting
    # What the shared rules read from an Edition: the status (residue is an error in a Final), the language
    # and contact with their cells.
    edition = Edition(
        status=meeting.status,
        language=meeting.language,
        contact=meeting.contact,
        field_sources=dict(meeting.field_sources),
        file_name=meeting.file_name,
    )
    context = MeetingContext(loaded.raw, edition, options or Options(), meeting=meeting)
    context.cache["published_texts"] = published_texts(loaded)
    return context


# --- the published words --------------------------------------------------------------------

MEETING_TEXT_FIELDS = ("Board", "Plan", "Time", "Where", "Publisher", "Author")


def published_texts(loaded: LoadedMeeting) -> list[PublishedText]:
    """Every cell the notes print, with its place, in sheet and row order (what the text rules read)."""
    meeting, raw = loaded.meeting, loaded.raw
    items: list[PublishedText] = []

    def plain(source: Source, value: str | None) -> None:
        if value and value.strip():
            items.append(PublishedText(source, value, value))

    def rich(source: Source, value) -> None:
        if not value.is_empty:
            items.append(
                PublishedText(
                    value.source if value.source.sheet else source, visible_text(value), value.source_text, value
                )
            )

    for name in MEETING_TEXT_FIELDS:
        plain(meeting.field_source(name), getattr(meeting, name.casefold()))
    for person in meeting.people:
        plain(person.cell("Name"), person.name)
        plain(person.cell("Organisation or role"), person.organisation)
        plain(person.cell("On behalf of"), person.on_behalf_of)
    for item in meeting.agenda:
        plain(item.cell("Title"), item.title)
        plain(item.cell("Presenter"), item.presenter)
        rich(item.cell("Notes"), item.notes)
    for action in meeting.actions:
        rich(action.cell("Action"), action.action)
        plain(action.cell("Owners"), action.owners)
        rich(action.cell("Update"), action.update)
    organisations = raw.sheet("Organisations")
    for org in meeting.organisations:
        if organisations is not None:
            plain(organisations.column_source("Name", org.source.row), org.name)
    upcoming = raw.sheet("Next meetings")
    for entry in meeting.next_meetings:
        if upcoming is not None:
            plain(upcoming.column_source("Time", entry.source.row), entry.time)
            plain(upcoming.column_source("Where", entry.source.row), entry.where)
    return items


# --- the workbook's shape ---------------------------------------------------------------------


@meeting_rule("sheet-missing", "sheet-unknown", needs_model=False)
def meeting_sheets(context: MeetingContext) -> Iterator[Finding]:
    """A required sheet of the meeting workbook is missing, or a sheet is not one it has."""
    yield from structure.sheet_findings(
        context.raw,
        schema.SHEETS,
        "the meeting workbook",
        "reportgen new --meeting",
        "reportgen reads in a meeting workbook",
    )


@meeting_rule(
    "meeting-field-unknown",
    "meeting-field-duplicate",
    "value-required",
    "value-not-in-list",
    "date-invalid",
    needs_model=False,
)
def meeting_field_values(context: MeetingContext) -> Iterator[Finding]:
    """A Meeting row names a field reportgen does not read or names one twice, or a field's value is missing or of
    the wrong type."""
    sheet = context.raw.sheet("Meeting")
    if sheet is None:
        return
    known = {f.key for f in schema.MEETING.fields}
    seen: set[str] = set()
    for row in sheet.rows:
        name = row.text("Field")
        if not name:
            continue
        key = normalise_header(name)
        place = sheet.column_source("Field", row.number)
        if key not in known:
            yield warning(
                "meeting-field-unknown",
                f"'{name}' is not a Meeting field reportgen reads; "
                f"{structure._rename_hint(name, [f.name for f in schema.MEETING.fields])}",
                place,
            )
        elif key in seen:
            yield warning(
                "meeting-field-duplicate", f"'{name}' is given twice; only the first is used, so delete this row", place
            )
        seen.add(key)
    fields = meeting_fields(context.raw)
    for spec in schema.MEETING.fields:
        cell = fields.get(spec.key)
        if cell is None or cell.is_blank:
            if spec.required is schema.Required.YES:
                where = cell.source if cell is not None else Source(sheet.name)
                how = "is empty" if cell is not None else "has no row; add a row with it in the Field column and"
                yield error(
                    "value-required",
                    f"the Meeting field '{spec.name}' {how}; {spec.help[0].lower()}"
                    f"{spec.help[1:]} For example: {spec.example}",
                    _value_place(where),
                )
            continue
        place = _value_place(cell.source)
        if spec.kind is schema.Kind.CHOICE and choice(cell.value, spec.choices) is None:
            yield error(
                "value-not-in-list",
                f"'{as_text(cell.value)}' is not allowed in {spec.name}; choose one of: {', '.join(spec.choices)}",
                place,
            )
        elif spec.kind is schema.Kind.DATE and as_date(cell.value) is None:
            yield error(
                "date-invalid",
                f"'{as_text(cell.value)}' in {spec.name} is not a date; type a date such as 15/07/2025 or 2025-07-15",
                place,
            )


def _value_place(source: Source) -> Source:
    return Source(source.sheet, source.row, source.column, "Value") if source.row is not None else source


@meeting_rule("id-malformed", "id-duplicate", needs_model=False)
def action_ids(context: MeetingContext) -> Iterator[Finding]:
    """An action's ID follows it from meeting to meeting: letters, digits, - and _ only, and never shared."""
    sheet = context.raw.sheet("Actions")
    if sheet is None or "id" not in sheet.columns:
        return
    first_row: dict[str, int] = {}
    for row in sheet.rows:
        typed = row.text("ID")
        if not typed:
            continue
        place = sheet.column_source("ID", row.number)
        if not ID_PATTERN.fullmatch(typed):
            suggestion = re.sub(r"[^A-Za-z0-9_-]+", "-", typed.strip()).strip("-") or "A-001"
            yield error(
                "id-malformed", f"ID '{typed}' may hold only letters, digits, - and _, such as {suggestion}", place
            )
        key = typed.casefold()
        if key in first_row:
            yield error(
                "id-duplicate",
                f"ID '{typed}' is already used on row {first_row[key]}; each action needs "
                "its own ID, kept from meeting to meeting and never reused",
                place,
            )
        else:
            first_row[key] = row.number


# --- people -------------------------------------------------------------------------------------


@meeting_rule("person-duplicate", "person-attendance-conflict")
def people_listed_once(context: MeetingContext) -> Iterator[Finding]:
    """A person listed twice would print twice; listed as attending and as sending apologies, the notes contradict
    themselves."""
    first: dict[str, object] = {}
    for person in context.meeting.people:
        key = " ".join(person.name.split()).casefold()
        earlier = first.get(key)
        if earlier is None:
            first[key] = person
            continue
        apologies = {earlier.attendance == "Apologies", person.attendance == "Apologies"}
        if apologies == {True, False} and earlier.attendance and person.attendance:
            yield error(
                "person-attendance-conflict",
                f"{person.name} is listed as '{person.attendance}' here and as "
                f"'{earlier.attendance}' on row {earlier.source.row}; keep the row that is right and delete "
                "the other",
                person.cell("Attendance"),
            )
        else:
            yield warning(
                "person-duplicate",
                f"{person.name} is already listed on row {earlier.source.row}, so "
                "would be printed twice; delete one of the rows",
                person.cell("Name"),
            )


# --- owners and initials ------------------------------------------------------------------------


@meeting_rule("owner-unknown", "owner-ambiguous")
def action_owners(context: MeetingContext) -> Iterator[Finding]:
    """Each owner of an action must be one person's initials (or name) or an organisation on the Organisations
    sheet, so the tracker says who is to act."""
    meeting = context.meeting
    known = _known_names(meeting)
    for action in meeting.actions:
        for owner in action.owner_list:
            people = meeting.people_with_initials(owner)
            if len(people) > 1:
                names = " and ".join(f"{p.name} (row {p.source.row})" for p in people)
                yield error(
                    "owner-ambiguous",
                    f"action {action.id}: '{owner}' are the initials of {names}; give "
                    "each person different initials on the People sheet, such as adding a middle initial",
                    action.cell("Owners"),
                )
            elif not people and meeting.organisation(owner) is None and not _is_person_name(meeting, owner):
                close = _closest(owner, known)
                hint = f"did you mean '{close}'? " if close else ""
                yield error(
                    "owner-unknown",
                    f"action {action.id}: owner '{owner}' is no one's initials on the People "
                    f"sheet and no short name on the Organisations sheet; {hint}use a person's initials or "
                    "an organisation's short name, or add them",
                    action.cell("Owners"),
                )


def _closest(typed: str, known: list[str]) -> str | None:
    """Initials one letter out (CX for CW), or a short name close in spelling."""
    wanted = typed.casefold()
    for name in known:
        folded = name.casefold()
        if len(folded) == len(wanted) and sum(a != b for a, b in zip(folded, wanted)) == 1:
            return name
    close = process.extractOne(typed, known, scorer=fuzz.WRatio, processor=str.casefold, score_cutoff=85)
    return close[0] if close else None


def _is_person_name(meeting: Meeting, text: str) -> bool:
    wanted = " ".join(text.split()).casefold()
    return any(" ".join(p.name.split()).casefold() == wanted for p in meeting.people)


def _known_names(meeting: Meeting) -> list[str]:
    return [p.initials for p in meeting.people if p.initials] + [o.short_name for o in meeting.organisations]


# Two or three capitals standing alone: how the notes refer to people ("KB welcomed members").
# "KB's view" counts as KB; "Q&A", "A-Z" and "O'Neil" do not count.
_INITIALS = re.compile(r"(?<![\w'’&-])([A-Z]{2,3})(?=['’]s\b|(?![\w'’&-]))")
# Everyday abbreviations that are nobody's initials; organisations go on the Organisations sheet.
COMMON_ABBREVIATIONS = frozenset(
    {
        "UK",
        "OK",
        "AM",
        "PM",
        "TV",
        "ID",
        "IT",
        "HR",
        "CEO",
        "PDF",
        "FAQ",
        "AOB",
        "MS",
        "NB",
        "PS",
        "QA",
        "ICT",
        "USA",
        "EU",
        "GP",
        "NHS",
        "TBC",
        "TBD",
        "ASB",
        "VAWG",
        "CCTV",
        "DBS",
        "KPI",
        "MP",
        "MPs",
    }
)


@meeting_rule("initials-undefined")
def initials_defined(context: MeetingContext) -> Iterator[Finding]:
    """Initials in the notes that match nobody on the People sheet leave a reader unable to tell who spoke."""
    meeting = context.meeting
    defined = {(p.initials or "").strip() for p in meeting.people} | {
        o.short_name.strip() for o in meeting.organisations
    }
    defined = {item.casefold() for item in defined if item}
    texts = []
    for item in meeting.agenda:
        texts.append((item.cell("Presenter"), item.presenter or ""))
        texts.append((item.notes.source if item.notes.source.sheet else item.cell("Notes"), visible_text(item.notes)))
    for action in meeting.actions:
        texts.append((action.cell("Action"), visible_text(action.action)))
        texts.append((action.cell("Update"), visible_text(action.update)))
    for source, words in texts:
        if not words:
            continue
        reported: set[str] = set()
        for match in _INITIALS.finditer(words):
            token = match.group(1)
            if token.casefold() in defined or token in COMMON_ABBREVIATIONS or token in reported:
                continue
            reported.add(token)
            yield warning(
                "initials-undefined",
                f"'{token}' looks like someone's initials, but no one on the People "
                "sheet has them; add the person with these initials, or add it to the Organisations sheet "
                "if it names an organisation",
                source,
            )


# --- agenda and actions -------------------------------------------------------------------------


@meeting_rule("agenda-item-duplicate")
def agenda_numbers(context: MeetingContext) -> Iterator[Finding]:
    """Two agenda items with one number: actions name their item by number, so each must be different."""
    first: dict[str, int] = {}
    for item in context.meeting.agenda:
        if not item.number:
            continue
        key = "".join(item.number.split()).casefold()
        if key in first:
            yield error(
                "agenda-item-duplicate",
                f"item {item.number} is already on row {first[key]}; give each "
                "agenda item its own number, such as 5a and 5b",
                item.cell("Item"),
            )
        else:
            first[key] = item.source.row or 0


@meeting_rule("action-item-unknown")
def action_items(context: MeetingContext) -> Iterator[Finding]:
    """An action raised at this meeting names an agenda item that is not on the Agenda sheet, so it cannot be shown
    where it was raised."""
    meeting = context.meeting
    numbers = ", ".join(item.number for item in meeting.agenda if item.number) or "none yet"
    for action in meeting.new_actions:
        if action.item and meeting.agenda_item(action.item) is None:
            yield error(
                "action-item-unknown",
                f"action {action.id} was raised under item {action.item}, which is not "
                f"on the Agenda sheet (its items: {numbers}); type the item's number as on the Agenda sheet",
                action.cell("Item"),
            )


@meeting_rule("action-done-without-update")
def done_actions_have_updates(context: MeetingContext) -> Iterator[Finding]:
    """An action marked Done with no update leaves the board without a record of what was done."""
    for action in context.meeting.actions:
        if action.status == "Done" and action.update.is_empty:
            yield error(
                "action-done-without-update",
                f"action {action.id} is Done but has no update; say what was done and when in its Update",
                action.cell("Update"),
            )


@meeting_rule("action-overdue")
def overdue_actions(context: MeetingContext) -> Iterator[Finding]:
    """An open action whose due date is before this meeting is overdue: the board will want to know."""
    meeting = context.meeting
    if meeting.date is None:
        return
    for action in meeting.actions:
        if action.is_open and action.due is not None and action.due < meeting.date:
            days = (meeting.date - action.due).days
            yield warning(
                "action-overdue",
                f"action {action.id} was due on {long_date(action.due)}, {days} day{'' if days == 1 else 's'} before "
                "this meeting, and is still "
                f"{action.status}; give a new due date, or mark it Done or Dropped with an update",
                action.cell("Due"),
            )


@meeting_rule("action-update-unchanged")
def updates_moved_on(context: MeetingContext) -> Iterator[Finding]:
    """In a workbook made by reportgen next, an open action whose Update is still word for word its Previous update
    has had no news since the last meeting."""
    for action in context.meeting.actions:
        if not action.is_open or action.previous_update.is_empty:
            continue
        if word_keys(tokens(display_text(action.update))) == word_keys(tokens(display_text(action.previous_update))):
            yield warning(
                "action-update-unchanged",
                f"the update on action {action.id} is the same as at the last "
                "meeting; ask its owner for news, or say that nothing has changed and why",
                action.cell("Update"),
            )


@meeting_rule("next-meeting-past")
def next_meetings_ahead(context: MeetingContext) -> Iterator[Finding]:
    """A date under Dates of next meetings that is not after this meeting would be published as still to come."""
    meeting = context.meeting
    sheet = context.raw.sheet("Next meetings")
    if meeting.date is None or sheet is None:
        return
    for entry in meeting.next_meetings:
        if entry.date is not None and entry.date <= meeting.date:
            yield warning(
                "next-meeting-past",
                f"{long_date(entry.date)} is not after this meeting "
                f"({long_date(meeting.date)}), so the notes would list it as a meeting still to come; "
                "delete the row or correct the date",
                sheet.column_source("Date", entry.source.row),
            )


@meeting_rule("action-commitment-unknown")
def action_commitments(context: MeetingContext) -> Iterator[Finding]:
    """With --plan: a commitment ID an action names must be in the plan's edition workbook."""
    plan = context.options.plan
    if plan is None:
        return
    ids = {commitment.id.casefold() for commitment in plan.edition.commitments if commitment.id}
    for action in context.meeting.actions:
        for commitment_id in action.commitment_ids:
            if commitment_id.casefold() not in ids:
                yield error(
                    "action-commitment-unknown",
                    f"action {action.id} names commitment {commitment_id}, "
                    f"which is not in {plan.raw.path.name}; type the commitment's ID as in the plan",
                    action.cell("Commitments"),
                )


@meeting_rule("readability")
def reading_ease(context: MeetingContext) -> Iterator[Finding]:
    """With --readability: the reading ease and longest sentence of each item's notes and each action's update, as
    for an edition's updates (information, never an error)."""
    if not context.options.readability:
        return
    passages = []
    for item in context.meeting.agenda:
        if not item.notes.is_empty:
            passages.append((item.cell("Notes"), f"the notes of item {item.number}", item.notes.plain_text()))
    for action in context.meeting.actions:
        if not action.update.is_empty:
            passages.append((action.cell("Update"), f"the update of action {action.id}", action.update.plain_text()))
    yield from readability_findings(passages)
