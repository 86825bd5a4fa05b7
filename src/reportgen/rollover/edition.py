"""`reportgen next`: the next edition's workbook, made from this one.

Everything officers typed is carried over through the one workbook writer: the period
and publication date move on a quarter, the edition label moves on where it follows a
known pattern, the edition becomes a Draft, every Approved goes back to No, and each
Update stays as the starting text and is also kept in the protected Previous update
column, so `validate` can point out every update nobody has touched.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core import schema
from ..core.errors import ReportgenError
from ..core.findings import Finding, Source, error, sort_findings, warning
from ..core.wording import MONTHS, MONTHS_SHORT, long_date, month_number, numeric_date
from ..markup.parse import parse
from ..markup.write import to_markup
from ..runtime.output import check_target
from ..validation.cells import EDITION_DATES, dates_in_range
from ..validation.registry import Context
from ..workbook.instructions import sheet_columns
from ..workbook.reader import LoadedWorkbook, RawCell, RawSheet, as_date, edition_fields, load, rich
from ..workbook.writer import write_workbook

QUARTER_MONTHS = 3


@dataclass
class Rollover:
    """The next edition's content, ready for the writer, and what an officer should know about it."""

    content: dict[str, Any]
    findings: list[Finding] = field(default_factory=list)
    raw: Any = None  # the old workbook's raw tables, for naming its cells
    edition_label: str = ""
    period: tuple[dt.date | None, dt.date | None] = (None, None)
    commitments: int = 0
    complete: int = 0

    @property
    def failed(self) -> bool:
        return any(finding.is_error for finding in self.findings)


def roll_forward(
    source: Path,
    output: Path,
    *,
    period: tuple[dt.date, dt.date] | None = None,
    edition_label: str | None = None,
    overwrite: bool = False,
) -> Rollover:
    """Write the edition after `source` to `output`; never touch `source`, never replace `output` unless
    `overwrite` (--force)."""
    source, output = Path(source), Path(output)
    check_target(output, overwrite, [source], "the workbook being carried over")
    if output.suffix.lower() != ".xlsx":
        raise ReportgenError(f"{output}: the new workbook's name must end in .xlsx")
    plan = plan_next(load(source), period=period, edition_label=edition_label)
    if not plan.failed:
        write_workbook(output, plan.content, overwrite=overwrite, carried_over=True)
    return plan


def refused_for_missing_sheets(raw, sheets) -> Rollover | None:
    """A plan that carries nothing over, when a required sheet is missing (edition and meeting alike)."""
    missing = [spec for spec in sheets if spec.required and raw.sheet(spec.name) is None]
    if not missing:
        return None
    return Rollover(
        {},
        [
            error(
                "sheet-missing",
                f"the workbook has no '{spec.name}' sheet, so there is nothing "
                "to carry over from it; add the sheet and try again",
                Source(spec.name),
            )
            for spec in missing
        ],
    )


def plan_next(
    loaded: LoadedWorkbook, *, period: tuple[dt.date, dt.date] | None = None, edition_label: str | None = None
) -> Rollover:
    """The next edition's content and findings; nothing is written."""
    raw = loaded.raw
    refused = refused_for_missing_sheets(raw, schema.SHEETS)
    if refused is not None:
        return refused
    plan = Rollover({}, raw=raw)
    unusable = _dates_out_of_range(loaded)
    if unusable:  # moving them on would overflow the calendar or the zip format
        plan.findings = unusable
        return plan
    plan.findings.extend(not_carried(raw, schema.EDITION))
    plan.content["Edition"] = _edition(loaded, plan, period, edition_label)
    for spec in schema.SHEETS:
        if spec.fields or raw.sheet(spec.name) is None:
            continue
        plan.content[spec.name] = [row_values(raw.sheet(spec.name), row, plan) for row in raw.sheet(spec.name).rows]
    _reset_commitments(plan)
    plan.findings.extend(_old_period_mentioned(loaded, plan))
    plan.findings = sort_findings(plan.findings, schema.SHEET_ORDER)
    return plan


def _dates_out_of_range(loaded: LoadedWorkbook) -> list[Finding]:
    return [
        finding
        for finding in dates_in_range(Context(loaded.raw, loaded.edition))
        if finding.source.sheet == schema.EDITION.name
    ]


# --- the Edition sheet ---------------------------------------------------------------------


