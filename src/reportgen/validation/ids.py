"""Rules about identifiers: unique and well formed, because editions are compared by them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..core.findings import Finding, error, warning
from ..workbook.reader import as_text
from .registry import Context, rule

ID_PATTERN = re.compile(r"[A-Za-z0-9_-]+")
# (sheet, column, what one row is): the columns whose values other rows and editions refer to.
ID_COLUMNS = (
    ("Commitments", "ID", "commitment"),
    ("Narrative", "ID", "section"),
    ("Metrics", "ID", "figure"),
    ("Charts", "Group", "chart"),
)


@rule("id-malformed", "id-duplicate", needs_model=False)
def identifiers(context: Context) -> Iterator[Finding]:
    """An ID names one row for good: it may hold only letters, digits, - and _, and no two rows may share it.

    Compared without regard to case, because C-001 and c-001 look like the same commitment to a reader.
    """
    for sheet_name, column, noun in ID_COLUMNS:
        sheet = context.raw.sheet(sheet_name)
        if sheet is None or column.casefold() not in sheet.columns:
            continue
        first_row: dict[str, int] = {}
        for row in sheet.rows:
            cell = row.get(column)
            if cell is None or cell.is_blank:
                continue
            typed = as_text(cell.value)
            place = sheet.column_source(column, row.number)
            if not ID_PATTERN.fullmatch(typed):
                bad = sorted({c for c in typed if not ID_PATTERN.fullmatch(c)})
                shown = ", ".join("a space" if c == " " else f"'{c}'" for c in bad)
                suggestion = re.sub(r"[^A-Za-z0-9_-]+", "-", typed.strip()).strip("-") or "MAP-001"
                yield error(
                    "id-malformed",
                    f"{column} '{typed}' contains {shown}; use only letters, digits, - and _, such as {suggestion}",
                    place,
                )
            key = typed.casefold()
            if key in first_row:
                yield error(
                    "id-duplicate",
                    f"{column} '{typed}' is already used on row {first_row[key]}; each "
                    f"{noun} needs its own {column}, never shared or reused",
                    place,
                )
            else:
                first_row[key] = row.number


@rule("glossary-term-duplicate", needs_model=False)
def glossary_terms(context: Context) -> Iterator[Finding]:
    """A term defined twice prints twice in the glossary, perhaps with two meanings."""
    sheet = context.raw.sheet("Glossary")
    if sheet is None or "term" not in sheet.columns:
        return
    first_row: dict[str, int] = {}
    for row in sheet.rows:
        term = row.text("Term")
        if not term:
            continue
        key = " ".join(term.split()).casefold()
        if key in first_row:
            yield warning(
                "glossary-term-duplicate",
                f"'{term}' is already defined on row {first_row[key]}; keep one row for it",
                sheet.column_source("Term", row.number),
            )
        else:
            first_row[key] = row.number
