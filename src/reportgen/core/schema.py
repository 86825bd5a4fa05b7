"""The edition workbook's schema, defined once: it drives the reader, the validator,
the blank workbook that `reportgen new` writes and the Instructions sheet.

Names, required columns and allowed values follow the contract
(shared/workbook-contract.md); additions are documented in docs/workbook.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(str, Enum):
    TEXT = "text"  # plain text on one line
    RICH = "rich text"  # the cell markup (contract 1.7)
    ID = "identifier"  # letters, digits, - and _
    NUMBER = "number"
    INTEGER = "whole number"
    DATE = "date"
    CHOICE = "one of a list"
    YES_NO = "Yes or No"
    EMAIL = "e-mail address"
    LANGUAGE = "language tag"


class Required(str, Enum):
    YES = "yes"
    NO = "no"
    IN_FINAL = "in a Final edition"


STATUSES = ("Not started", "In progress", "On track", "At risk", "Delayed", "Complete", "Paused")
YES_NO = ("Yes", "No")
UNITS = ("percent", "count", "ratio", "currency", "points")
CHART_TYPES = ("bar", "line")
PLACEMENTS = ("Before chapters", "After chapters")
LEVELS = ("1", "2", "3")
EDITION_STATUSES = ("Draft", "Final")


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    required: Required = Required.NO
    help: str = ""
    example: str = ""
    choices: tuple[str, ...] = ()
    width: int = 16
    published: bool = True  # False: never printed, never checked for publication (Notes)
    default: str | None = None
    locked: bool = False  # written by reportgen itself: shaded and protected in the workbook

    @property
    def key(self) -> str:
        return self.name.casefold()


@dataclass(frozen=True)
class Sheet:
    name: str
    help: str
    columns: tuple[Column, ...]
    required: bool = True
    # A "fields" sheet holds one Field/Value pair a row (the Edition sheet).
    fields: tuple[Column, ...] = ()

    @property
    def key(self) -> str:
        return self.name.casefold()

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.key == name.casefold():
                return column
        raise KeyError(name)

    def field(self, name: str) -> Column:
        for item in self.fields:
            if item.key == name.casefold():
                return item
        raise KeyError(name)


EDITION = Sheet(
    "Edition",
    "One row a field: the edition's title, label, dates and publisher. Type the value in column B.",
    columns=(
        Column("Field", Kind.TEXT, Required.YES, "The name of the field. Leave these as they are.", width=22),
        Column("Value", Kind.TEXT, Required.NO, "The value for this edition.", width=70),
    ),
    fields=(
        Column(
            "Title",
            Kind.TEXT,
            Required.YES,
            "The plan's full title, as on the cover.",
            "Action Plan for Fairer Policing in Northfield",
        ),
        Column("Edition", Kind.TEXT, Required.YES, "This edition's label.", "2025/26 Quarter 2 Update"),
        Column("Period start", Kind.DATE, Required.YES, "First day of the monitoring period.", "2025-07-01"),
        Column("Period end", Kind.DATE, Required.YES, "Last day of the monitoring period.", "2025-09-30"),
        Column(
            "Publication date",
            Kind.DATE,
            Required.YES,
            "Date on the cover and in the document's properties; on or after the period end.",
            "2025-11-14",
        ),
        Column(
            "Publisher",
            Kind.TEXT,
            Required.YES,
            "The organisation publishing the update.",
            "Northfield Office for Policing and Crime",
        ),
        Column(
            "Status",
            Kind.CHOICE,
            Required.NO,
            "Draft (the default) marks every page DRAFT. Final refuses to build until every commitment "
            "is approved and has an update.",
            "Draft",
            choices=EDITION_STATUSES,
            default="Draft",
        ),
        Column(
            "Language", Kind.LANGUAGE, Required.NO, "The document's language as a BCP 47 tag.", "en-GB", default="en-GB"
        ),
        Column("Author", Kind.TEXT, Required.NO, "Shown in the document's properties.", "Policy and Oversight Team"),
        Column(
            "Subject",
            Kind.TEXT,
            Required.NO,
            "Shown in the document's properties.",
            "Quarterly progress on the action plan",
        ),
        Column(
            "Keywords",
            Kind.TEXT,
            Required.NO,
            "Shown in the document's properties, separated by commas.",
            "policing, trust, action plan",
        ),
        Column(
            "Contact",
            Kind.EMAIL,
            Required.NO,
            "E-mail address for enquiries, printed on the back page.",
            "actionplan@example.gov.uk",
        ),
    ),
)

CHAPTERS = Sheet(
    "Chapters",
    "One row a chapter, in the order they appear in the document.",
    columns=(
        Column(
            "Number",
            Kind.TEXT,
            Required.NO,
            "The chapter's number, such as 1. Leave blank for an unnumbered chapter such as Next steps.",
            "1",
            width=10,
        ),
        Column(
            "Title",
            Kind.TEXT,
            Required.YES,
            "The chapter's title. Each title must be different.",
            "Fairer use of police powers",
            width=40,
        ),
        Column(
            "Introduction",
            Kind.RICH,
            Required.NO,
            "Optional text printed under the chapter heading.",
            "This chapter covers stop and search, handcuffing and vehicle stops.",
            width=70,
        ),
    ),
)

COMMITMENTS = Sheet(
    "Commitments",
    "One row a commitment, grouped by chapter, in document order.",
    columns=(
        Column(
            "ID",
            Kind.ID,
            Required.YES,
            "A unique, permanent identifier such as MAP-001. Keep it the same in every edition and never reuse it: "
            "it is how editions are compared.",
            "MAP-001",
            width=12,
        ),
        Column(
            "Ref",
            Kind.TEXT,
            Required.NO,
            "The number printed beside the commitment, such as 1.3. Consecutive rows may share a Ref: they print "
            "as one numbered item.",
            "1.1",
            width=8,
        ),
        Column(
            "Chapter",
            Kind.TEXT,
            Required.YES,
            "The chapter's Title or Number, as on the Chapters sheet.",
            "1",
            width=22,
        ),
        Column(
            "Commitment",
            Kind.RICH,
            Required.YES,
            "The promise itself, worded as published. It should not change between editions.",
            "We will review a sample of vehicle stops each quarter to look for disproportionality.",
            width=60,
        ),
        Column("Lead", Kind.TEXT, Required.NO, "The organisation leading delivery.", "Police service", width=14),
        Column(
            "Status",
            Kind.CHOICE,
            Required.NO,
            "Progress in one word or phrase from the list.",
            "In progress",
            choices=STATUSES,
            width=14,
        ),
        Column(
            "Update",
            Kind.RICH,
            Required.IN_FINAL,
            "What happened during this monitoring period.",
            "The pilot finished in August. The final report is with the board for approval.",
            width=80,
        ),
        Column(
            "Approved",
            Kind.YES_NO,
            Required.NO,
            "Yes once the update has been signed off. A Final edition needs Yes on every row.",
            "No",
            choices=YES_NO,
            width=11,
        ),
        Column(
            "Notes",
            Kind.TEXT,
            Required.NO,
            "Internal notes for the team. Never published and never checked.",
            "Waiting for figures from HR",
            width=30,
            published=False,
        ),
        Column(
            "Previous update",
            Kind.RICH,
            Required.NO,
            "Filled in by reportgen next: last edition's update, for reference. Never published; do not edit.",
            "",
            width=60,
            published=False,
            locked=True,
        ),
    ),
)

NARRATIVE = Sheet(
    "Narrative",
    "Sections of text such as the introduction, in document order.",
    required=False,
    columns=(
        Column("ID", Kind.ID, Required.YES, "A unique, permanent identifier such as NAR-INTRO.", "NAR-INTRO", width=14),
        Column("Heading", Kind.TEXT, Required.YES, "The section's heading.", "Introduction", width=30),
        Column(
            "Body", Kind.RICH, Required.YES, "The section's text.", "This update covers July to September.", width=80
        ),
        Column(
            "Placement",
            Kind.CHOICE,
            Required.NO,
            "Before chapters (the default) or After chapters.",
            "Before chapters",
            choices=PLACEMENTS,
            width=16,
            default="Before chapters",
        ),
        Column(
            "Level",
            Kind.CHOICE,
            Required.NO,
            "Heading depth: 1 for a main section, 2 or 3 for a subsection of the one above.",
            "1",
            choices=LEVELS,
            width=8,
            default="1",
        ),
    ),
)

METRICS = Sheet(
    "Metrics",
    "Statistics cited in the text as {metric:ID} and drawn as charts.",
    required=False,
    columns=(
        Column(
            "ID",
            Kind.ID,
            Required.YES,
            "A unique identifier used to cite the figure, such as OFFICERS-ALL.",
            "OFFICERS-ALL",
            width=18,
        ),
        Column(
            "Label",
            Kind.TEXT,
            Required.YES,
            "What the figure measures, as a reader should see it.",
            "Police officers",
            width=30,
        ),
        Column("Value", Kind.NUMBER, Required.YES, "The figure, as a number (16 for 16%).", "32920", width=12),
        Column("Unit", Kind.CHOICE, Required.YES, "How the value is printed.", "count", choices=UNITS, width=11),
        Column(
            "Chart", Kind.TEXT, Required.NO, "The Group of the chart this figure belongs to.", "WORKFORCE", width=14
        ),
        Column(
            "Category",
            Kind.TEXT,
            Required.NO,
            "The group the figure is about, such as Black or All Londoners.",
            "All officers",
            width=16,
        ),
        Column(
            "Of",
            Kind.TEXT,
            Required.NO,
            "For a count: the ID of the total it belongs to, so its share can be printed as {metric:ID:share}. "
            "For a percentage: the ID of the total it is a share of; it is checked against the count with the "
            "same Category and the same Of.",
            "",
            width=14,
        ),
        Column("As at", Kind.DATE, Required.NO, "The date the figure describes.", "2025-08-31", width=12),
        Column("Source", Kind.TEXT, Required.NO, "Where the figure comes from.", "Police workforce data", width=28),
    ),
)

CHARTS = Sheet(
    "Charts",
    "Charts drawn from the Metrics sheet: one row a chart.",
    required=False,
    columns=(
        Column(
            "Group",
            Kind.ID,
            Required.YES,
            "A unique name that Metrics rows use in their Chart column.",
            "WORKFORCE",
            width=14,
        ),
        Column("Title", Kind.TEXT, Required.YES, "The chart's title.", "Officers by ethnicity", width=36),
        Column("Type", Kind.CHOICE, Required.YES, "bar or line.", "bar", choices=CHART_TYPES, width=8),
        Column(
            "Chapter",
            Kind.TEXT,
            Required.NO,
            "The chapter (Title or Number) to place the chart in; blank puts it in a closing Data section.",
            "3",
            width=22,
        ),
        Column(
            "Description",
            Kind.RICH,
            Required.NO,
            "The chart's text alternative. Leave blank and one is written from the data.",
            "",
            width=60,
        ),
    ),
)

GLOSSARY = Sheet(
    "Glossary",
    "Abbreviations and terms used in the text, with what they mean.",
    required=False,
    columns=(
        Column("Term", Kind.TEXT, Required.YES, "The abbreviation or term.", "BCU", width=14),
        Column("Meaning", Kind.TEXT, Required.YES, "What it stands for or means.", "Basic Command Unit", width=60),
    ),
)

SHEETS: tuple[Sheet, ...] = (EDITION, CHAPTERS, COMMITMENTS, NARRATIVE, METRICS, CHARTS, GLOSSARY)
SHEET_ORDER = tuple(sheet.name for sheet in SHEETS)
INSTRUCTIONS_SHEET = "Instructions"
# Extra sheets the tool itself writes that the reader must not warn about.
IGNORED_SHEETS = (INSTRUCTIONS_SHEET, "Lists")

LONG_CELL_CHARACTERS = 4000
"""A published update rarely runs past about 2,500 characters (the longest in the seed
edition is about 1,900); 4,000 leaves room before a cell is probably a paste accident."""


def sheet(name: str) -> Sheet:
    for item in SHEETS:
        if item.key == name.casefold():
            return item
    raise KeyError(name)


# (sheet, column) -> (sheet, column) whose values the drop-down offers, without refusing others.
REFERENCE_LISTS: dict[tuple[str, str], tuple[str, str]] = {
    ("Commitments", "Chapter"): ("Chapters", "Title"),
    ("Charts", "Chapter"): ("Chapters", "Title"),
    ("Metrics", "Chart"): ("Charts", "Group"),
    ("Metrics", "Of"): ("Metrics", "ID"),
}


@dataclass(frozen=True)
class Book:
    """One kind of workbook reportgen reads: its sheets in order and what its Instructions say it is.

    The edition workbook is one; the board's meeting notes (reportgen.meeting) are another. The
    writer, the reader and the Instructions sheet take a Book, so each kind is described once.
    """

    noun: str  # "edition", "meeting": what one workbook holds
    sheets: tuple[Sheet, ...]
    purpose: str  # the Instructions' first paragraph
    reference_lists: dict[tuple[str, str], tuple[str, str]]
    date_field: str  # the field whose date pins the workbook's document properties
    cell_markup_metrics: bool = True  # whether {metric:ID} citations mean anything in this kind

    @property
    def sheet_order(self) -> tuple[str, ...]:
        return tuple(item.name for item in self.sheets)

    @property
    def fields_sheet(self) -> Sheet:
        return next(item for item in self.sheets if item.fields)

    def sheet(self, name: str) -> Sheet:
        for item in self.sheets:
            if item.key == " ".join(name.split()).casefold():
                return item
        raise KeyError(name)


EDITION_BOOK = Book(
    "edition",
    SHEETS,
    "This workbook holds one edition of the progress update. reportgen reads it and builds the Word, PDF and web "
    "page versions from it. reportgen never reads this Instructions sheet.",
    REFERENCE_LISTS,
    "Publication date",
)
