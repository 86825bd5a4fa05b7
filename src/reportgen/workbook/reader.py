"""Reads an edition workbook into raw tables (every cell with its place) and then the model.

Reading is lenient: it never decides what is wrong. The validation rules look at the
raw tables and the model and say what is wrong, all in one run.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core import schema
from ..core.errors import ReportgenError
from ..core.findings import Source
from ..core.model import Chapter, Chart, Commitment, Edition, GlossaryEntry, Metric, NarrativeSection, RefGroup
from ..core.richtext import EMPTY, RichText
from ..core.wording import month_number
from ..markup.parse import Run, parse
from .safety import read_workbook_bytes

# Excel refuses to store more in one cell; a longer one comes from some other program.
EXCEL_CELL_CHARACTERS = 32_767


@dataclass
class RawCell:
    value: Any
    source: Source
    formula: str | None = None  # the formula, when the cell holds one
    cached: bool = True  # False: a formula Excel never calculated (no cached value)
    runs: tuple[Run, ...] | None = None
    hyperlink: str | None = None
    number_format: str = "General"
    error_value: bool = False  # Excel stored an error value (#N/A, #REF!...), not text or a number

    @property
    def is_blank(self) -> bool:
        return _blank(self.value)

    @property
    def text(self) -> str | None:
        return None if self.is_blank else as_text(self.value)


@dataclass
class RawRow:
    number: int
    cells: dict[str, RawCell]  # by column key (the schema column's casefolded name)

    def get(self, column: str) -> RawCell | None:
        return self.cells.get(column.casefold())

    def text(self, column: str) -> str | None:
        cell = self.get(column)
        return None if cell is None else cell.text


@dataclass
class RawSheet:
    name: str  # as named in the workbook
    spec: schema.Sheet
    columns: dict[str, tuple[int, str]] = field(default_factory=dict)  # key -> (index, header as typed)
    unknown_columns: list[Source] = field(default_factory=list)
    duplicate_columns: list[Source] = field(default_factory=list)
    rows: list[RawRow] = field(default_factory=list)
    # Columns with data under a blank header: not read, so their data would be lost without a word.
    headerless_columns: list[Source] = field(default_factory=list)
    state: str = "visible"  # or "hidden", "veryHidden": read and published all the same

    def column_source(self, column: str, row: int | None = None) -> Source:
        index, header = self.columns.get(column.casefold(), (None, column))
        return Source(self.name, row, index, header)


@dataclass
class RawWorkbook:
    path: Path
    sheets: dict[str, RawSheet]  # by schema sheet key
    unknown_sheets: list[str]
    sheet_names: list[str]
    macro_enabled: bool = False

    def sheet(self, name: str) -> RawSheet | None:
        return self.sheets.get(name.casefold())


@dataclass
class LoadedWorkbook:
    raw: RawWorkbook
    edition: Edition


def load(path: str | Path) -> LoadedWorkbook:
    """Read `path` into raw tables and the model; raise ReportgenError if it cannot be read at all."""
    raw = read_raw(Path(path))
    return LoadedWorkbook(raw, build_edition(raw))


def read_raw(path: Path, kind: schema.Book = schema.EDITION_BOOK) -> RawWorkbook:
    """The raw tables of the sheets `book` describes (the edition workbook's by default)."""
    data, macro_enabled = read_workbook_bytes(path)
    book = _open(path, data, data_only=False)
    try:
        cached_book = None
        sheets: dict[str, RawSheet] = {}
        unknown: list[str] = []
        for worksheet in book.worksheets:
            key = " ".join(worksheet.title.split()).casefold()
            spec = next((s for s in kind.sheets if s.key == key), None)
            if spec is None:
                if key not in (name.casefold() for name in schema.IGNORED_SHEETS):
                    unknown.append(worksheet.title)
                continue
            if spec.key in sheets:
                unknown.append(worksheet.title)
                continue
            if cached_book is None and _has_formulas(worksheet):
                cached_book = _open(path, data, data_only=True)
            cached_sheet = cached_book[worksheet.title] if cached_book is not None else None
            try:
                sheets[spec.key] = _read_sheet(worksheet, spec, cached_sheet)
            except ReportgenError as exc:  # a cell that cannot be read: name the file as well
                raise ReportgenError(f"{path}: {exc.message}") from None
            sheets[spec.key].state = worksheet.sheet_state or "visible"
        return RawWorkbook(path, sheets, unknown, list(book.sheetnames), macro_enabled)
    finally:
        book.close()


def _open(path: Path, data: bytes, data_only: bool):
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():
            # openpyxl warns about Excel features it does not read (slicers, extensions);
            # they do not affect the content we publish.
            warnings.simplefilter("ignore")
            # From the checked bytes, not the path: the file cannot change after the checks, and
            # openpyxl does not refuse a good workbook for its name (edition.XLSX, a renamed .xls).
            return openpyxl.load_workbook(
                io.BytesIO(data), data_only=data_only, rich_text=True, keep_vba=False, keep_links=False
            )
    except (
        InvalidFileException,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        TypeError,
        IndexError,
        AttributeError,
        OSError,
        SyntaxError,
    ) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ReportgenError(f"{path}: the workbook could not be read ({detail}); save it again from Excel") from None
    except Exception as exc:  # lxml and the XML parsers raise their own types
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ReportgenError(f"{path}: the workbook could not be read ({detail}); save it again from Excel") from None


def _stored_cells(worksheet) -> dict[int, list]:
    """The cells the file holds, by row number, in column order.

    Not iter_rows(): it creates every cell of the rectangle up to the furthest one, so a
    single value typed in XFD1048576 would make it build seventeen billion cells.
    """
    rows: dict[int, list] = {}
    for (row, _column), cell in sorted(worksheet._cells.items()):
        rows.setdefault(row, []).append(cell)
    return rows


def _has_formulas(worksheet) -> bool:
    return any(cell.data_type == "f" for cell in worksheet._cells.values())


def normalise_header(text: Any) -> str:
    return " ".join(str(text).split()).casefold() if text is not None else ""


def _read_sheet(worksheet, spec: schema.Sheet, cached_sheet) -> RawSheet:
    raw = RawSheet(worksheet.title, spec)
    rows = _stored_cells(worksheet)
    header_row = rows.pop(1, [])  # the contract: row 1 is the header row
    known = {column.key for column in spec.columns}
    by_index: dict[int, str] = {}
    headed: set[int] = set()
    for cell in header_row:
        header = cell.value
        if header is None or not str(header).strip():
            continue
        headed.add(cell.column)
        key = normalise_header(header)
        place = Source(worksheet.title, 1, cell.column, str(header).strip())
        if key in known and key not in raw.columns:
            raw.columns[key] = (cell.column, str(header).strip())
            by_index[cell.column] = key
        elif key in known:
            raw.duplicate_columns.append(place)
        else:
            raw.unknown_columns.append(place)
    rich_columns = {c.key for c in spec.columns if c.kind is schema.Kind.RICH}
    headerless: dict[int, Source] = {}
    for row_number, row in rows.items():
        cells: dict[str, RawCell] = {}
        for cell in row:
            key = by_index.get(cell.column)
            if key is None:
                if cell.column not in headed and cell.column not in headerless and not _blank(cell.value):
                    headerless[cell.column] = Source(worksheet.title, row_number, cell.column)
                continue
            cells[key] = _read_cell(worksheet.title, cell, key in rich_columns, cached_sheet, raw.columns[key][1])
        if not cells or all(c.is_blank for c in cells.values()):
            continue
        raw.rows.append(RawRow(row_number, cells))
    raw.headerless_columns = [headerless[index] for index in sorted(headerless)]
    return raw


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_cell(sheet_name: str, cell, rich: bool, cached_sheet, header: str | None = None) -> RawCell:
    from openpyxl.cell.rich_text import CellRichText, TextBlock

    source = Source(sheet_name, cell.row, cell.column, header)
    value = cell.value
    formula = None
    cached = True
    runs = None
    error_value = cell.data_type == "e"
    if cell.data_type == "f":
        formula = value if isinstance(value, str) else getattr(value, "text", str(value))
        cached_cell = cached_sheet.cell(cell.row, cell.column) if cached_sheet is not None else None
        value = cached_cell.value if cached_cell is not None else None
        cached = value is not None
        error_value = cached_cell is not None and cached_cell.data_type == "e"
    if isinstance(value, CellRichText):
        runs = []
        for block in value:
            if isinstance(block, TextBlock):
                font = block.font
                runs.append(
                    Run(block.text, bold=bool(font.b), italic=bool(font.i), underline=bool(font.u) and font.u != "none")
                )
            else:
                runs.append(Run(str(block)))
        value = "".join(run.text for run in runs)
        if not any(run.bold or run.italic or run.underline for run in runs):
            runs = None
    if rich and runs is None and isinstance(value, str) and cell.has_style:
        font = cell.font
        if font is not None and (font.b or font.i or (font.u and font.u != "none")):
            runs = [Run(value, bold=bool(font.b), italic=bool(font.i), underline=bool(font.u) and font.u != "none")]
    if isinstance(value, str) and len(value) > EXCEL_CELL_CHARACTERS:
        raise ReportgenError(
            f"{source.describe()}: the cell holds {len(value):,} characters, more than Excel "
            f"allows ({EXCEL_CELL_CHARACTERS:,}), so the workbook was not saved by Excel; "
            "shorten the cell and save it again from Excel"
        )
    hyperlink = None
    if cell.hyperlink is not None:
        hyperlink = cell.hyperlink.target or (f"#{cell.hyperlink.location}" if cell.hyperlink.location else None)
    return RawCell(
        value,
        source,
        formula,
        cached,
        tuple(runs) if runs else None,
        hyperlink,
        cell.number_format or "General",
        error_value,
    )


# --- values -------------------------------------------------------------------------


def as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).split()) if isinstance(value, str) and "\n" not in value else str(value).strip()


