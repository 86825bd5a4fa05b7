"""What the Instructions sheet and docs/workbook.md say, built from the schema's help and examples."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..core import schema
from ..core.wording import numeric_date

REQUIRED_LABELS = {
    schema.Required.YES: "Required",
    schema.Required.NO: "Optional",
    schema.Required.IN_FINAL: "Required in a Final edition",
}
MARKUP_SECTION = "Formatting text in a cell"


@dataclass(frozen=True)
class Line:
    """One line of the instructions: a title, a heading, a paragraph, or a table header or row."""

    kind: str  # "title", "heading", "text", "header", "row"
    cells: tuple[str, ...]
    code: tuple[int, ...] = ()  # indexes of cells that show what to type, literally


@dataclass(frozen=True)
class MarkupExample:
    name: str  # a stable key the tests use to check the example parses as described
    result: str
    how: str
    typed: str


MARKUP_GUIDE: tuple[MarkupExample, ...] = (
    MarkupExample(
        "paragraphs",
        "A new paragraph",
        "Leave an empty line between paragraphs: press Alt+Enter twice (Option+Return on a Mac).",
        "The pilot finished in August.\n\nThe final report is with the board.",
    ),
    MarkupExample(
        "line-break",
        "A line break within a paragraph",
        "Press Alt+Enter once.",
        "Community Engagement Team\nNorthfield Police",
    ),
    MarkupExample(
        "bullets",
        "A bullet list",
        "Start each item on a line of its own with •, * or - followed by a space.",
        "This quarter we:\n• visited twelve schools\n• held four youth panels",
    ),
    MarkupExample(
        "link",
        "A link",
        "Put the link text in square brackets and the web address in round brackets straight after it. "
        "Make the link text say where the link goes, never just 'here' or 'click here'.",
        "Read the [stop and search report](https://www.example.gov.uk/stop-search).",
    ),
    MarkupExample("bold", "Bold text", "Put two asterisks either side of the words.", "The review is **complete**."),
    MarkupExample(
        "italic",
        "Italic text",
        "Put an underscore either side of the words.",
        "See _Police Powers in Practice_ for the details.",
    ),
    MarkupExample(
        "metric",
        "A figure from the Metrics sheet",
        "Type {metric:ID} with the figure's ID to print its value; type {metric:ID:share} to print a "
        "count as a share of its total (its Of column).",
        "The service now has {metric:OFFICERS-ALL} officers.",
    ),
)


def required_label(column: schema.Column) -> str:
    return REQUIRED_LABELS[column.required]


def describe(column: schema.Column) -> str:
    """The column's help, followed by what the schema says about the values it takes."""
    parts = [column.help]
    if column.choices:
        parts.append(f"Choose from the list: {', '.join(column.choices)}.")
    if column.default:
        parts.append(f"Left blank, it is {column.default}.")
    if column.kind is schema.Kind.DATE:
        parts.append("A date, such as 30/09/2025.")
    elif column.kind is schema.Kind.NUMBER:
        parts.append("A number.")
    elif column.kind is schema.Kind.ID:
        parts.append("Letters, digits, - and _ only.")
    elif column.kind is schema.Kind.RICH:
        parts.append(f"Formatting allowed: see {MARKUP_SECTION} below.")
    return " ".join(parts)


def example_text(column: schema.Column) -> str:
    """The schema's example as an officer would see it in the cell (dates as dd/mm/yyyy)."""
    if column.kind is schema.Kind.DATE and column.example:
        return numeric_date(dt.date.fromisoformat(column.example))
    return column.example


def sheet_columns(spec: schema.Sheet, carried_over: bool) -> tuple[schema.Column, ...]:
    """The columns a written workbook has: the locked ones only when carried over from a previous edition."""
    return tuple(column for column in spec.columns if carried_over or not column.locked)


def rich_columns(book: schema.Book = schema.EDITION_BOOK) -> list[str]:
    return [
        f"{column.name} ({spec.name})"
        for spec in book.sheets
        for column in spec.columns
        if column.kind is schema.Kind.RICH and column.published
    ]


