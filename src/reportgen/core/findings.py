"""Findings: what a check reports, where, and how to print them as text or JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Source:
    """Where something came from: a sheet and, where known, a row and column.

    Readers of other formats (DOCX import, document checks) reuse `sheet` for the
    part of the document and leave row/column empty, putting the place in `where`.
    """

    sheet: str | None = None
    row: int | None = None
    column: int | None = None  # 1-based column index
    header: str | None = None  # the column's header text as typed in the workbook
    where: str | None = None  # free-form place for non-workbook sources ("page 3, Table 2")
    # The words at that place, for a document check's finding, so a build can name the workbook cell they came from.
    quote: str | None = field(default=None, compare=False, repr=False)

    @property
    def cell(self) -> str | None:
        if self.row is None or self.column is None:
            return None
        return f"{column_letter(self.column)}{self.row}"

    def at_column(self, column: int, header: str | None = None) -> Source:
        return Source(self.sheet, self.row, column, header, self.where)

    def describe(self) -> str:
        if self.where:
            return self.where
        if self.sheet is None:
            return "workbook"
        if self.cell:
            return f"{self.sheet}!{self.cell}"
        if self.row is not None:
            return f"{self.sheet}!{self.row}:{self.row}"
        return self.sheet


def column_letter(index: int) -> str:
    letters = ""
    while index > 0:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


@dataclass(frozen=True)
class Finding:
    severity: Severity
    code: str
    message: str
    source: Source = field(default_factory=Source)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_text(self) -> str:
        return f"{self.source.describe()}: {self.severity.value} [{self.code}]: {self.message}"

    def as_dict(self) -> dict:
        return {
            "severity": self.severity.value,
            "code": self.code,
            "sheet": self.source.sheet,
            "cell": self.source.cell,
            "row": self.source.row,
            "column": self.source.header,
            "where": self.source.where,
            "message": self.message,
        }


def error(code: str, message: str, source: Source | None = None) -> Finding:
    return Finding(Severity.ERROR, code, message, source or Source())


def warning(code: str, message: str, source: Source | None = None) -> Finding:
    return Finding(Severity.WARNING, code, message, source or Source())


def sort_findings(findings: Iterable[Finding], sheet_order: Sequence[str] = ()) -> list[Finding]:
    """Sort by sheet (workbook-level first, then in `sheet_order`, then by name), row, column."""
    order = {name.casefold(): index for index, name in enumerate(sheet_order)}

    def key(finding: Finding):
        source = finding.source
        sheet = source.sheet
        sheet_key = (-1, "") if sheet is None else (order.get(sheet.casefold(), len(order)), sheet.casefold())
        return (
            sheet_key,
            source.row if source.row is not None else 0,
            source.column if source.column is not None else 0,
            source.where or "",
            finding.code,
            finding.message,
        )

    # Duplicate findings (one cell reached by two paths) would only be noise.
    unique = list(dict.fromkeys(findings))
    return sorted(unique, key=key)


def count(findings: Iterable[Finding]) -> tuple[int, int]:
    errors = warnings = 0
    for finding in findings:
        if finding.is_error:
            errors += 1
        else:
            warnings += 1
    return errors, warnings


def to_json(findings: Sequence[Finding], **extra) -> str:
    errors, warnings = count(findings)
    document = {"findings": [f.as_dict() for f in findings], "errors": errors, "warnings": warnings}
    document.update(extra)
    return json.dumps(document, indent=2, ensure_ascii=False)


def to_text(findings: Sequence[Finding]) -> str:
    return "\n".join(f.as_text() for f in findings)


def summary_line(findings: Sequence[Finding], subject: str) -> str:
    errors, warnings = count(findings)
    if not errors and not warnings:
        return f"{subject}: no problems found"
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return f"{subject}: {' and '.join(parts)}"