def as_date(value: Any) -> dt.date | None:
    """A date from a date cell, or from text in a form officers type (ISO, 30/09/2025, 30 September 2025)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        match = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text)
        if match:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})", text)
        if match and (month := month_number(match[2])):
            return dt.date(int(match[3]), month, int(match[1]))
    except ValueError:
        return None
    return None


def as_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        try:
            number = float(text)
        except ValueError:
            return None
        # float() reads "nan" and "inf"; no statistic is either, and neither can be printed or drawn.
        return number if number not in (float("inf"), float("-inf")) and number == number else None
    return None


def as_yes_no(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = value.strip().casefold()
        if text in ("yes", "y", "true"):
            return True
        if text in ("no", "n", "false"):
            return False
    return None


def choice(value: Any, choices: tuple[str, ...]) -> str | None:
    """The list value matching `value` regardless of case and spacing, or None."""
    if value is None:
        return None
    wanted = " ".join(as_text(value).split()).casefold()
    for option in choices:
        if option.casefold() == wanted:
            return option
    return None


# --- model ----------------------------------------------------------------------------


def rich(cell: RawCell | None) -> RichText:
    if cell is None or cell.is_blank:
        return EMPTY if cell is None else RichText((), "", cell.source)
    text = cell.value if isinstance(cell.value, str) else as_text(cell.value)
    return parse(text, cell.source, runs=cell.runs, hyperlink=cell.hyperlink)


def cell_sources(sheet: RawSheet, row: RawRow) -> dict[str, Source]:
    return {key: sheet.column_source(key, row.number) for key in sheet.columns}


def edition_fields(raw: RawWorkbook, sheet_name: str = "Edition") -> dict[str, RawCell]:
    """A Field/Value sheet's values by field key (first row wins; the rules report repeats): the
    Edition sheet, or a meeting workbook's Meeting sheet."""
    sheet = raw.sheet(sheet_name)
    found: dict[str, RawCell] = {}
    if sheet is None:
        return found
    for row in sheet.rows:
        name = row.text("Field")
        value = row.get("Value") or RawCell(None, sheet.column_source("Value", row.number))
        if name:
            found.setdefault(normalise_header(name), value)
    return found


