"""The one workbook writer: `new`, `next`, `import` and the example all write workbooks through it."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..core import schema
from ..core.errors import ReportgenError
from ..core.wording import numeric_date
from ..ooxml.parts import repack
from ..runtime.output import atomic_write, refusal
from .instructions import Line, describe, instruction_lines, required_label, sheet_columns
from .reader import as_date, as_number

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
TIME_FORMAT = "hh:mm"
LIST_ROWS = 1_048_576  # Excel's last row: drop-downs cover the whole column below the header
SOURCE_ROWS = 200  # drop-downs drawn from another sheet offer at least this many of its rows
EXCEL_TEXT_LIMIT = 32_767
PROMPT_LIMIT = 255  # Excel's limit for an input message
PROMPT_TITLE_LIMIT = 32
LINE_HEIGHT = 15.0  # points a line of 11-point Calibri takes
MAX_ROW_HEIGHT = 409.0  # Excel's tallest row
FIXED_TIME = dt.datetime(2000, 1, 1)  # document properties when no publication date pins them
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

_FORMULA_START = ("=", "+", "-", "@")
_PLAIN_NUMBER = re.compile(r"\s*-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*")  # 32920, 32,920, -1.5
_LINE_BREAK_CONTROLS = re.compile(r"[\x0b\x0c]")  # Word's manual line and page breaks
_ILLEGAL_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f]")

HEADER_FILL = "DDE6F0"
LOCKED_FILL = "D9D9D9"
LOCKED_CELL_FILL = "EDEDED"
FIELD_FILL = "F2F2F2"


def write_workbook(
    path: Path,
    content: Mapping[str, object] | None = None,
    *,
    overwrite: bool = False,
    carried_over: bool = False,
    book: schema.Book = schema.EDITION_BOOK,
) -> None:
    """Write an edition workbook to `path` atomically.

    content: {"Edition": {field name: value}, "Chapters": [ {column name: value} ], "Commitments": [...],
    "Narrative": [...], "Metrics": [...], "Charts": [...], "Glossary": [...]}; None or missing sheets -> header only.
    Values: str (rich-text columns take the cell markup as a string), int/float, datetime.date, bool, None.
    carried_over=True: the "Previous update" column is included (shaded, protected, documented); otherwise it is
    left out. Refuses to replace an existing file unless overwrite=True. `book` is the kind of workbook
    (the edition's by default; reportgen.meeting has the meeting notes').
    """
    path = Path(path)
    if path.is_dir():
        raise ReportgenError(f"{path}: is a folder; give a file name ending in .xlsx")
    if not overwrite and path.exists():
        raise ReportgenError(refusal(path))
    atomic_write(path, workbook_bytes(content, carried_over=carried_over, book=book), overwrite=overwrite)


def workbook_bytes(
    content: Mapping[str, object] | None = None, *, carried_over: bool = False, book: schema.Book = schema.EDITION_BOOK
) -> bytes:
    """The workbook `write_workbook` writes, as bytes: the same content always gives the same bytes."""
    import openpyxl

    sheets = _normalise(content, carried_over, book)
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    _write_instructions(workbook.create_sheet(schema.INSTRUCTIONS_SHEET), instruction_lines(carried_over, book))
    for spec in book.sheets:
        worksheet = workbook.create_sheet(spec.name)
        if spec.fields:
            _write_fields(worksheet, spec, sheets.get(spec.key, {}))
        else:
            _write_table(worksheet, spec, sheets.get(spec.key, []), carried_over, sheets, book)
    workbook.active = 0
    fields = sheets.get(book.fields_sheet.key, {})
    pinned = _pinned_time(fields, book.date_field)
    properties = workbook.properties
    properties.creator = properties.lastModifiedBy = "reportgen"
    title = fields.get("title")
    properties.title = title if isinstance(title, str) and title.strip() else None
    buffer = io.BytesIO()
    workbook.save(buffer)
    # openpyxl stamps the save time into the properties and the zip entries; pin both.
    properties.created = properties.modified = pinned
    return _pin_package(buffer.getvalue(), properties)


# --- content --------------------------------------------------------------------------------


def _normalise(
    content: Mapping[str, object] | None, carried_over: bool, book: schema.Book = schema.EDITION_BOOK
) -> dict[str, Any]:
    """Content keyed by sheet key, with rows and Edition fields keyed by column or field key."""
    sheets: dict[str, Any] = {}
    for name, value in (content or {}).items():
        try:
            spec = book.sheet(str(name))
        except KeyError:
            raise ValueError(f"unknown sheet {name!r}; the sheets are {', '.join(book.sheet_order)}") from None
        if value is None:
            continue
        if spec.fields:
            if not isinstance(value, Mapping):
                raise ValueError(f"{spec.name}: give a mapping of field name to value")
            sheets[spec.key] = _keyed(value, {f.key for f in spec.fields}, spec, "field")
        else:
            if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Sequence):
                raise ValueError(f"{spec.name}: give a list of rows, each a mapping of column name to value")
            known = {c.key for c in sheet_columns(spec, carried_over)}
            sheets[spec.key] = [_keyed(row, known, spec, "column") for row in value]
    return sheets


def _keyed(mapping: Mapping[str, object], known: set[str], spec: schema.Sheet, what: str) -> dict[str, object]:
    sheet_name = spec.name
    if not isinstance(mapping, Mapping):
        raise ValueError(f"{sheet_name}: each row must be a mapping of column name to value")
    keyed: dict[str, object] = {}
    for key, value in mapping.items():
        folded = " ".join(str(key).split()).casefold()
        if folded not in known:
            locked = any(c.locked and c.key == folded for c in spec.columns)
            hint = " (it is written only with carried_over=True)" if locked else ""
            raise ValueError(f"{sheet_name}: unknown {what} {key!r}{hint}")
        keyed[folded] = value
    return keyed


def _pinned_time(fields: Mapping[str, object], date_field: str = "Publication date") -> dt.datetime:
    published = as_date(fields.get(date_field.casefold()))
    if published is None:
        return FIXED_TIME
    return dt.datetime.combine(published, dt.time(0))


# --- cells ----------------------------------------------------------------------------------


def cell_value(value: object, column: schema.Column | None, where: str) -> object:
    """The value to store for `value` in a cell of `column`: Yes/No for booleans, dates and numbers parsed
    from text in date and number columns, text cleaned of characters a workbook cannot hold."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise ReportgenError(f"{where}: {value} is not a number a workbook can hold")
        return value
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time(0) and value.tzinfo is None else value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, dt.time):
        return value.replace(tzinfo=None)
    if not isinstance(value, str):
        raise TypeError(f"{where}: cannot write a {type(value).__name__} into a workbook")
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = _ILLEGAL_CONTROLS.sub("", _LINE_BREAK_CONTROLS.sub("\n", text))
    if len(text) > EXCEL_TEXT_LIMIT:
        raise ReportgenError(
            f"{where}: the text is {len(text):,} characters long, more than the {EXCEL_TEXT_LIMIT:,} "
            "a workbook cell can hold; shorten it"
        )
    if column is not None and text.strip():
        if column.kind is schema.Kind.DATE:
            parsed = as_date(text)
            if parsed is not None:
                return parsed
        elif column.kind is schema.Kind.NUMBER and _PLAIN_NUMBER.fullmatch(text):
            number = as_number(text)
            if number is not None:
                return int(number) if number.is_integer() and "." not in text else number
    return text