def field_values(raw, fields_sheet: schema.Sheet, plan: Rollover) -> dict[str, Any]:
    """The values of a Field/Value sheet (the Edition sheet, or a meeting's Meeting sheet) as the writer takes them."""
    fields = edition_fields(raw, fields_sheet.name)
    values: dict[str, Any] = {}
    for spec in fields_sheet.fields:
        cell = fields.get(spec.key)
        if cell is not None:
            values[spec.name] = _value(cell, spec, plan)
    return values


def _edition(loaded: LoadedWorkbook, plan: Rollover, period, edition_label) -> dict[str, Any]:
    values = field_values(loaded.raw, schema.EDITION, plan)
    old = loaded.edition
    start, end = old.period_start, old.period_end
    if period is not None:
        new_start, new_end = period
    elif end is not None:
        new_start, new_end = end + dt.timedelta(days=1), add_months(end, QUARTER_MONTHS)
    else:
        new_start = new_end = None
        plan.findings.append(
            warning(
                "next-period-kept",
                "the Period end is not a date, so the period could not be "
                "moved on; type this edition's Period start and Period end, or give "
                "--period START:END",
                field_place(schema.EDITION, "Period end"),
            )
        )
    months = _months_between(end, new_end) if end is not None and new_end is not None else QUARTER_MONTHS
    if new_start is not None:
        values["Period start"], values["Period end"] = new_start, new_end
    plan.period = (new_start, new_end) if new_start is not None else (start, end)

    published = old.publication_date
    if published is not None and new_start is not None:
        moved = add_months(published, months)
        values["Publication date"] = moved
        plan.findings.append(
            warning(
                "next-publication-date-moved",
                f"the Publication date moved on {months} months to "
                f"{long_date(moved)}; change it if this edition is published on another day",
                field_place(schema.EDITION, "Publication date"),
            )
        )

    label = old.edition
    if edition_label is not None:
        new_label = edition_label.strip()
    else:
        new_label = next_label(label, months) if label else None
        if new_label is None:
            new_label = label
            if not label:
                what = "it is empty"
            elif months % QUARTER_MONTHS and next_label(label) is not None:
                what = f"the period moved on {months} months, not a whole number of quarters"
            else:
                what = f"'{label}' does not follow a pattern reportgen knows"
            plan.findings.append(
                warning(
                    "next-edition-label-kept",
                    f"the Edition label was left as it was because {what}; type this "
                    "edition's label, such as 2025/26 Quarter 3 Update, or give --edition",
                    field_place(schema.EDITION, "Edition"),
                )
            )
    values["Edition"] = new_label
    plan.edition_label = new_label
    values["Status"] = "Draft"
    return values


def field_place(fields_sheet: schema.Sheet, name: str) -> Source:
    """The Value cell of a field in the written workbook (fields are written in schema order)."""
    row = 2 + [spec.key for spec in fields_sheet.fields].index(name.casefold())
    return Source(fields_sheet.name, row, 2, "Value")


# --- tables --------------------------------------------------------------------------------


def row_values(sheet: RawSheet, row, plan: Rollover) -> dict[str, Any]:
    """A table row's values as the writer takes them; locked columns are the writer's to fill."""
    values: dict[str, Any] = {}
    for column in sheet.spec.columns:
        if column.locked:
            continue
        cell = row.get(column.name)
        if cell is not None:
            values[column.name] = _value(cell, column, plan)
    return values


def _value(cell: RawCell, column: schema.Column, plan: Rollover) -> Any:
    """A cell's value as the writer takes it; rich text with Excel formatting or a link becomes markup."""
    if cell.formula is not None and not cell.cached:
        plan.findings.append(
            warning(
                "next-not-carried",
                f"the formula {cell.formula} had no calculated value, "
                "so the cell was left empty in the new workbook; type its value there",
                _old_place(plan.raw, cell.source),
            )
        )
        return None
    if cell.is_blank:
        return None
    if column.kind is schema.Kind.RICH and (cell.runs or cell.hyperlink):
        return to_markup(rich(cell))
    return cell.value


def _reset_commitments(plan: Rollover) -> None:
    rows = plan.content.get("Commitments", [])
    plan.commitments = len(rows)
    for index, row in enumerate(rows):
        row["Approved"] = "No"
        row["Previous update"] = row.get("Update")
        status = row.get("Status")
        if isinstance(status, str) and status.strip().casefold() == "complete":
            plan.complete += 1
            name = row.get("ID") or f"the commitment on row {index + 2}"
            plan.findings.append(
                warning(
                    "next-complete-kept",
                    f"{name} was marked Complete last edition and is kept; check its update still "
                    "reads right, or delete its row if the plan no longer reports on it",
                    _place(schema.COMMITMENTS, index, "Status"),
                )
            )