def build_edition(raw: RawWorkbook) -> Edition:
    edition = Edition(file_name=raw.path.name)
    fields = edition_fields(raw)
    for key, cell in fields.items():
        edition.field_sources[key] = cell.source

    def text(name: str) -> str | None:
        cell = fields.get(name.casefold())
        return cell.text if cell is not None else None

    def date(name: str) -> dt.date | None:
        cell = fields.get(name.casefold())
        return as_date(cell.value) if cell is not None else None

    edition.title = text("Title") or ""
    edition.edition = text("Edition") or ""
    edition.period_start = date("Period start")
    edition.period_end = date("Period end")
    edition.publication_date = date("Publication date")
    edition.publisher = text("Publisher") or ""
    edition.status = choice(text("Status"), schema.EDITION_STATUSES) or "Draft"
    edition.language = text("Language") or "en-GB"
    edition.author = text("Author")
    edition.subject = text("Subject")
    edition.keywords = text("Keywords")
    edition.contact = text("Contact")

    chapters = raw.sheet("Chapters")
    for row in chapters.rows if chapters else []:
        title = row.text("Title")
        if not title:
            continue
        edition.chapters.append(
            Chapter(
                number=row.text("Number"),
                title=title,
                introduction=rich(row.get("Introduction")),
                source=Source(chapters.name, row.number),
            )
        )

    commitments = raw.sheet("Commitments")
    for row in commitments.rows if commitments else []:
        commitment = Commitment(
            id=row.text("ID") or "",
            ref=row.text("Ref"),
            chapter=row.text("Chapter") or "",
            commitment=rich(row.get("Commitment")),
            update=rich(row.get("Update")),
            lead=row.text("Lead"),
            status=choice(row.text("Status"), schema.STATUSES) or row.text("Status"),
            approved=as_yes_no(row.get("Approved").value) if row.get("Approved") else None,
            notes=row.text("Notes"),
            previous_update=rich(row.get("Previous update")),
            source=Source(commitments.name, row.number),
            cells=cell_sources(commitments, row),
        )
        chapter = edition.find_chapter(commitment.chapter)
        if chapter is None:
            edition.unplaced.append(commitment)
            continue
        groups = chapter.ref_groups
        if groups and commitment.ref and groups[-1].ref == commitment.ref:
            groups[-1].commitments.append(commitment)
        else:
            groups.append(RefGroup(commitment.ref, [commitment]))

    narrative = raw.sheet("Narrative")
    for row in narrative.rows if narrative else []:
        level_text = row.text("Level")
        level = int(level_text) if level_text in schema.LEVELS else 1
        edition.narrative.append(
            NarrativeSection(
                id=row.text("ID") or "",
                heading=row.text("Heading") or "",
                body=rich(row.get("Body")),
                placement=choice(row.text("Placement"), schema.PLACEMENTS) or "Before chapters",
                level=level,
                source=Source(narrative.name, row.number),
                cells=cell_sources(narrative, row),
            )
        )

    metrics = raw.sheet("Metrics")
    for row in metrics.rows if metrics else []:
        edition.metrics.append(
            Metric(
                id=row.text("ID") or "",
                label=row.text("Label") or "",
                value=as_number(row.get("Value").value) if row.get("Value") else None,
                unit=choice(row.text("Unit"), schema.UNITS) or (row.text("Unit") or ""),
                chart=row.text("Chart"),
                category=row.text("Category"),
                of=row.text("Of"),
                as_at=as_date(row.get("As at").value) if row.get("As at") else None,
                source_note=row.text("Source"),
                source=Source(metrics.name, row.number),
                cells=cell_sources(metrics, row),
            )
        )

    charts = raw.sheet("Charts")
    for row in charts.rows if charts else []:
        edition.charts.append(
            Chart(
                group=row.text("Group") or "",
                title=row.text("Title") or "",
                type=choice(row.text("Type"), schema.CHART_TYPES) or (row.text("Type") or ""),
                chapter=row.text("Chapter"),
                description=rich(row.get("Description")),
                source=Source(charts.name, row.number),
                cells=cell_sources(charts, row),
            )
        )

    glossary = raw.sheet("Glossary")
    for row in glossary.rows if glossary else []:
        term = row.text("Term")
        if term:
            edition.glossary.append(GlossaryEntry(term, row.text("Meaning") or "", Source(glossary.name, row.number)))
    return edition
