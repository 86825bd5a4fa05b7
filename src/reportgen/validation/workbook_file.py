"""Rules about the workbook as a file: sheets nobody sees, columns nobody named, a copy still open in Excel."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.findings import Finding, Source, warning
from .registry import Context, rule


@rule("sheet-hidden", needs_model=False)
def hidden_sheets(context: Context) -> Iterator[Finding]:
    """A hidden sheet is still read and published, though no one reviewing the workbook sees it."""
    for sheet in context.raw.sheets.values():
        if sheet.state == "hidden":
            how = "right-click any sheet tab, choose Unhide and pick it"
        elif sheet.state == "veryHidden":
            how = (
                "it is very hidden, so Excel's Unhide does not list it: set its Visible property to "
                "xlSheetVisible in the Visual Basic editor (Alt+F11)"
            )
        else:
            continue
        yield warning(
            "sheet-hidden",
            f"the '{sheet.name}' sheet is hidden, but everything on it is published; "
            f"unhide it so reviewers see what will be published ({how})",
            Source(sheet.name),
        )


@rule("column-header-blank", needs_model=False)
def headerless_columns(context: Context) -> Iterator[Finding]:
    """A column with data but no header in row 1 is not read, so its data would be left out without a word."""
    for sheet in context.raw.sheets.values():
        for place in sheet.headerless_columns:
            header = Source(sheet.name, 1, place.column)
            yield warning(
                "column-header-blank",
                f"column {header.cell[:-1]} has data (first in {place.cell}) but no "
                "header in row 1, so none of it is read or published; type the column's name in "
                f"{header.cell}, or delete the column",
                header,
            )


@rule("workbook-open", needs_model=False)
def lock_file(context: Context) -> Iterator[Finding]:
    """Excel's lock file beside the workbook means it is open, and the latest changes may not be saved yet."""
    path = context.raw.path
    # Excel names it ~$ and the workbook's name; for some names it drops the first two characters.
    names = {f"~${path.name}", f"~${path.name[2:]}"} if len(path.name) > 2 else {f"~${path.name}"}
    lock = next((path.parent / name for name in sorted(names) if (path.parent / name).is_file()), None)
    if lock is not None:
        yield warning(
            "workbook-open",
            f"the workbook is open in Excel (its lock file {lock.name} is beside it), so "
            "changes not yet saved are not in what was read; save it in Excel and run the command again",
        )
