"""Rules about cells that read without complaint but would publish something wrong or fail a
check later: Excel error values, dates outside any plausible edition, dates typed ambiguously,
image markup, typed bullets in text that cannot be a list, and Narrative levels that skip one."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ..core import schema
from ..core.findings import Finding, error, warning
from ..core.richtext import Paragraph, inline_text
from ..core.typed_lists import TYPED_BULLET
from ..core.wording import long_date, numeric_date
from ..workbook.reader import RawCell, as_date, as_text
from .registry import Context, rule
from .structure import cell_place, column_cells
from .texts import published_texts

# What Excel shows when a formula fails; pasted as values, or saved by another program as text,
# they arrive as words and would be published as they are.
EXCEL_ERRORS = frozenset(
    {
        "#NULL!",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#N/A",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
    }
)

# The dates an edition can plausibly carry. Outside them a date is a typo (2205 for 2025), or
# a number in a date-formatted cell (-5 shows as 25 December 1899); the writers fail there
# too: a zip file cannot store a date after 2107, and `reportgen next` moves dates on.
EDITION_DATES = (dt.date(1990, 1, 1), dt.date(2099, 12, 31))
# A figure may describe an earlier year (a census), so As at reaches further back.
FIGURE_DATES = (dt.date(1900, 1, 1), dt.date(2099, 12, 31))

_DAY_MONTH = re.compile(r"\s*(\d{1,2})([/.])(\d{1,2})\2(\d{4})\s*")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")


def is_excel_error(cell: RawCell | None) -> bool:
    if cell is None or cell.value is None:
        return False
    return cell.error_value or (isinstance(cell.value, str) and cell.value.strip().upper() in EXCEL_ERRORS)


@rule("excel-error", needs_model=False)
def excel_errors(context: Context) -> Iterator[Finding]:
    """An Excel error value (#N/A, #REF!, #DIV/0!...) is a failed formula, not content; it would be published as is."""
    for sheet, _row, column, cell in column_cells(context):
        if column.published and is_excel_error(cell):
            typed = as_text(cell.value).strip()
            cause = f"the formula {cell.formula} fails" if cell.formula else "it was copied from a formula that failed"
            yield error(
                "excel-error",
                f"'{typed}' is an Excel error value ({cause}), and would be published as "
                f"it is; correct the formula or type the {column.name} itself",
                cell_place(sheet.name, cell, column),
            )


@rule("date-out-of-range", needs_model=False)
def dates_in_range(context: Context) -> Iterator[Finding]:
    """A date outside any plausible edition is a typo or a number in a date cell; the writers cannot store some."""
    for sheet, row, column, cell in column_cells(context):
        if column.kind is not schema.Kind.DATE or cell is None or cell.is_blank or is_excel_error(cell):
            continue
        day = as_date(cell.value)
        if day is None:
            continue  # date-invalid
        earliest, latest = EDITION_DATES if row is None else FIGURE_DATES
        if earliest <= day <= latest:
            continue
        typed = cell.value if isinstance(cell.value, str) else numeric_date(day)
        if day.year <= 1900 and not isinstance(cell.value, str):
            hint = " (Excel shows a small number in a date cell as a day counted from 1900: type the date itself)"
        else:
            likely = _likely_year(day.year, earliest.year, latest.year)
            hint = f" (a typo for {likely}?)" if likely else ""
        yield error(
            "date-out-of-range",
            f"'{typed}' in {column.name} is not a plausible date for "
            f"{'an edition' if row is None else 'a figure'}: it must fall between {earliest.year} and "
            f"{latest.year}{hint}; check the year",
            cell_place(sheet.name, cell, column),
        )


def _likely_year(year: int, earliest: int, latest: int) -> str | None:
    """A year in the window with the same digits as the one typed, most of them in place (2205 -> 2025)."""
    typed = f"{year:04d}"
    candidates = [str(y) for y in range(earliest, latest + 1) if sorted(str(y)) == sorted(typed)]
    return max(candidates, key=lambda c: sum(a == b for a, b in zip(c, typed)), default=None)


@rule("date-ambiguous", needs_model=False)
def dates_unambiguous(context: Context) -> Iterator[Finding]:
    """A date typed as text such as 07/01/2021 reads as 7 January or 1 July; say how it was read."""
    for sheet, _row, column, cell in column_cells(context):
        if column.kind is not schema.Kind.DATE or cell is None or not isinstance(cell.value, str):
            continue
        match = _DAY_MONTH.fullmatch(cell.value)
        if not match or as_date(cell.value) is None:
            continue
        first, second, year = int(match[1]), int(match[3]), int(match[4])
        if first == second or first > 12 or second > 12:
            continue
        read = dt.date(year, second, first)
        other = dt.date(year, first, second)
        yield warning(
            "date-ambiguous",
            f"'{cell.value.strip()}' in {column.name} is text, and was read day first as "
            f"{long_date(read)}; if you meant {long_date(other)}, correct it. Type {read.isoformat()} or "
            f"{long_date(read)}, or format the cell as a date, so no one can read it the other way",
            cell_place(sheet.name, cell, column),
        )


@rule("image-markup")
def image_markup(context: Context) -> Iterator[Finding]:
    """`![alt](address)` is image markup, which cells do not publish: it would print as '!' and a link."""
    for item in published_texts(context):
        if item.rich is None or "![" not in item.typed:
            continue
        for match in dict.fromkeys(m.group(0) for m in _IMAGE.finditer(item.typed)):
            shown = match if len(match) <= 60 else match[:57] + "…"
            yield error(
                "image-markup",
                f"'{shown}' is image markup, but a cell cannot hold an image: it would "
                "print as '!' and a link; delete the '!' to publish a link to the image, or put a figure "
                "on the Metrics sheet to draw it as a chart",
                item.source,
            )


@rule("text-typed-bullet")
def typed_bullets(context: Context) -> Iterator[Finding]:
    """Text opening with a typed bullet ('- ', '• ') prints as a typed list, which screen readers do not announce."""
    edition = context.edition
    # Text that never opens a paragraph: document properties, and what follows "Source:" or "Figure 1:".
    never_opening = {edition.field_source(name) for name in ("Author", "Subject", "Keywords")}
    for item in published_texts(context):
        if item.rich is None:
            if item.source in never_opening or _follows_a_label(item.source):
                continue
            if TYPED_BULLET.match(item.text):
                yield error(
                    "text-typed-bullet",
                    f"'{_opening(item.text)}' opens with a typed bullet, but "
                    "this cell is one line of plain text, not a list: it would print as a typed list that "
                    "screen readers do not announce; delete the bullet",
                    item.source,
                )
            continue
        for block in item.rich.blocks:
            if isinstance(block, Paragraph):
                text = inline_text(block.children)
                if TYPED_BULLET.match(text):
                    yield error(
                        "text-typed-bullet",
                        f"'{_opening(text)}' opens with a typed bullet character "
                        "that cell markup does not make a list, so it would print as a typed list that "
                        "screen readers do not announce; start the line with '- ' for a real bullet, or "
                        "delete the character",
                        item.source,
                    )


def _follows_a_label(source) -> bool:
    header = (source.header or "").casefold()
    sheet = (source.sheet or "").casefold()
    return (sheet, header) in (("metrics", "source"), ("charts", "title"))


def _opening(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= 40 else line[:39] + "…"


@rule("narrative-level-skipped")
def narrative_levels(context: Context) -> Iterator[Finding]:
    """A heading two levels below the one before it breaks the outline screen-reader users navigate by."""
    edition = context.edition
    # Every section follows a level 1 heading at least: the contents before the chapters, a chapter after.
    for sections in (edition.narrative_before, edition.narrative_after):
        previous = 1
        for section in sections:
            if section.level > previous + 1:
                yield error(
                    "narrative-level-skipped",
                    f"Level {section.level} follows a level {previous} heading, "
                    "skipping a level, so every format would fail its accessibility check (screen-reader "
                    f"users move through the outline by level); use Level {previous + 1}, or put a level "
                    f"{previous + 1} section above it",
                    section.cells.get("level", section.source),
                )
            previous = section.level
