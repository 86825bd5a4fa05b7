"""The comparison as a Word document: one table per kind of change, with a column for the reviewer's comments.

Deletions and insertions are formatted runs (struck through and underlined, as well as
coloured) rather than tracked changes: accepting or rejecting a change in a report
would mean nothing, and Word's "No Markup" view would hide the very words to review.
"""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_UNDERLINE
from docx.shared import Cm, Pt, RGBColor

from .. import __version__
from ..ooxml.elements import element
from ..ooxml.parts import repack
from . import ReportFormat, register
from .citations import NEW, OLD, changed_notes, cited_note, printed
from .model import KINDS, Change, Comparison, TextDiff
from .report_html import COMPACT_KINDS, headline, place

DELETED = RGBColor(0x8A, 0x1C, 0x1C)
INSERTED = RGBColor(0x0F, 0x51, 0x32)
# Fixed so the same comparison gives the same bytes (the zip entries and core properties carry dates).
FIXED_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can hold


def render(comparison: Comparison) -> bytes:
    document = Document()
    _page_setup(document)
    old_name = comparison.old.edition or comparison.old.file
    new_name = comparison.new.edition or comparison.new.file
    properties = document.core_properties
    properties.title = f"Changes from {old_name} to {new_name}"
    properties.subject = comparison.new.title
    properties.author = "reportgen"
    properties.last_modified_by = "reportgen"
    properties.comments = f"Made by reportgen {__version__} from {comparison.old.file} and {comparison.new.file}"
    properties.created = properties.modified = FIXED_TIME.replace(tzinfo=None)
    properties.language = "en-GB"
    properties.revision = 1

    document.add_heading(f"Changes from {old_name} to {new_name}", level=0)
    if comparison.new.title:
        document.add_paragraph(comparison.new.title)
    document.add_paragraph(
        f"Previous edition: {comparison.old.file}. New edition: {comparison.new.file}. "
        + (
            "Matched by the similarity of their text."
            if comparison.match_by == "text"
            else "Matched by ID, and by text where IDs did not line up."
        )
    )
    _summary(document, comparison)
    for note in comparison.notes:
        document.add_paragraph(f"Note: {note}")
    if comparison.text_matches:
        _matches(document, comparison)
    for kind, changes in comparison.grouped():
        document.add_heading(f"{kind.title} ({len(changes)})", level=1)
        document.add_paragraph(kind.explanation)
        if kind.code in COMPACT_KINDS:
            _compact_table(document, changes, metric=kind.code == "metric-changed")
        else:
            _text_table(document, changes)
    return repack(_save(document), _ZIP_TIME)


