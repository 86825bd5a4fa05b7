"""Rules about the workbook's shape and cell types, driven entirely by the schema."""

from __future__ import annotations

from collections.abc import Iterator

from rapidfuzz import fuzz, process

from ..core import schema
from ..core.findings import Finding, Source, error, warning
from ..workbook.reader import RawCell, as_date, as_number, as_text, as_yes_no, choice, edition_fields, normalise_header
from .registry import Context, rule


@rule("sheet-missing", "sheet-unknown", needs_model=False)
def sheets_present(context: Context) -> Iterator[Finding]:
    """A required sheet is missing, or a sheet is not one the tool knows (so it would be ignored)."""
    yield from sheet_findings(context.raw, schema.SHEETS, "the workbook", "reportgen new", "reportgen reads")


def sheet_findings(raw, sheets, workbook: str, new_command: str, reads: str) -> Iterator[Finding]:
    """sheet-missing and sheet-unknown for a workbook of `sheets` (an edition's or a meeting's)."""
    for spec in sheets:
        if spec.required and raw.sheet(spec.name) is None:
            yield error(
                "sheet-missing",
                f"{workbook} has no '{spec.name}' sheet; add one with the header row "
                f"{', '.join(c.name for c in spec.columns if not c.locked)} ({new_command} writes a blank "
                "workbook to copy from)",
                Source(spec.name),
            )
    names = [s.name for s in sheets]
    for name in raw.unknown_sheets:
        yield warning(
            "sheet-unknown",
            f"sheet '{name}' is not one {reads}, so nothing on it will be published; "
            f"{_rename_hint(name, names)}, or delete it",
            Source(name),
        )


def _rename_hint(typed: str, names: list[str]) -> str:
    same_word = [name for name in names if _singular(name) == _singular(typed)]  # Glossaries, Commitment
    close = process.extractOne(typed, names, scorer=fuzz.WRatio, processor=str.casefold, score_cutoff=85)
    suggestion = same_word[0] if same_word else close[0] if close is not None else None
    if suggestion is not None:
        return f"did you mean '{suggestion}'? Rename it to that"
    return f"rename it to one of {', '.join(names)}"


def _singular(name: str) -> str:
    word = " ".join(name.split()).casefold()
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") else word


@rule("column-missing", "column-unknown", "column-duplicate", needs_model=False)
def columns_present(context: Context) -> Iterator[Finding]:
    """A required column is missing from a sheet's header row, or a header is unknown or repeated."""
    for sheet in context.raw.sheets.values():
        for column in sheet.spec.columns:
            if column.required is not schema.Required.NO and column.key not in sheet.columns:
                yield error(
                    "column-missing",
                    f"the '{sheet.name}' sheet has no '{column.name}' column; add it to the header row (row 1)",
                    Source(sheet.name, 1),
                )
        names = [c.name for c in sheet.spec.columns]
        for place in sheet.unknown_columns:
            yield warning(
                "column-unknown",
                f"column '{place.header}' is not one reportgen reads, so it will not "
                f"be published; {_rename_hint(place.header or '', names)}",
                place,
            )
        for place in sheet.duplicate_columns:
            yield warning(
                "column-duplicate",
                f"column '{place.header}' appears twice; only the first is read, so delete or rename this one",
                place,
            )


def column_cells(context: Context):
    """(sheet, row, column, cell) for every column of every table row, then every Edition field (row None)."""
    for sheet in context.raw.sheets.values():
        if sheet.spec.fields:
            continue
        for row in sheet.rows:
            for column in sheet.spec.columns:
                yield sheet, row, column, row.get(column.name)
    yield from _edition_field_cells(context)


def _edition_field_cells(context: Context):
    sheet = context.raw.sheet("Edition")
    if sheet is None:
        return
    for key, cell in edition_fields(context.raw).items():
        try:
            spec = schema.EDITION.field(key)
        except KeyError:
            continue
        yield sheet, None, spec, cell


@rule("formula-no-value", needs_model=False)
def formulas_calculated(context: Context) -> Iterator[Finding]:
    """A formula has no cached value, so there is nothing to publish."""
    for sheet, _row, column, cell in column_cells(context):
        if cell is not None and cell.formula is not None and not cell.cached:
            yield error(
                "formula-no-value",
                f"the formula {cell.formula} has no calculated value; open the workbook "
                "in Excel, let it calculate and save it, or type the value instead",
                cell_place(sheet.name, cell, column),
            )


