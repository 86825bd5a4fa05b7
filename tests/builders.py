"""Builds edition workbooks in code, so each test states exactly what it needs."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl

from reportgen.core import schema


def valid_sheets() -> dict[str, Any]:
    """A small, complete, valid Draft edition: two chapters, four commitments."""
    return copy.deepcopy(
        {
            "Edition": {
                "Title": "Action Plan for Fairer Policing",
                "Edition": "2025/26 Quarter 2 Update",
                "Period start": dt.date(2025, 7, 1),
                "Period end": dt.date(2025, 9, 30),
                "Publication date": dt.date(2025, 11, 14),
                "Publisher": "Office for Policing and Crime",
                "Status": "Draft",
                "Language": "en-GB",
                "Contact": "actionplan@example.gov.uk",
            },
            "Chapters": [
                {"Number": "1", "Title": "Fairer use of police powers", "Introduction": "How powers are used."},
                {"Number": "2", "Title": "Working together"},
            ],
            "Commitments": [
                {
                    "ID": "C-001",
                    "Ref": "1.1",
                    "Chapter": "1",
                    "Commitment": "Review vehicle stops.",
                    "Status": "In progress",
                    "Update": "The pilot finished in August.",
                    "Approved": "Yes",
                },
                {
                    "ID": "C-002",
                    "Ref": "1.1",
                    "Chapter": "1",
                    "Commitment": "Publish the findings.",
                    "Status": "On track",
                    "Update": "The report is with the board.",
                    "Approved": "Yes",
                },
                {
                    "ID": "C-003",
                    "Ref": "1.2",
                    "Chapter": "1",
                    "Commitment": "Review handcuffing.",
                    "Status": "Complete",
                    "Update": "Training began in October.",
                    "Approved": "Yes",
                    "Notes": "Secret internal note",
                },
                {
                    "ID": "C-004",
                    "Ref": "2.1",
                    "Chapter": "Working together",
                    "Commitment": "Meet schools.",
                    "Status": "On track",
                    "Update": "Twelve meetings were held.",
                    "Approved": "Yes",
                },
            ],
            "Narrative": [
                {
                    "ID": "NAR-INTRO",
                    "Heading": "Introduction",
                    "Body": "This update covers July to September.",
                    "Placement": "Before chapters",
                    "Level": 1,
                },
            ],
            "Metrics": [],
            "Charts": [],
            "Glossary": [],
        }
    )


def write_workbook(path: Path, sheets: dict[str, Any], *, headers: dict[str, list[str]] | None = None) -> Path:
    """Write `sheets` to `path`.

    `sheets` maps a sheet name to a dict of Edition fields or a list of row dicts; a
    value of None leaves the sheet out. Columns follow the schema's order, then any
    extra keys the rows use; `headers` overrides a sheet's header row exactly.
    A row value may be an openpyxl CellRichText, or a (value, hyperlink) tuple.
    """
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, content in sheets.items():
        if content is None:
            continue
        sheet = book.create_sheet(name)
        if isinstance(content, dict):
            columns = (headers or {}).get(name, ["Field", "Value"])
            sheet.append(columns)
            for field, value in content.items():
                sheet.append([field, value])
            continue
        try:
            spec_columns = [c.name for c in schema.sheet(name).columns if not c.locked]
        except KeyError:
            spec_columns = []
        extra = [key for row in content for key in row if key not in spec_columns]
        columns = (headers or {}).get(name) or spec_columns + list(dict.fromkeys(extra))
        sheet.append(columns)
        for row_index, row in enumerate(content, start=2):
            for column_index, column in enumerate(columns, start=1):
                value = row.get(column)
                if isinstance(value, tuple):
                    value, link = value
                    cell = sheet.cell(row_index, column_index, value)
                    cell.hyperlink = link
                else:
                    sheet.cell(row_index, column_index, value)
    path = Path(path)
    book.save(path)
    return path


def make(tmp_path: Path, change=None, name: str = "edition.xlsx", **kwargs) -> Path:
    """A valid edition, optionally changed by `change(sheets)` first, written under tmp_path."""
    sheets = valid_sheets()
    if change is not None:
        change(sheets)
    return write_workbook(tmp_path / name, sheets, **kwargs)