def put(worksheet, row: int, column_index: int, value: object, spec: schema.Column | None = None):
    """Store `value` in a cell; text is always text, even when it looks like a formula."""
    where = f"{worksheet.title}!{_letter(column_index)}{row}"
    stored = cell_value(value, spec, where)
    cell = worksheet.cell(row, column_index)
    if stored is None:
        return cell
    cell.value = stored
    if isinstance(stored, str):
        cell.data_type = "s"
        if stored.startswith(_FORMULA_START):
            # quotePrefix keeps it text when an officer edits the cell in Excel.
            cell.quotePrefix = True
    elif isinstance(stored, dt.datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(stored, dt.date):
        cell.number_format = DATE_FORMAT
    elif isinstance(stored, dt.time):
        cell.number_format = TIME_FORMAT
    return cell


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _styles():
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

    return {
        "body": Alignment(wrap_text=True, vertical="top"),
        "value": Alignment(wrap_text=True, vertical="top", horizontal="left"),  # dates beside text, not right
        "header_font": Font(bold=True),
        "header_fill": PatternFill("solid", fgColor=HEADER_FILL),
        "locked_fill": PatternFill("solid", fgColor=LOCKED_FILL),
        "locked_cell_fill": PatternFill("solid", fgColor=LOCKED_CELL_FILL),
        "field_fill": PatternFill("solid", fgColor=FIELD_FILL),
        "header_border": Border(bottom=Side(style="thin", color="808080")),
        "unlocked": Protection(locked=False),
        "locked": Protection(locked=True),
    }


def prompt_text(text: str, limit: int = PROMPT_LIMIT) -> str:
    """`text` cut at a word to fit Excel's input-message limit."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def _prompt(worksheet, ref: str, title: str, text: str, validation=None) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = validation or DataValidation(allow_blank=True)
    validation.showInputMessage = True
    validation.promptTitle = prompt_text(title, PROMPT_TITLE_LIMIT)
    validation.prompt = prompt_text(text)
    validation.add(ref)
    worksheet.add_data_validation(validation)


def _list_validation(choices: Sequence[str] | None = None, source: str | None = None, strict: bool = True):
    from openpyxl.worksheet.datavalidation import DataValidation

    formula = source if source is not None else '"' + ",".join(choices or ()) + '"'
    validation = DataValidation(type="list", formula1=formula, allow_blank=True, showDropDown=False)
    validation.showErrorMessage = strict
    if strict:
        validation.errorStyle = "stop"
        validation.errorTitle = "Not in the list"
        validation.error = prompt_text(f"Choose one of: {', '.join(choices or ())}.")
    return validation


def _column_prompt(column: schema.Column, described: str | None = None) -> str:
    return f"{required_label(column)}. {described or describe(column)}"


def row_height(cells: Sequence[tuple[object, float]]) -> float | None:
    """A height that shows every line of wrapped text in a row of (value, column width) cells, or None when
    one line is enough. Spreadsheet apps do not all fit row heights when they open a file, so we estimate:
    a column width unit holds about one character, rounded down to err on the tall side."""
    lines = 1
    for value, width in cells:
        if not isinstance(value, str) or not value:
            continue
        per_line = max(1, int(width) - 1)
        lines = max(lines, sum(max(1, math.ceil(len(part) / per_line)) for part in value.split("\n")))
    return None if lines == 1 else min(MAX_ROW_HEIGHT, LINE_HEIGHT * lines)


def _fit_row(worksheet, row: int, cells: Sequence[tuple[object, float]], minimum: float | None = None) -> None:
    height = row_height(cells)
    if minimum is not None:
        height = max(height or 0, minimum)
    if height is not None:
        worksheet.row_dimensions[row].height = height


def _page_setup(worksheet) -> None:
    worksheet.page_setup.orientation = "landscape"
    worksheet.page_setup.fitToWidth = 1
    worksheet.page_setup.fitToHeight = 0
    worksheet.sheet_properties.pageSetUpPr.fitToPage = True


# --- sheets ---------------------------------------------------------------------------------


def _header(worksheet, columns: Sequence[schema.Column], styles) -> None:
    for index, column in enumerate(columns, start=1):
        cell = put(worksheet, 1, index, column.name)
        cell.font = styles["header_font"]
        cell.fill = styles["locked_fill" if column.locked else "header_fill"]
        cell.border = styles["header_border"]
        cell.alignment = styles["body"]
        worksheet.column_dimensions[_letter(index)].width = column.width
        _prompt(worksheet, f"{_letter(index)}1", column.name, _column_prompt(column))
    worksheet.freeze_panes = "A2"
    worksheet.print_title_rows = "1:1"
    _page_setup(worksheet)


def _write_table(
    worksheet,
    spec: schema.Sheet,
    rows: list[dict[str, object]],
    carried_over: bool,
    sheets: Mapping[str, Any],
    book: schema.Book = schema.EDITION_BOOK,
) -> None:
    styles = _styles()
    columns = sheet_columns(spec, carried_over)
    protect = any(column.locked for column in columns)
    _header(worksheet, columns, styles)
    for index, column in enumerate(columns, start=1):
        dimension = worksheet.column_dimensions[_letter(index)]
        dimension.alignment = styles["body"]
        if column.kind is schema.Kind.DATE:
            dimension.number_format = DATE_FORMAT
        if protect:
            dimension.protection = styles["locked" if column.locked else "unlocked"]
            if column.locked:
                dimension.fill = styles["locked_cell_fill"]
    for row_number, row in enumerate(rows, start=2):
        written = []
        for index, column in enumerate(columns, start=1):
            cell = put(worksheet, row_number, index, row.get(column.key), column)
            if cell.value is None:
                continue
            written.append((cell.value, column.width))
            cell.alignment = styles["body"]
            if protect:
                cell.protection = styles["locked" if column.locked else "unlocked"]
                if column.locked:
                    cell.fill = styles["locked_cell_fill"]
        _fit_row(worksheet, row_number, written)
    for index, column in enumerate(columns, start=1):
        target = f"{_letter(index)}2:{_letter(index)}{LIST_ROWS}"
        reference = book.reference_lists.get((spec.name, column.name))
        if column.choices:
            validation = _list_validation(column.choices)
        elif reference is not None:
            validation = _list_validation(source=_source_range(*reference, sheets, carried_over, book), strict=False)
        else:
            continue
        _prompt(worksheet, target, column.name, _column_prompt(column), validation)
    if protect:
        _protect(worksheet, len(columns), styles)


def _source_range(
    sheet_name: str,
    column_name: str,
    sheets: Mapping[str, Any],
    carried_over: bool,
    book: schema.Book = schema.EDITION_BOOK,
) -> str:
    spec = book.sheet(sheet_name)
    index = [c.key for c in sheet_columns(spec, carried_over)].index(column_name.casefold()) + 1
    last = max(SOURCE_ROWS, len(sheets.get(spec.key, [])) + 1)
    letter = _letter(index)
    return f"{spec.name}!${letter}$2:${letter}${last}"


def _protect(worksheet, column_count: int, styles) -> None:
    """Protect the sheet so that only the locked columns are locked; everything officers do stays allowed."""
    from openpyxl.worksheet.dimensions import ColumnDimension

    first_free = column_count + 1
    free = ColumnDimension(worksheet, index=_letter(first_free), min=first_free, max=16_384)
    free.protection = styles["unlocked"]
    worksheet.column_dimensions[_letter(first_free)] = free
    protection = worksheet.protection
    protection.sheet = True
    for allowed in (
        "formatCells",
        "formatColumns",
        "formatRows",
        "insertRows",
        "deleteRows",
        "insertHyperlinks",
        "sort",
        "autoFilter",
    ):
        setattr(protection, allowed, False)


def _write_fields(worksheet, spec: schema.Sheet, values: Mapping[str, object]) -> None:
    """A Field/Value sheet: every field on its own row, its help as the input message of its value cell."""
    styles = _styles()
    _header(worksheet, spec.columns, styles)
    for index in (1, 2):
        worksheet.column_dimensions[_letter(index)].alignment = styles["body"]
    for row_number, field in enumerate(spec.fields, start=2):
        name = put(worksheet, row_number, 1, field.name)
        name.fill = styles["field_fill"]
        name.alignment = styles["body"]
        value = values.get(field.key)
        if value is None or (isinstance(value, str) and not value.strip()):
            value = field.default
        cell = put(worksheet, row_number, 2, value, field)
        cell.alignment = styles["value"]
        _fit_row(worksheet, row_number, [(field.name, spec.columns[0].width), (cell.value, spec.columns[1].width)])
        if field.kind is schema.Kind.DATE and not isinstance(cell.value, dt.datetime):
            cell.number_format = DATE_FORMAT
        example = f" For example: {field.example}." if field.example else ""
        if field.kind is schema.Kind.DATE and field.example:
            example = f" For example: {numeric_date(dt.date.fromisoformat(field.example))}."
        text = _column_prompt(field, describe(field) + example)
        _prompt(
            worksheet, f"B{row_number}", field.name, text, _list_validation(field.choices) if field.choices else None
        )


def _write_instructions(worksheet, lines: list[Line]) -> None:
    from openpyxl.styles import Alignment, Font

    styles = _styles()
    widths = (26, 22, 70, 50)
    for index, width in enumerate(widths, start=1):
        worksheet.column_dimensions[_letter(index)].width = width
    for row, line in enumerate(lines, start=1):
        if line.kind == "title":
            put(worksheet, row, 1, line.cells[0]).font = Font(bold=True, size=16)
            worksheet.row_dimensions[row].height = 24
        elif line.kind == "heading":
            cell = put(worksheet, row, 1, line.cells[0])
            cell.font = Font(bold=True, size=13)
            cell.alignment = Alignment(vertical="bottom")
            worksheet.row_dimensions[row].height = 30  # space above each sheet's section
        elif line.kind == "text":
            cell = put(worksheet, row, 1, line.cells[0])
            cell.alignment = styles["body"]
            worksheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(widths))
            _fit_row(worksheet, row, [(line.cells[0], sum(widths))])
        else:
            for index, text in enumerate(line.cells, start=1):
                cell = put(worksheet, row, index, text or None)
                cell.alignment = styles["body"]
                if line.kind == "header":
                    cell.font = styles["header_font"]
                    cell.fill = styles["header_fill"]
                    cell.border = styles["header_border"]
                elif index == 1:
                    cell.font = styles["header_font"]
            _fit_row(worksheet, row, list(zip(line.cells, widths)))
    _page_setup(worksheet)


# --- package --------------------------------------------------------------------------------


def _pin_package(data: bytes, properties) -> bytes:
    """Rewrite the saved zip with fixed entry times and the pinned document properties."""
    from openpyxl.xml.functions import tostring

    core = tostring(properties.to_tree())
    return repack(data, ZIP_TIME, create_system=3, replace={"docProps/core.xml": core})


def how_written() -> list[str]:
    """docs/workbook.md's section on how this writer lays out an edition workbook, from its own constants."""
    lists = [
        f"| {spec.name} | {column.name} | {', '.join(column.choices)} |"
        for spec in schema.SHEETS
        for column in spec.columns + spec.fields
        if column.choices
    ]
    references = [
        f"| {sheet} | {column} | the {source_column} column of the {source_sheet} sheet |"
        for (sheet, column), (source_sheet, source_column) in schema.REFERENCE_LISTS.items()
    ]
    return [
        "## How reportgen writes a workbook",
        "",
        "`reportgen new` (and every other command that writes a workbook) writes the same layout: the "
        "Instructions sheet first, then every sheet above in this order, each with a bold header row that stays "
        "in view when scrolling, the column widths above, wrapped text, dates shown as "
        f"{DATE_FORMAT}, and the column's help as an input message on its heading. The Edition sheet has one row "
        "a field, with Status and Language filled in with their defaults. The same content always gives a "
        "byte-identical file.",
        "",
        "Drop-down lists of fixed values refuse anything else typed into the cell:",
        "",
        "| Sheet | Column | Values |",
        "|---|---|---|",
        *lists,
        "",
        "Drop-down lists of values typed on another sheet offer those values but accept anything, because a "
        "chapter may also be given by its number; `reportgen validate` reports a value it cannot find:",
        "",
        "| Sheet | Column | Offers |",
        "|---|---|---|",
        *references,
        "",
        f"Every list covers rows 2 to {LIST_ROWS:,} of its column. A list drawn from another sheet offers rows 2 to "
        f"{SOURCE_ROWS} of that sheet's column, or more when the workbook is written with more rows.",
        "",
        "Text that starts with `=`, `+`, `-` or `@` is always written as text, never as a formula, and is marked "
        "so that Excel keeps it as text when the cell is edited. Characters that a workbook cannot hold (control "
        "characters other than tab and line break) are left out; a vertical tab or form feed, which Word uses for "
        "a line or page break, becomes a line break.",
        "",
        "A workbook made by `reportgen next` also has the Previous update column on the Commitments sheet: shaded "
        "grey and locked, on a sheet protected without a password so that only that column is locked.",
    ]
