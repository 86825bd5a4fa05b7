"""The meeting workbook's schema, defined once: the reader, the rules, `reportgen new --meeting`,
the Instructions sheet and docs/workbook.md all come from it, as the edition's come from
reportgen.core.schema."""

from __future__ import annotations

from ..core.schema import YES_NO, Book, Column, Kind, Required, Sheet  # noqa: F401  (YES_NO: one vocabulary)

MEETING_STATUSES = ("Draft", "Final")
FORMATS = ("Online", "In person", "Hybrid")
# How each person took part, in the order the notes list them. Blank: not at this meeting.
ATTENDANCE = ("Co-chair", "Member", "Guest presenter", "Officer in attendance", "Apologies")
ACTION_STATUSES = ("Open", "In progress", "Done", "Dropped")
OPEN_STATUSES = ("Open", "In progress")

MEETING = Sheet(
    "Meeting",
    "One row a field: the board, the meeting's date, time and place, and who publishes the notes. "
    "Type the value in column B.",
    columns=(
        Column("Field", Kind.TEXT, Required.YES, "The name of the field. Leave these as they are.", width=22),
        Column("Value", Kind.TEXT, Required.NO, "The value for this meeting.", width=70),
    ),
    fields=(
        Column(
            "Board",
            Kind.TEXT,
            Required.YES,
            "The board's name, as it starts the title.",
            "Fair Policing Oversight Board",
        ),
        Column(
            "Plan",
            Kind.TEXT,
            Required.NO,
            "The plan the board oversees; printed after the board's name.",
            "Northfield Action Plan for Fairer Policing",
        ),
        Column("Date", Kind.DATE, Required.YES, "The day of the meeting.", "2025-07-15"),
        Column("Time", Kind.TEXT, Required.NO, "The start time as it should be printed.", "10am"),
        Column(
            "Format",
            Kind.CHOICE,
            Required.NO,
            "Whether the meeting was online, in person or both.",
            "Online",
            choices=FORMATS,
        ),
        Column("Where", Kind.TEXT, Required.NO, "The venue, or the service used for an online meeting.", "MS Teams"),
        Column(
            "Status",
            Kind.CHOICE,
            Required.NO,
            "Draft (the default) marks every page DRAFT. Final refuses to build while review comments or "
            "placeholders are left in the notes.",
            "Draft",
            choices=MEETING_STATUSES,
            default="Draft",
        ),
        Column(
            "Publisher",
            Kind.TEXT,
            Required.YES,
            "The organisation publishing the notes, printed at the foot.",
            "Northfield Office for Policing and Crime",
        ),
        Column(
            "Publication date",
            Kind.DATE,
            Required.NO,
            "The date the notes are published; left blank, the meeting's date is used.",
            "2025-08-01",
        ),
        Column(
            "Language", Kind.LANGUAGE, Required.NO, "The document's language as a BCP 47 tag.", "en-GB", default="en-GB"
        ),
        Column("Author", Kind.TEXT, Required.NO, "Shown in the document's properties.", "Board secretariat"),
        Column(
            "Contact",
            Kind.EMAIL,
            Required.NO,
            "E-mail address for enquiries, printed at the foot.",
            "board@example.gov.uk",
        ),
    ),
)

PEOPLE = Sheet(
    "People",
    "One row a person: everyone at the meeting, everyone who sent apologies, and the board's other members.",
    columns=(
        Column("Name", Kind.TEXT, Required.YES, "The person's name as printed.", "Kemi Bassey", width=24),
        Column(
            "Initials",
            Kind.TEXT,
            Required.NO,
            "The initials the notes use for this person, such as KB. Action owners are given by initials, so "
            "each person's must be different.",
            "KB",
            width=10,
        ),
        Column(
            "Organisation or role",
            Kind.TEXT,
            Required.NO,
            "Where the person is from, or their role.",
            "Deputy Mayor's Office",
            width=36,
        ),
        Column(
            "Attendance",
            Kind.CHOICE,
            Required.NO,
            "How the person took part in this meeting. Leave blank for a member who was not at this meeting "
            "and sent no apologies: they are not printed.",
            "Co-chair",
            choices=ATTENDANCE,
            width=22,
        ),
        Column(
            "On behalf of",
            Kind.TEXT,
            Required.NO,
            "The office holder this person stood in for, if any.",
            "Deputy Mayor for Policing",
            width=28,
        ),
    ),
)

AGENDA = Sheet(
    "Agenda",
    "One row an agenda item, in the order they were taken. Sub-items such as 5a and 5b follow their item.",
    columns=(
        Column(
            "Item",
            Kind.TEXT,
            Required.YES,
            "The item's number, such as 1 or 5a. Each number must be different.",
            "1",
            width=8,
        ),
        Column("Title", Kind.TEXT, Required.YES, "The item's title.", "Welcome and introductions", width=36),
        Column("Presenter", Kind.TEXT, Required.NO, "Who presented the item: initials or a name.", "KB", width=16),
        Column(
            "Notes",
            Kind.RICH,
            Required.NO,
            "What was said, referring to people by their initials. A line 'Questions' followed by bullets "
            "records the discussion.",
            "KB welcomed members and thanked the youth panel for attending.",
            width=80,
        ),
    ),
)