@rule("value-required", needs_model=False)
def required_values(context: Context) -> Iterator[Finding]:
    """A required cell is empty."""
    for sheet, row, column, cell in column_cells(context):
        if column.required is not schema.Required.YES:
            continue
        if cell is None or cell.is_blank:
            if cell is not None and cell.formula is not None:
                continue  # reported as formula-no-value
            if row is None:
                place = cell.source if cell is not None else Source(sheet.name)
                yield error(
                    "value-required",
                    f"the Edition field '{column.name}' is empty; {column.help[0].lower()}"
                    f"{column.help[1:]} For example: {column.example}",
                    cell_place(sheet.name, cell, None, place),
                )
            else:
                place = sheet.column_source(column.name, row.number)
                yield error(
                    "value-required", f"'{column.name}' is empty; {column.help[0].lower()}{column.help[1:]}", place
                )
    sheet = context.raw.sheet("Edition")
    if sheet is not None and "field" in sheet.columns:
        present = edition_fields(context.raw)
        for spec in schema.EDITION.fields:
            if spec.required is schema.Required.YES and spec.key not in present:
                yield error(
                    "value-required",
                    f"the Edition sheet has no '{spec.name}' row; add a row with "
                    f"'{spec.name}' in the Field column and its value beside it (for example {spec.example})",
                    Source(sheet.name),
                )


@rule("edition-field-unknown", "edition-field-duplicate", needs_model=False)
def edition_field_names(context: Context) -> Iterator[Finding]:
    """An Edition row names a field the tool does not know, or names one twice."""
    sheet = context.raw.sheet("Edition")
    if sheet is None:
        return
    known = {f.key for f in schema.EDITION.fields}
    seen: set[str] = set()
    for row in sheet.rows:
        name = row.text("Field")
        if not name:
            continue
        key = normalise_header(name)
        place = sheet.column_source("Field", row.number)
        if key not in known:
            names = [f.name for f in schema.EDITION.fields]
            yield warning(
                "edition-field-unknown",
                f"'{name}' is not an Edition field reportgen reads; {_rename_hint(name, names)}",
                place,
            )
        elif key in seen:
            yield warning(
                "edition-field-duplicate", f"'{name}' is given twice; only the first is used, so delete this row", place
            )
        seen.add(key)


@rule("value-not-in-list", "date-invalid", "number-invalid", "yes-no-invalid", needs_model=False)
def typed_values(context: Context) -> Iterator[Finding]:
    """A cell's value is not of its column's type: a list value, a date, a number, Yes or No."""
    for sheet, _row, column, cell in column_cells(context):
        if cell is None or cell.is_blank or cell.error_value:  # an Excel error value is excel-error
            continue
        place = cell_place(sheet.name, cell, column)
        value = cell.value
        if column.kind is schema.Kind.CHOICE and choice(value, column.choices) is None:
            yield error(
                "value-not-in-list",
                f"'{as_text(value)}' is not allowed in {column.name}; choose one of: {', '.join(column.choices)}",
                place,
            )
        elif column.kind is schema.Kind.DATE and as_date(value) is None:
            yield error(
                "date-invalid",
                f"'{as_text(value)}' in {column.name} is not a date; type a date such as 30/09/2025 or 2025-09-30",
                place,
            )
        elif column.kind is schema.Kind.NUMBER and as_number(value) is None:
            yield error(
                "number-invalid",
                f"'{as_text(value)}' in {column.name} is not a number; type the figure alone, such as 16.0 for 16%",
                place,
            )
        elif column.kind is schema.Kind.YES_NO and as_yes_no(value) is None:
            yield error("yes-no-invalid", f"'{as_text(value)}' in {column.name} is not Yes or No", place)


@rule("macros-ignored", needs_model=False)
def macro_enabled(context: Context) -> Iterator[Finding]:
    """A macro-enabled workbook: read as data; its macros are never run."""
    if context.raw.macro_enabled:
        yield warning(
            "macros-ignored",
            "this is a macro-enabled workbook (.xlsm); its macros were not run and are not needed, so save it as .xlsx",
        )


def cell_place(sheet_name: str, cell: RawCell | None, column, fallback: Source | None = None) -> Source:
    """Where a finding about `cell` points: its cell, headed by its column (or Value on the Edition sheet)."""
    if cell is None:
        return fallback or Source(sheet_name)
    source = cell.source
    header = column.name if column is not None and sheet_name.casefold() != "edition" else "Value"
    return Source(source.sheet, source.row, source.column, header)