def _page_setup(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    normal.element.get_or_add_rPr().append(element("w:lang", val="en-GB"))


def _summary(document, comparison: Comparison) -> None:
    document.add_heading("Summary", level=1)
    document.add_paragraph(headline(comparison))
    counts = comparison.counts()
    rows = [
        (
            kind.title
            + ("" if kind.counted else (" (to confirm)" if kind.code == "carried-over" else " (not counted)")),
            counts[kind.code],
        )
        for kind in KINDS
        if counts[kind.code]
    ]
    rows.append(("Commitments unchanged", comparison.unchanged_commitments))
    table = _table(document, ["Kind of change", "Number"], widths=(Cm(9), Cm(3)))
    for title, number in rows:
        cells = table.add_row().cells
        _set_text(cells[0], title)
        _set_text(cells[1], str(number))
    key = document.add_paragraph("How changes are marked: ")
    _styled(key.add_run("deleted words"), "delete")
    key.add_run(" are struck through; ")
    _styled(key.add_run("inserted words"), "insert")
    key.add_run(" are underlined. Write your comments in the last column of each table.")


def _matches(document, comparison: Comparison) -> None:
    document.add_heading("Matched by text similarity", level=1)
    document.add_paragraph(
        "These items have different IDs in the two editions and were paired because their "
        "text is similar. Check each pair, and correct the ID if it was mistyped."
    )
    table = _table(document, ["Item", "Previous", "New", "Similarity", "How sure"])
    for match in comparison.text_matches:
        cells = table.add_row().cells
        for cell, value in zip(
            cells,
            (
                match.item.capitalize(),
                match.old_label,
                match.new_label,
                f"{match.score:.0f}%",
                match.confidence.capitalize(),
            ),
        ):
            _set_text(cell, value)


def _text_table(document, changes: list[Change]) -> None:
    table = _table(
        document,
        [
            "Item",
            "What changed",
            "Text (deleted words struck through, inserted underlined)",
            "Cell",
            "Reviewer's comment",
        ],
        widths=(Cm(3.5), Cm(4.5), Cm(11.5), Cm(2.7), Cm(3.9)),
    )
    for change in changes:
        cells = table.add_row().cells
        _item_cell(cells[0], change)
        _set_text(cells[1], change.summary)
        paragraph = cells[2].paragraphs[0]
        if change.diff is not None:
            write_redline(paragraph, change.diff, change)
        elif change.kind == "added" and change.new:
            _add_text(paragraph, printed(change.new, change, NEW), None)
        elif change.kind == "removed" and change.old:
            _add_text(paragraph, printed(change.old, change, OLD), "delete")
        for note in changed_notes(change):
            noted = cells[2].add_paragraph()
            _run(noted, "Cited figure changed: ").bold = True
            _run(noted, note)
        if change.citations:
            _run(cells[2].add_paragraph(), cited_note(change)).italic = True
        _set_text(cells[3], place(change))


def _compact_table(document, changes: list[Change], metric: bool) -> None:
    headers = (
        ["Item", "What changed", "Previous", "New"]
        + (["Difference"] if metric else [])
        + ["Cell", "Reviewer's comment"]
    )
    table = _table(document, headers)
    for change in changes:
        cells = table.add_row().cells
        _item_cell(cells[0], change)
        values = [
            change.summary,
            change.old if change.old is not None else "(blank)",
            change.new if change.new is not None else "(blank)",
        ]
        if metric:
            values.append(change.difference or "")
        values.append(place(change))
        for cell, value in zip(cells[1:], values):
            _set_text(cell, value)


def _item_cell(cell, change: Change) -> None:
    paragraph = cell.paragraphs[0]
    _run(paragraph, change.label).bold = True
    context = change.chapter or change.old_chapter if change.item == "commitment" else None
    if context:
        paragraph.add_run().add_break()
        _run(paragraph, context)


def write_redline(paragraph, diff: TextDiff, change: Change | None = None) -> None:
    for segment in diff.segments:
        text = segment.text if change is None else printed(segment.text, change, OLD if segment.op == "delete" else NEW)
        _add_text(paragraph, text, segment.op)
        if segment.space_after:
            _add_text(paragraph, segment.space_after, None)


def _add_text(paragraph, text: str, op: str | None) -> None:
    for index, line in enumerate(text.split("\n")):
        if index:
            paragraph.add_run().add_break()
        if line:
            _styled(_run(paragraph, line), op)


def _run(paragraph, text: str):
    """A run holding `text`; python-docx's own setter walks the text a character at a time."""
    run = paragraph.add_run()
    run._r.add_t(text.replace("\t", " "))
    return run


def _set_text(cell, text: str) -> None:
    _add_text(cell.paragraphs[0], text, None)


def _styled(run, op: str | None) -> None:
    if op == "delete":
        run.font.strike = True
        run.font.color.rgb = DELETED
    elif op == "insert":
        run.font.underline = WD_UNDERLINE.DOUBLE
        run.font.color.rgb = INSERTED


def _table(document, headers: list[str], widths=None):
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    header = table.rows[0]
    # Repeat the header row on every page, and mark it as a header for screen readers.
    properties = header._tr.get_or_add_trPr()
    properties.append(element("w:tblHeader", val="true"))
    for cell, text in zip(header.cells, headers):
        _run(cell.paragraphs[0], text).bold = True
    if widths:
        for column, width in zip(table.columns, widths):
            column.width = width
    return table


def _save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


register(ReportFormat("docx", ".docx", True, lambda comparison, options: render(comparison)))