ACTIONS = Sheet(
    "Actions",
    "One row an action: this meeting's new actions and every action still open from earlier meetings.",
    columns=(
        Column(
            "ID",
            Kind.ID,
            Required.YES,
            "A permanent identifier such as A-2025-07-03; keep it the same at every meeting until the action is "
            "closed.",
            "A-2025-07-03",
            width=14,
        ),
        Column(
            "Raised",
            Kind.DATE,
            Required.NO,
            "The date of the meeting that raised the action. Leave blank for an action raised at this meeting.",
            "2025-07-15",
            width=12,
        ),
        Column(
            "Item",
            Kind.TEXT,
            Required.NO,
            "The agenda item the action was raised under, as numbered on the Agenda sheet.",
            "5a",
            width=8,
        ),
        Column(
            "Action",
            Kind.RICH,
            Required.YES,
            "What is to be done, starting with the owner's initials.",
            "CW to share the vehicle stop review with the youth panel.",
            width=60,
        ),
        Column(
            "Owners",
            Kind.TEXT,
            Required.YES,
            "Who owns the action: a person's initials or an organisation's short name from the Organisations "
            "sheet. Separate two owners with /, such as CW/JB.",
            "CW/JB",
            width=12,
        ),
        Column("Due", Kind.DATE, Required.NO, "When the action should be done.", "2025-09-30", width=12),
        Column(
            "Status",
            Kind.CHOICE,
            Required.NO,
            "Where the action stands.",
            "Open",
            choices=ACTION_STATUSES,
            width=12,
            default="Open",
        ),
        Column(
            "Update",
            Kind.RICH,
            Required.NO,
            "The latest update on the action. An action marked Done needs one saying what was done.",
            "The review was shared on 2 August.",
            width=60,
        ),
        Column(
            "Commitments",
            Kind.TEXT,
            Required.NO,
            "The IDs of the plan's commitments the action concerns, separated by commas.",
            "MAP-004",
            width=16,
        ),
        Column(
            "Notes",
            Kind.TEXT,
            Required.NO,
            "Internal notes for the secretariat. Never published and never checked.",
            "Chase in September",
            width=24,
            published=False,
        ),
        Column(
            "Previous update",
            Kind.RICH,
            Required.NO,
            "Filled in by reportgen next: the update as it stood at the last meeting, for reference. Never "
            "published; do not edit.",
            "",
            width=60,
            published=False,
            locked=True,
        ),
    ),
)

ORGANISATIONS = Sheet(
    "Organisations",
    "Organisations the notes name by a short name, such as an action owned by the police service.",
    required=False,
    columns=(
        Column(
            "Short name", Kind.TEXT, Required.YES, "The short name used in the notes and in Owners.", "NPS", width=14
        ),
        Column("Name", Kind.TEXT, Required.YES, "The organisation's full name.", "Northfield Police Service", width=50),
    ),
)

NEXT_MEETINGS = Sheet(
    "Next meetings",
    "The dates of the board's next meetings, printed at the end of the notes.",
    required=False,
    columns=(
        Column("Date", Kind.DATE, Required.YES, "The day of the meeting.", "2025-10-14", width=12),
        Column("Time", Kind.TEXT, Required.NO, "The start time as it should be printed.", "10am", width=10),
        Column(
            "Where",
            Kind.TEXT,
            Required.NO,
            "The venue, or the service used for an online meeting.",
            "City Hall, Committee Room 2",
            width=40,
        ),
    ),
)

SHEETS: tuple[Sheet, ...] = (MEETING, PEOPLE, AGENDA, ACTIONS, ORGANISATIONS, NEXT_MEETINGS)

MEETING_BOOK = Book(
    "meeting",
    SHEETS,
    "This workbook holds the notes of one board meeting and its action tracker. reportgen reads it and builds the "
    "Word, PDF and web page versions of the notes from it. reportgen never reads this Instructions sheet.",
    {("Actions", "Item"): ("Agenda", "Item")},
    "Publication date",
    cell_markup_metrics=False,
)


def how_written() -> list[str]:
    """The end of the meeting workbook's part of docs/workbook.md."""
    lists = [
        f"| {spec.name} | {column.name} | {', '.join(column.choices)} |"
        for spec in SHEETS
        for column in spec.columns + spec.fields
        if column.choices
    ]
    return [
        "## How reportgen writes a meeting workbook",
        "",
        "`reportgen new --meeting` writes the sheets above in this order, after the Instructions sheet, in the same "
        "layout as an edition workbook: a bold header row that stays in view, the column's help as an input "
        "message on its heading, wrapped text and dates shown as dd/mm/yyyy. These columns have drop-down lists "
        "that refuse anything else:",
        "",
        "| Sheet | Column | Values |",
        "|---|---|---|",
        *lists,
        "",
        "The Item column of the Actions sheet offers the items typed on the Agenda sheet, but accepts anything, "
        "because an action carried over from an earlier meeting names an item of that meeting's agenda.",
        "",
        "A workbook made by `reportgen next` from a meeting workbook also has the Previous update column on the "
        "Actions sheet: shaded grey and locked, on a sheet protected without a password.",
    ]