def _general(carried_over: bool, book: schema.Book = schema.EDITION_BOOK) -> list[Line]:
    references = ", ".join(f"{sheet} {column}" for (sheet, column), _ in book.reference_lists.items())
    lines = [
        Line("title", ("How to fill in this workbook",)),
        Line("text", (book.purpose,)),
        Line(
            "text",
            (
                "Each of the other sheets is one part of the document. Row 1 is the header row: keep its "
                "headings as they are. Type one item a row, starting in row 2; empty rows are skipped. You may "
                "move columns and change their widths.",
            ),
        ),
        Line(
            "text",
            (
                "Click a heading to see what goes in that column. Where a column takes a value from a fixed "
                "list, click the cell and choose from the drop-down list.",
            ),
        ),
        Line(
            "text",
            (
                f"These columns offer values typed on another sheet: {references}. Typing something else is "
                f"not blocked, because {_REFERENCE_REASONS[book.noun]}; reportgen validate reports "
                "anything it cannot find.",
            ),
        ),
        Line(
            "text",
            (
                "Excel takes a cell that starts with =, +, - or @ for a formula. To type text that starts "
                "with one of these, such as a bullet item that starts with a dash, type an apostrophe (') "
                "first, or start bullet items with • instead. Text that reportgen itself writes into a "
                "workbook is always stored as text.",
            ),
        ),
        Line(
            "text",
            (
                "Before sending the workbook for approval, check it with: reportgen validate WORKBOOK.xlsx. "
                "It lists every problem with its sheet and cell, and says how to fix it.",
            ),
        ),
    ]
    if carried_over:
        for spec in book.sheets:
            for column in spec.columns:
                if column.locked:
                    lines.append(
                        Line(
                            "text",
                            (
                                f"The {column.name} column on the {spec.name} sheet is shaded grey and locked. {column.help} "
                                "The sheet is protected so that this column is not changed by accident. To delete or sort "
                                "rows, choose Review > Unprotect Sheet first (there is no password), and protect it again "
                                "afterwards.",
                            ),
                        )
                    )
    return lines


_REFERENCE_REASONS = {
    "edition": "a chapter may also be given by its number",
    "meeting": "an action carried over from an earlier meeting names an item of that meeting's agenda",
}


def _sheet_section(spec: schema.Sheet, carried_over: bool) -> list[Line]:
    optional = "" if spec.required else " (optional)"
    lines = [Line("heading", (f"{spec.name} sheet{optional}",)), Line("text", (spec.help,))]
    if spec.fields:
        lines.append(Line("header", ("Field", "Required", "What to type", "Example")))
        items = spec.fields
    else:
        lines.append(Line("text", ("Read down the Example column for one complete example row.",)))
        lines.append(Line("header", ("Column", "Required", "What to type", "Example")))
        items = sheet_columns(spec, carried_over)
    for column in items:
        lines.append(
            Line("row", (column.name, required_label(column), describe(column), example_text(column)), code=(3,))
        )
    return lines


def _markup_section(book: schema.Book = schema.EDITION_BOOK) -> list[Line]:
    lines = [
        Line("heading", (MARKUP_SECTION,)),
        Line(
            "text",
            (
                f"These columns take formatting: {', '.join(rich_columns(book))}. Excel's own bold, italic and "
                "underline, and a link added to the whole cell with Insert > Link, are kept too.",
            ),
        ),
        Line("header", ("To get", "", "How", "Example")),
    ]
    lines.extend(
        Line("row", (item.result, "", item.how, item.typed), code=(3,))
        for item in MARKUP_GUIDE
        if book.cell_markup_metrics or item.name != "metric"
    )
    lines.append(
        Line(
            "text",
            (
                "HTML tags such as <b> are not formatting: they are printed as typed, and reportgen "
                "validate warns about them. A web address typed on its own becomes a link, with a "
                "warning: give it link text that says where it goes.",
            ),
        )
    )
    return lines


def instruction_lines(carried_over: bool = False, book: schema.Book = schema.EDITION_BOOK) -> list[Line]:
    """Everything the Instructions sheet says, in order."""
    lines = _general(carried_over, book)
    for spec in book.sheets:
        lines.extend(_sheet_section(spec, carried_over))
    lines.extend(_markup_section(book))
    return lines


# --- docs/workbook.md -------------------------------------------------------------------


def _markdown_cell(text: str, code: bool) -> str:
    if not text:
        return ""
    if not code:
        # Typed tags such as <b> are shown, not obeyed.
        return text.replace("<", "&lt;").replace("|", "\\|").replace("\n", "<br>")
    parts = [f"`{line}`" if line else "*(empty line)*" for line in text.split("\n")]
    return "<br>".join(parts).replace("|", "\\|")


def book_markdown(book: schema.Book) -> list[str]:
    out: list[str] = []
    table_width = 0
    for line in instruction_lines(True, book):
        if line.kind != "row" and table_width:
            out.append("")
            table_width = 0
        if line.kind == "title":
            continue
        if line.kind == "heading":
            out += [f"## {line.cells[0]}", ""]
        elif line.kind == "text":
            out += [_markdown_cell(line.cells[0], False), ""]
        elif line.kind == "header":
            cells = [cell for cell in line.cells if cell]
            table_width = len(cells)
            out += ["| " + " | ".join(cells) + " |", "|" + "---|" * table_width]
        else:
            cells = [_markdown_cell(cell, index in line.code) for index, cell in enumerate(line.cells)]
            if len(cells) > table_width:
                cells = [cell for index, cell in enumerate(cells) if line.cells[index] or index in line.code]
            out.append("| " + " | ".join(cells) + " |")
    if table_width:
        out.append("")
    return out