def _place(spec: schema.Sheet, index: int, column: str) -> Source:
    """Where the writer puts row `index` (0-based) of `column` in the new workbook."""
    names = [c.key for c in sheet_columns(spec, carried_over=True)]
    return Source(spec.name, index + 2, names.index(column.casefold()) + 1, spec.column(column).name)


def _old_place(raw, source: Source) -> Source:
    """A place in the old workbook, named with its file so it is not mistaken for the new one."""
    return Source(source.sheet, source.row, source.column, source.header, f"{raw.path.name}: {source.describe()}")


def not_carried(raw, fields_sheet: schema.Sheet) -> list[Finding]:
    """Sheets, columns and fields (of the Edition sheet, or a meeting's Meeting sheet) the writer has no place
    for, so the officer knows they were left."""
    findings = []
    for name in raw.unknown_sheets:
        findings.append(
            warning(
                "next-not-carried",
                f"sheet '{name}' is not one reportgen reads, so it was not "
                "copied to the new workbook; copy it across yourself if you need it",
                _old_place(raw, Source(name)),
            )
        )
    for sheet in raw.sheets.values():
        for place in sheet.unknown_columns:
            findings.append(
                warning(
                    "next-not-carried",
                    f"column '{place.header}' is not one reportgen reads, so it was not copied to the new workbook",
                    _old_place(raw, place),
                )
            )
    known = {spec.key for spec in fields_sheet.fields}
    sheet = raw.sheet(fields_sheet.name)
    if sheet is not None:
        for row in sheet.rows:
            name = row.text("Field")
            if name and " ".join(name.split()).casefold() not in known:
                findings.append(
                    warning(
                        "next-not-carried",
                        f"the {fields_sheet.name} field '{name}' is not one reportgen reads, "
                        "so it was not copied to the new workbook",
                        _old_place(raw, sheet.column_source("Field", row.number)),
                    )
                )
    return findings


def _old_period_mentioned(loaded: LoadedWorkbook, plan: Rollover) -> list[Finding]:
    """Boilerplate that names the old edition (an introduction's "This is the Quarter 2 update")."""
    old = loaded.edition
    phrases = [old.edition] if old.edition and old.edition != plan.edition_label else []
    if old.period_start and old.period_end and plan.period[1] != old.period_end:
        phrases.append(
            f"{MONTHS[old.period_start.month - 1]} to {MONTHS[old.period_end.month - 1]} {old.period_end.year}"
        )
    if not phrases:
        return []
    findings = []
    for spec, columns in ((schema.NARRATIVE, ("Heading", "Body")), (schema.CHAPTERS, ("Introduction",))):
        for index, row in enumerate(plan.content.get(spec.name, [])):
            for column in columns:
                value = row.get(column)
                if not isinstance(value, str):
                    continue
                plain = " ".join(parse(value).plain_text().split()).casefold()
                said = next((phrase for phrase in phrases if phrase.casefold() in plain), None)
                if said is not None:
                    findings.append(
                        warning(
                            "next-mentions-last-edition",
                            f"this text still says '{said}'; update it for the new edition",
                            _place(spec, index, column),
                        )
                    )
    subject = plan.content["Edition"].get("Subject")
    if isinstance(subject, str) and any(phrase.casefold() in subject.casefold() for phrase in phrases):
        findings.append(
            warning(
                "next-mentions-last-edition",
                "the Subject still names the last edition; update it "
                "for the new edition, or clear it to have one written",
                field_place(schema.EDITION, "Subject"),
            )
        )
    return findings


# --- dates and labels ----------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved on `months` months; the last day of a month stays the last day (30 Sep -> 31 Dec)."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    month += 1
    last = calendar.monthrange(year, month)[1]
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return dt.date(year, month, last)
    return dt.date(year, month, min(day.day, last))


def _months_between(old_end: dt.date, new_end: dt.date) -> int:
    return (new_end.year - old_end.year) * 12 + new_end.month - old_end.month


def parse_period(text: str) -> tuple[dt.date, dt.date]:
    """'2025-10-01:2025-12-31' (or 01/10/2025:31/12/2025) as two dates; ReportgenError if it is not."""
    parts = text.split(":")
    if len(parts) != 2:
        raise ReportgenError(f"--period: '{text}' is not START:END; give two dates such as 2025-10-01:2025-12-31")
    start, end = (as_date(part.strip()) for part in parts)
    for part, value in zip(parts, (start, end)):
        if value is None:
            raise ReportgenError(
                f"--period: '{part.strip()}' is not a date; type dates such as 2025-10-01 or 01/10/2025"
            )

        earliest, latest = EDITION_DATES
        if value is not None and not earliest <= value <= latest:
            raise ReportgenError(
                f"--period: '{part.strip()}' is not a plausible date for an edition; it must fall "
                f"between {earliest.year} and {latest.year}"
            )
    if end < start:
        raise ReportgenError(f"--period: the end ({numeric_date(end)}) is before the start ({numeric_date(start)})")
    return start, end


_MONTH_PATTERN = re.compile(
    r"\b(?P<month>"
    + "|".join(MONTHS)
    + r"|Sept|"
    + "|".join(MONTHS_SHORT)
    + r")\b(?P<dot>\.?)(?P<year>\s+(?:19|20)\d{2}\b(?![/\-–]\d))?",
    re.IGNORECASE,
)
_QUARTER_PATTERN = re.compile(r"\b(?P<word>Quarter|Qtr|Q)(?P<space>\s*)(?P<number>[1-4])\b", re.IGNORECASE)
_FINANCIAL_YEAR = re.compile(r"(?<!\d)(?P<first>(?:19|20)\d{2})(?P<sep>\s*[/\-–]\s*)(?P<second>\d{4}|\d{2})(?!\d)")
_CALENDAR_YEAR = re.compile(r"(?<![\d/\-–])(?P<year>(?:19|20)\d{2})(?![\d/\-–])")


def next_label(label: str, months: int = QUARTER_MONTHS) -> str | None:
    """The label of the edition `months` months on, or None when the label follows no known pattern.

    "2021/22 Quarter 2 Update" -> "2021/22 Quarter 3 Update"; Quarter 4 moves to Quarter 1 of
    the next UK financial year; "Q2 2021" steps calendar quarters; "September 2021 Update"
    moves three months to "December 2021 Update".
    """
    quarter = _QUARTER_PATTERN.search(label)
    has_month = any(_is_month(match) for match in _MONTH_PATTERN.finditer(label))
    if quarter is None and not has_month:
        return None
    if quarter is not None and months % QUARTER_MONTHS:
        return None  # a quarter label cannot follow a period that moved part of a quarter
    result = label
    if quarter is not None:
        # Where months name the period, they carry the year; the quarter only moves a financial year.
        result = _step_quarter(result, quarter, months // QUARTER_MONTHS, calendar_years=not has_month)
    if has_month:
        result = _MONTH_PATTERN.sub(lambda match: _shift_month(match, months) if _is_month(match) else match[0], result)
    return result if result != label else None


def _is_month(match: re.Match) -> bool:
    # "may" and "mar" in lower case are words, not months.
    return match["month"][0].isupper()


def _step_quarter(label: str, match: re.Match, steps: int, calendar_years: bool) -> str:
    number = int(match["number"]) - 1 + steps
    years, number = divmod(number, 4)
    label = f"{label[: match.start('number')]}{number + 1}{label[match.end('number') :]}"
    if not years:
        return label
    financial = _FINANCIAL_YEAR.search(label)
    if financial is not None:
        first = int(financial["first"]) + years
        width = len(financial["second"])
        second = str(first + 1)[-width:]
        return f"{label[: financial.start()]}{first}{financial['sep']}{second}{label[financial.end() :]}"
    calendar_year = _CALENDAR_YEAR.search(label) if calendar_years else None
    if calendar_year is not None:
        year = int(calendar_year["year"]) + years
        return f"{label[: calendar_year.start()]}{year}{label[calendar_year.end() :]}"
    return label


def _shift_month(match: re.Match, months: int) -> str:
    typed = match["month"]
    index = month_number(typed[:3]) - 1
    years, new_index = divmod(index + months, 12)
    name = MONTHS[new_index]
    if typed.casefold() not in (full.casefold() for full in MONTHS):
        name = "Sept" if new_index == 8 and len(typed) == 4 else name[:3]  # abbreviated stays abbreviated
    if typed.isupper() and len(typed) > 1:
        name = name.upper()
    text = name + match["dot"]
    if match["year"]:
        year = match["year"].strip()
        text += match["year"].replace(year, str(int(year) + years))
    return text
