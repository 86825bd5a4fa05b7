"""reportgen import: Word editions with the quirks real ones have, built in code with python-docx."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from reportgen.cli import cli
from reportgen.importer import read_edition
from reportgen.workbook.reader import load

from ..builders import make
from ..docx_fixtures import add_hyperlink

HEADER = ("Ref", "Commitment", "Status Update")


def run(*args):
    return CliRunner().invoke(cli, [str(arg) for arg in args])


# --- building Word documents the way Word leaves them ----------------------------------------


def cover(document, title="Action Plan for Fairer Policing", label="2025/26 Quarter 2 Update"):
    document.add_paragraph(title, style="Title")
    document.add_paragraph(label)
    document.add_paragraph("Published 14 November 2025")


def table(document, rows, header=HEADER, repeat_header=True):
    """A table whose cells are strings, or lists of (text, kind) paragraphs, or callables filling the cell."""
    width = len(header)
    grid = document.add_table(rows=0, cols=width)
    add_row(grid, header)
    if repeat_header:
        properties = grid.rows[0]._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:tblHeader"))
    for row in rows:
        add_row(grid, row)
    return grid


def add_row(grid, values):
    row = grid.add_row()
    for cell, value in zip(row.cells, values):
        fill(cell, value)
    return row


def fill(cell, value):
    if callable(value):
        value(cell)
        return
    if isinstance(value, str):
        cell.paragraphs[0].text = value
        return
    first = True
    for text, kind in value:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        if kind == "bullet":
            paragraph.style = cell.part.document.styles["List Bullet"]
        elif kind == "bullet2":
            paragraph.style = cell.part.document.styles["List Bullet"]
            numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            numbering.get_or_add_ilvl().val = 1
            numbering.get_or_add_numId().val = 1
        elif kind == "numbered":
            paragraph.style = cell.part.document.styles["List Number"]
        paragraph.add_run(text)


def chapter_row(grid, text):
    """A chapter row: one cell spanning the whole table (w:gridSpan)."""
    row = grid.add_row()
    merged = row.cells[0].merge(row.cells[-1])
    merged.paragraphs[0].text = text
    return row


def field_hyperlink(paragraph, text, url):
    """A link made with field codes, as older Word documents and mail merges have them."""

    def run_with(child):
        run = OxmlElement("w:r")
        run.append(child)
        paragraph._p.append(run)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instruction = OxmlElement("w:instrText")
    instruction.text = f' HYPERLINK "{url}" '
    run_with(instruction)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    shown = OxmlElement("w:t")
    shown.text = text
    run_with(shown)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def save(document, tmp_path, name="edition.docx") -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / name
    document.save(path)
    return path


def imported(tmp_path, document):
    return read_edition(save(document, tmp_path))


def commitments(result):
    return result.content["Commitments"]


def codes(result):
    return [(f.code, f.source.where) for f in result.findings]


def simple_edition():
    document = docx.Document()
    cover(document)
    document.add_heading("Introduction", level=1)
    document.add_paragraph("This update covers July to September 2025.")
    document.add_heading("1 Fairer use of police powers", level=1)
    document.add_paragraph("How powers are used.")
    table(
        document,
        [
            ("1.1", "Review vehicle stops.", "The pilot finished in August."),
            ("1.2", "Review handcuffing.", "Training began in October."),
        ],
    )
    document.add_heading("2 Working together", level=1)
    table(document, [("2.1", "Meet schools.", "Twelve meetings were held.")])
    return document


# --- the whole document ----------------------------------------------------------------------


def test_cover_narrative_chapters_and_commitments_are_placed(tmp_path):
    result = imported(tmp_path, simple_edition())
    edition = result.content["Edition"]
    assert edition["Title"] == "Action Plan for Fairer Policing"
    assert edition["Edition"] == "2025/26 Quarter 2 Update"
    assert edition["Publication date"] == dt.date(2025, 11, 14)
    assert (edition["Period start"], edition["Period end"]) == (dt.date(2025, 7, 1), dt.date(2025, 9, 30))
    assert result.content["Narrative"] == [
        {
            "ID": "NAR-INTRODUCTION",
            "Heading": "Introduction",
            "Body": "This update covers July to September 2025.",
            "Placement": "Before chapters",
            "Level": 1,
        }
    ]
    assert result.content["Chapters"] == [
        {"Number": "1", "Title": "Fairer use of police powers", "Introduction": "How powers are used."},
        {"Number": "2", "Title": "Working together", "Introduction": None},
    ]
    rows = commitments(result)
    assert [(r["ID"], r["Ref"], r["Chapter"], r["Commitment"]) for r in rows] == [
        ("C-001", "1.1", "Fairer use of police powers", "Review vehicle stops."),
        ("C-002", "1.2", "Fairer use of police powers", "Review handcuffing."),
        ("C-003", "2.1", "Working together", "Meet schools."),
    ]
    assert rows[2]["Update"] == "Twelve meetings were held."


def test_the_command_writes_a_workbook_that_validates(tmp_path):
    source = save(simple_edition(), tmp_path)
    result = run("import", source, "-o", tmp_path / "edition.xlsx")
    assert result.exit_code == 0, result.output
    assert "3 commitments" in result.output
    loaded = load(tmp_path / "edition.xlsx")
    assert [c.id for c in loaded.edition.commitments] == ["C-001", "C-002", "C-003"]
    assert loaded.edition.status == "Final"
    assert all(c.approved for c in loaded.edition.commitments)


def test_publisher_missing_is_reported_not_invented(tmp_path):
    result = imported(tmp_path, simple_edition())
    missing = [f for f in result.findings if f.code == "import-field-missing"]
    assert len(missing) == 1 and "Publisher field" in missing[0].message
    assert missing[0].source.sheet == "Edition"


# --- Word quirks -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "heading, number, title",
    [
        ("1 Fairer use of police powers", "1", "Fairer use of police powers"),
        ("1. Fairer use of police powers", "1", "Fairer use of police powers"),
        ("Chapter 1: Fairer use of police powers", "1", "Fairer use of police powers"),
        ("Next steps", None, "Next steps"),
        ("2030 vision", None, "2030 vision"),
    ],
)
def test_chapter_headings_in_the_forms_editors_type(tmp_path, heading, number, title):
    document = docx.Document()
    cover(document)
    document.add_heading(heading, level=1)
    table(document, [("", "Review vehicle stops.", "Done.")])
    chapters = imported(tmp_path, document).content["Chapters"]
    assert [(c["Number"], c["Title"]) for c in chapters] == [(number, title)]


def test_bold_lines_are_headings_in_a_document_without_heading_styles(tmp_path):
    document = docx.Document()
    cover(document)
    document.add_paragraph().add_run("Introduction").bold = True
    document.add_paragraph("This update covers July to September 2025.")
    document.add_paragraph().add_run("1 Fairer use of police powers").bold = True
    table(document, [("1.1", "Review vehicle stops.", "Done.")])
    result = imported(tmp_path, document)
    assert [n["Heading"] for n in result.content["Narrative"]] == ["Introduction"]
    assert [(c["Number"], c["Title"]) for c in result.content["Chapters"]] == [("1", "Fairer use of police powers")]


def test_the_same_document_gives_the_same_workbook_bytes(tmp_path):
    source = save(simple_edition(), tmp_path)
    run("import", source, "-o", tmp_path / "first.xlsx")
    run("import", source, "-o", tmp_path / "second.xlsx")
    assert (tmp_path / "first.xlsx").read_bytes() == (tmp_path / "second.xlsx").read_bytes()


def test_chapter_rows_spanning_the_table_start_chapters_and_repeats_are_ignored(tmp_path):
    document = docx.Document()
    cover(document)
    grid = table(document, [])
    chapter_row(grid, "1 Better use of Police Powers")
    add_row(grid, ("1.1", "Review vehicle stops.", "The pilot is complete."))
    chapter_row(grid, "1 Better use of Police Powers")  # repeated at the top of the next page
    add_row(grid, ("1.2", "Review handcuffing.", "Training began."))
    chapter_row(grid, "2 Working Together")
    add_row(grid, ("2.1", "Meet schools.", "Twelve meetings."))
    chapter_row(grid, "Next steps")
    add_row(grid, ("", "Publish a quarterly update.", "This is it."))
    result = imported(tmp_path, document)
    assert [(c["Number"], c["Title"]) for c in result.content["Chapters"]] == [
        ("1", "Better use of Police Powers"),
        ("2", "Working Together"),
        (None, "Next steps"),
    ]
    assert [(r["Ref"], r["Chapter"]) for r in commitments(result)] == [
        ("1.1", "Better use of Police Powers"),
        ("1.2", "Better use of Police Powers"),
        ("2.1", "Working Together"),
        (None, "Next steps"),
    ]


def test_a_header_row_repeated_on_every_page_and_empty_rows_are_skipped(tmp_path):
    document = docx.Document()
    cover(document)
    document.add_heading("1 Powers", level=1)
    table(
        document,
        [
            ("1.1", "Review vehicle stops.", "The pilot is complete."),
            ("", "", ""),
            HEADER,
            ("1.2", "Review handcuffing.", "Training began."),
            ("", "", ""),
        ],
    )
    result = imported(tmp_path, document)
    assert [r["Ref"] for r in commitments(result)] == ["1.1", "1.2"]
    assert not [f for f in result.findings if f.code == "import-unplaced"]


def test_a_row_split_across_pages_is_joined_back(tmp_path):
    document = docx.Document()
    cover(document)
    document.add_heading("2 Working Together", level=1)
    table(
        document,
        [
            (
                "2.1",
                "MOPAC will keep asking about Safer Schools Officers in",
                "The survey questions are final. Preparations are being made to reach those from diverse",
            ),
            HEADER,
            ("", "its regular Youth Voice survey.", "communities across London."),
            ("", "", "The Delivery Group supports this work."),
        ],
    )
    rows = commitments(result := imported(tmp_path, document))
    assert len(rows) == 1
    assert rows[0]["Commitment"] == (
        "MOPAC will keep asking about Safer Schools Officers in its regular Youth Voice survey."
    )
    assert rows[0]["Update"] == (
        "The survey questions are final. Preparations are being made to reach those from "
        "diverse communities across London.\n\nThe Delivery Group supports this work."
    )
    assert not result.findings or all(f.code != "import-unplaced" for f in result.findings)


def test_a_ref_printed_once_covers_the_commitments_below_it(tmp_path):
    document = docx.Document()
    cover(document)
    document.add_heading("3 Represents and understands", level=1)
    table(
        document,
        [
            ("3.1", "Recruit more Black officers.", "Targets are set."),
            ("", "Reintroduce the London residency rule.", "It was reintroduced in 2020."),
            ("3.2", "Involve communities in training.", "A reference group meets."),
        ],
    )
    rows = commitments(imported(tmp_path, document))
    assert [r["Ref"] for r in rows] == ["3.1", "3.1", "3.2"]
    assert rows[1]["Commitment"] == "Reintroduce the London residency rule."


def test_where_refs_are_merged_cells_an_empty_unmerged_ref_is_no_ref(tmp_path):
    document = docx.Document()
    cover(document)
    document.add_heading("3 Represents and understands", level=1)
    grid = table(
        document,
        [
            ("3.1", "Recruit more Black officers.", "Targets are set."),
            ("", "Reintroduce the London residency rule.", "It was reintroduced in 2020."),
            ("", "Publish the figures.", "Published in May."),
        ],
    )
    grid.cell(1, 0).merge(grid.cell(2, 0))  # Word's vertical merge: w:vMerge restart, then continue
    rows = commitments(imported(tmp_path, document))
    assert [r["Ref"] for r in rows] == ["3.1", "3.1", None]


def test_a_chapter_column_names_the_chapter_on_every_row(tmp_path):
    document = docx.Document()
    cover(document)
    table(
        document,
        [
            ("1.1", "Better use of Police Powers", "Review vehicle stops.", "Done."),
            ("1.2", "Better use of Police Powers", "Review handcuffing.", "Begun."),
            ("2.1", "Working Together", "Meet schools.", "Twelve meetings."),
        ],
        header=("Ref", "Chapter", "Commitment", "Status Update"),
    )
    result = imported(tmp_path, document)
    assert [(c["Number"], c["Title"]) for c in result.content["Chapters"]] == [
        ("1", "Better use of Police Powers"),
        ("2", "Working Together"),
    ]
    assert [r["Chapter"] for r in commitments(result)] == [
        "Better use of Police Powers",
        "Better use of Police Powers",
        "Working Together",
    ]


def test_one_long_table_as_the_published_editions_print_it(tmp_path):
    """Header 'Chapter' over two grid columns; chapter rows as a number beside a merged title; the chapter
    row and header repeated at page tops; a row split across the break; a chapter name in the Ref column."""
    document = docx.Document()
    for line in (
        "MAYOR'S ACTION PLAN FOR IMPROVING TRANSPARENCY,",
        "ACCOUNTABILITY AND TRUST IN POLICING",
        "2021/22 Quarter 2 Update",
    ):
        document.add_heading(line, level=4)
    grid = document.add_table(rows=1, cols=4)
    grid.rows[0].cells[0].merge(grid.rows[0].cells[1]).text = "Chapter"
    grid.rows[0].cells[2].text, grid.rows[0].cells[3].text = "Commitment", "Status Update"

    def chapter(number, title):
        row = grid.add_row()
        row.cells[0].text = number
        row.cells[1].merge(row.cells[3]).text = title

    def header():
        row = grid.add_row()
        row.cells[0].merge(row.cells[1]).text = "Chapter"
        row.cells[2].text, row.cells[3].text = "Commitment", "Status Update"

    chapter("2", "Working Together")
    add_row(grid, ("2.1", "Working Together", "Monitor Safer Schools Officers.", "A review was done."))
    add_row(grid, ("", "", "MOPAC will ask about Safer Schools Officers in", "The questions are final."))
    header()
    chapter("2", "Working Together")
    add_row(grid, ("", "", "its Youth Voice survey.", "The Delivery Group supports it."))
    chapter("", "Next Steps")
    add_row(grid, ("Next steps", "Next steps", "Publish a quarterly update.", "Published in March."))
    result = imported(tmp_path, document)
    assert result.content["Edition"]["Title"] == (
        "MAYOR'S ACTION PLAN FOR IMPROVING TRANSPARENCY, ACCOUNTABILITY AND TRUST IN POLICING"
    )
    assert result.content["Edition"]["Period end"] == dt.date(2021, 9, 30)
    assert [(c["Number"], c["Title"]) for c in result.content["Chapters"]] == [
        ("2", "Working Together"),
        (None, "Next Steps"),
    ]
    assert [(r["Ref"], r["Chapter"], r["Commitment"], r["Update"]) for r in commitments(result)] == [
        ("2.1", "Working Together", "Monitor Safer Schools Officers.", "A review was done."),
        (
            "2.1",
            "Working Together",
            "MOPAC will ask about Safer Schools Officers in its Youth Voice survey.",
            "The questions are final.\n\nThe Delivery Group supports it.",
        ),
        (None, "Next Steps", "Publish a quarterly update.", "Published in March."),
    ]
    assert not [f for f in result.findings if f.code == "import-unplaced"]


def test_word_bullets_typed_bullets_and_nesting_become_markup(tmp_path):
    document = docx.Document()
    cover(document)
    document.add_heading("1 Powers", level=1)

    def typed(cell):
        paragraph = cell.paragraphs[0]
        paragraph.add_run("The research has four parts:")
        paragraph.add_run().add_break()
        paragraph.add_run("•\tA review of the literature")
        paragraph.add_run().add_break()
        paragraph.add_run("• New analysis of the data")

    table(
        document,
        [
            (
                "1.1",
                [("Word bullets:", "text"), ("first", "bullet"), ("nested", "bullet2"), ("second", "bullet")],
                typed,
            )
        ],
    )
    row = commitments(imported(tmp_path, document))[0]
    assert row["Commitment"] == "Word bullets:\n\n- first\n  - nested\n- second"
    assert row["Update"] == "The research has four parts:\n\n- A review of the literature\n- New analysis of the data"


def test_bold_and_links_both_kinds_survive(tmp_path):
    document = docx.Document()
    cover(document)
    document.add_heading("1 Powers", level=1)

    def formatted(cell):
        paragraph = cell.paragraphs[0]
        paragraph.add_run("MOPAC will launch a ")
        paragraph.add_run("review of MARACs ").bold = True
        paragraph.add_run("by the end of 2020; see ")
        add_hyperlink(paragraph, "the review", "https://example.org/review")
        paragraph.add_run(" and ")
        field_hyperlink(paragraph, "the guide", "https://example.org/guide")
        paragraph.add_run(".")

    table(document, [("1.1", formatted, "Underway.")])
    row = commitments(imported(tmp_path, document))[0]
    assert row["Commitment"] == (
        "MOPAC will launch a **review of MARACs** by the end of 2020; see "
        "[the review](https://example.org/review) and [the guide](https://example.org/guide)."
    )


def test_a_numbered_list_becomes_bullets_with_a_finding(tmp_path):
    document = docx.Document()
    cover(document)
    document.add_heading("1 Powers", level=1)
    table(document, [("1.1", "Hold reviews.", [("Steps:", "text"), ("plan", "numbered"), ("do", "numbered")])])
    result = imported(tmp_path, document)
    assert commitments(result)[0]["Update"] == "Steps:\n\n- plan\n- do"
    assert [code for code, _ in codes(result)] == ["import-field-missing", "import-numbered-list"]


def test_an_update_merged_across_two_commitments_stays_with_the_first(tmp_path):
    document = docx.Document()
    cover(document)
    document.add_heading("1 Powers", level=1)
    grid = table(document, [("1.1", "Review stops.", "One review covers both."), ("1.2", "Review cuffs.", "")])
    grid.cell(1, 2).merge(grid.cell(2, 2))
    result = imported(tmp_path, document)
    assert [r["Update"] for r in commitments(result)] == ["One review covers both.", None]
    shared = [f for f in result.findings if f.code == "import-update-shared"]
    assert len(shared) == 1 and shared[0].source.where == "table 1, row 3" and "C-002" in shared[0].message


def test_tracked_changes_read_as_accepted(tmp_path):
    document = docx.Document()
    cover(document)
    document.add_heading("1 Powers", level=1)

    def tracked(cell):
        paragraph = cell.paragraphs[0]
        paragraph.add_run("The pilot ")
        deleted = OxmlElement("w:del")
        run = OxmlElement("w:r")
        gone = OxmlElement("w:delText")
        gone.text = "has not "
        run.append(gone)
        deleted.append(run)
        paragraph._p.append(deleted)
        inserted = OxmlElement("w:ins")
        run = OxmlElement("w:r")
        added = OxmlElement("w:t")
        added.text = "has finished."
        run.append(added)
        inserted.append(run)
        paragraph._p.append(inserted)

    table(document, [("1.1", "Run a pilot.", tracked)])
    assert commitments(imported(tmp_path, document))[0]["Update"] == "The pilot has finished."


def test_a_cover_title_in_a_text_box_is_found(tmp_path):
    document = docx.Document()
    anchor = document.add_paragraph()
    box = OxmlElement("w:txbxContent")
    inner = OxmlElement("w:p")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "Action Plan for Fairer Policing"
    run.append(text)
    inner.append(run)
    box.append(inner)
    drawing = OxmlElement("w:pict")
    drawing.append(box)
    holder = OxmlElement("w:r")
    holder.append(drawing)
    anchor._p.append(holder)
    document.add_paragraph("2025/26 Quarter 2 Update")
    document.add_heading("1 Powers", level=1)
    table(document, [("1.1", "Review stops.", "Done.")])
    result = imported(tmp_path, document)
    assert result.content["Edition"]["Title"] == "Action Plan for Fairer Policing"
    assert result.content["Edition"]["Edition"] == "2025/26 Quarter 2 Update"


def test_ids_printed_in_the_document_are_kept(tmp_path):
    document = docx.Document()
    cover(document)
    document.add_heading("1 Powers", level=1)
    table(
        document,
        [("MAP-007", "1.1", "Review stops.", "Done."), ("", "1.2", "Review cuffs.", "Begun.")],
        header=("ID", "Ref", "Commitment", "Update"),
    )
    rows = commitments(imported(tmp_path, document))
    assert [r["ID"] for r in rows] == ["MAP-007", "C-001"]


def test_lead_and_status_columns_are_read(tmp_path):
    document = docx.Document()
    cover(document)
    document.add_heading("1 Powers", level=1)
    table(
        document,
        [("1.1", "Review stops.", "MPS", "on track", "Done.")],
        header=("Ref", "Commitment", "Lead", "Status", "Update"),
    )
    row = commitments(imported(tmp_path, document))[0]
    assert (row["Lead"], row["Status"], row["Update"]) == ("MPS", "On track", "Done.")


def test_what_cannot_be_placed_is_reported_with_its_place(tmp_path):
    document = simple_edition()
    document.add_paragraph("A stray note after the last table.")
    other = document.add_table(rows=2, cols=2)
    other.cell(0, 0).text, other.cell(0, 1).text = "Borough", "Stops"
    other.cell(1, 0).text, other.cell(1, 1).text = "Camden", "120"
    table(
        document,
        [("1.3", "Publish data.", "Published.", "15 March")],
        header=("Ref", "Commitment", "Update", "Target date"),
    )
    result = imported(tmp_path, document)
    unplaced = [(f.source.where, f.message) for f in result.findings if f.code == "import-unplaced"]
    assert unplaced[0][0].startswith("paragraph") and "A stray note" in unplaced[0][1]
    # One finding for the whole table that is not commitments, not one a row.
    assert unplaced[1][0] == "table 3, row 1"
    assert "the table (2 rows, starting 'Borough | Stops')" in unplaced[1][1]
    assert unplaced[2][0] == "table 4, row 2" and "15 March" in unplaced[2][1] and "Target date" in unplaced[2][1]
    assert len(unplaced) == 3


def test_a_section_between_chapters_goes_after_them_with_a_finding(tmp_path):
    document = simple_edition()
    heading = document.add_heading("A word on data", level=1)
    text = document.add_paragraph("Figures come from the dashboard.")
    second_chapter = next(p for p in document.paragraphs if p.text == "2 Working together")
    second_chapter._p.addprevious(heading._p)
    second_chapter._p.addprevious(text._p)
    result = imported(tmp_path, document)
    assert [(n["Heading"], n["Placement"]) for n in result.content["Narrative"]] == [
        ("Introduction", "Before chapters"),
        ("A word on data", "After chapters"),
    ]
    assert [f.code for f in result.findings if f.code == "import-moved"] == ["import-moved"]


def test_formula_looking_text_is_stored_as_text(tmp_path):
    document = docx.Document()
    cover(document, title='=HYPERLINK("http://evil.example")')
    document.add_heading("1 Powers", level=1)
    table(document, [("1.1", "+44 line for reports", "-5% on last year"), ("1.2", "@MOPAC to review", "=1+1")])
    source = save(document, tmp_path)
    assert run("import", source, "-o", tmp_path / "out.xlsx").exit_code == 0
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    sheet = book["Commitments"]
    header = [cell.value for cell in sheet[1]]
    values = [(sheet.cell(row, header.index(column) + 1)) for row in (2, 3) for column in ("Commitment", "Update")]
    assert [cell.value for cell in values] == ["+44 line for reports", "-5% on last year", "@MOPAC to review", "=1+1"]
    assert all(cell.data_type == "s" for cell in values)
    title = next(row[1] for row in book["Edition"].iter_rows(min_row=2) if row[0].value == "Title")
    assert title.value.startswith("=HYPERLINK") and title.data_type == "s"


def test_markup_characters_typed_in_word_stay_literal(tmp_path):
    document = docx.Document()
    cover(document)
    document.add_heading("1 Powers", level=1)
    table(document, [("1.1", "Cut stops by 5 * 2 [draft] _now_", "Done.")])
    source = save(document, tmp_path)
    run("import", source, "-o", tmp_path / "out.xlsx")
    commitment = load(tmp_path / "out.xlsx").edition.commitments[0]
    assert commitment.commitment.plain_text() == "Cut stops by 5 * 2 [draft] _now_"


# --- refusing bad files ----------------------------------------------------------------------


def test_no_table_of_commitments_is_an_error_and_nothing_is_written(tmp_path):
    document = docx.Document()
    cover(document)
    document.add_paragraph("Only prose here.")
    result = run("import", save(document, tmp_path), "-o", tmp_path / "out.xlsx")
    assert result.exit_code == 1
    assert "import-no-commitments" in result.output
    assert "Nothing was written: fix the errors above" in result.output
    assert not (tmp_path / "out.xlsx").exists()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"just some text", "not a Word document"),
        (b"%PDF-1.7 rest", "it is a PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"), "old Word 97-2003 document"),
        (b"", "empty"),
    ],
)
def test_files_that_are_not_word_documents_stop_with_one_line(tmp_path, content, message):
    bogus = tmp_path / "edition.docx"
    bogus.write_bytes(content)
    result = run("import", bogus, "-o", tmp_path / "out.xlsx")
    assert result.exit_code == 2
    assert message in result.output and result.output.count("\n") == 1
    assert not (tmp_path / "out.xlsx").exists()


def test_a_workbook_given_to_import_is_named_for_what_it_is(tmp_path):
    result = run("import", make(tmp_path), "-o", tmp_path / "out.xlsx")
    assert result.exit_code == 2 and "is an Excel workbook, not a Word document" in result.output


def test_a_document_with_a_doctype_is_refused(tmp_path):
    source = save(simple_edition(), tmp_path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(buffer, "w") as hostile:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE w [<!ENTITY a "aaaa">]>', 1)
            hostile.writestr(item, data)
    source.write_bytes(buffer.getvalue())
    result = run("import", source, "-o", tmp_path / "out.xlsx")
    assert result.exit_code == 2 and "DOCTYPE" in result.output


def test_an_existing_workbook_is_never_replaced(tmp_path):
    source = save(simple_edition(), tmp_path)
    existing = tmp_path / "out.xlsx"
    existing.write_bytes(b"keep")
    result = run("import", source, "-o", existing)
    assert result.exit_code == 2 and existing.read_bytes() == b"keep"


def test_json_output_lists_the_findings(tmp_path):
    result = run("import", save(simple_edition(), tmp_path), "-o", tmp_path / "out.xlsx", "--format", "json")
    document = json.loads(result.output)
    assert document["warnings"] == 1 and document["written"] == [str(tmp_path / "out.xlsx")]


# --- the round trip: workbook -> DOCX -> import -> DOCX ---------------------------------------

EXAMPLE = Path(__file__).resolve().parents[2] / "inputs" / "example.xlsx"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraph_text(p) -> str:
    return "".join(t.text or "" for t in p.iter(f"{_W}t"))


def printed(data: bytes) -> dict:
    """What a reader sees, as text: headings in order and every commitment table's rows."""
    document = docx.Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    rows = []
    for grid in document.tables:
        header = [_paragraph_text(tc) for tc in grid._tbl.tr_lst[0].tc_lst]
        if header[:2] != ["Ref", "Commitment"]:
            continue
        for tr in grid._tbl.tr_lst[1:]:
            rows.append(tuple("\n".join(_paragraph_text(p) for p in tc.iter(f"{_W}p")) for tc in tr.tc_lst))
    return {"headings": headings, "rows": rows}


def resolved(edition, rich):
    """A rich-text tree with figures printed as text and underline set aside, as the document shows it."""
    from reportgen.core.richtext import BulletList, Link, ListItem, MetricRef, Paragraph, RichText, Text
    from reportgen.core.wording import metric_text
    from reportgen.markup.parse import parse
    from reportgen.markup.write import to_markup

    def inlines(nodes):
        out = []
        for node in nodes:
            if isinstance(node, MetricRef):
                node = Text(metric_text(edition, node))
            elif isinstance(node, Link):
                node = Link(node.href, inlines(node.children))
            out.append(node)
        return tuple(out)

    def block(item):
        if isinstance(item, Paragraph):
            return Paragraph(inlines(item.children))
        return BulletList(
            tuple(ListItem(inlines(i.children), block(i.sublist) if i.sublist else None) for i in item.items)
        )

    return parse(to_markup(RichText(tuple(block(b) for b in rich.blocks)))).blocks


def assert_same_edition(original, rebuilt):
    assert len(rebuilt.commitments) == len(original.commitments)
    for before, after in zip(original.commitments, rebuilt.commitments):
        assert (after.ref, after.status, after.lead) == (before.ref, before.status, before.lead), before.id
        assert original.find_chapter(before.chapter).title == rebuilt.find_chapter(after.chapter).title
        assert resolved(rebuilt, after.commitment) == resolved(original, before.commitment), before.id
        assert resolved(rebuilt, after.update) == resolved(original, before.update), before.id
    assert [(c.number, c.title) for c in rebuilt.chapters] == [(c.number, c.title) for c in original.chapters]
    for before, after in zip(original.chapters, rebuilt.chapters):
        assert resolved(rebuilt, after.introduction) == resolved(original, before.introduction)
    assert [(s.heading, s.level, s.placement) for s in rebuilt.narrative] == [
        (s.heading, s.level, s.placement) for s in original.narrative
    ]
    for before, after in zip(original.narrative, rebuilt.narrative):
        assert resolved(rebuilt, after.body) == resolved(original, before.body), before.heading
    assert [(g.term, g.meaning) for g in rebuilt.glossary] == [(g.term, g.meaning) for g in original.glossary]
    for name in ("title", "edition", "period_start", "period_end", "publication_date", "publisher", "contact"):
        assert getattr(rebuilt, name) == getattr(original, name), name


def round_trip(tmp_path, workbook: Path):
    from reportgen.writers import write_edition

    original = load(workbook).edition
    first = write_edition("docx", original)
    source = tmp_path / "published.docx"
    source.write_bytes(first)
    result = run("import", source, "-o", tmp_path / "imported.xlsx")
    assert result.exit_code == 0, result.output
    rebuilt = load(tmp_path / "imported.xlsx").edition
    return original, rebuilt, first, write_edition("docx", rebuilt), result


def test_a_built_edition_imports_back_to_the_same_content(tmp_path):
    def change(sheets):
        first, second, third, _ = sheets["Commitments"]
        first["Lead"] = "MPS"
        first["Update"] = "The pilot **finished** in August:\n\n- report drafted\n  - with the board\n- published soon"
        second["Update"] = "Read [the report](https://example.org/report) or e-mail [us](mailto:team@example.org)."
        third["Ref"] = None
        sheets["Chapters"].append({"Title": "Next steps", "Introduction": "What comes next."})
        sheets["Commitments"].append(
            {
                "ID": "C-005",
                "Chapter": "Next steps",
                "Commitment": "Publish updates.",
                "Status": "On track",
                "Update": "This is one.",
                "Approved": "Yes",
            }
        )
        sheets["Glossary"] = [{"Term": "MPS", "Meaning": "Metropolitan Police Service"}]
        sheets["Narrative"].append(
            {
                "ID": "NAR-MORE",
                "Heading": "Get involved",
                "Body": "Come to a meeting.",
                "Placement": "After chapters",
                "Level": 1,
            }
        )

    original, rebuilt, first, second, result = round_trip(tmp_path, make(tmp_path, change))
    assert_same_edition(original, rebuilt)
    assert printed(second) == printed(first)
    assert "import-unplaced" not in result.output


@pytest.mark.skipif(not EXAMPLE.exists(), reason="inputs/example.xlsx is made by scripts/make_example.py")
def test_the_example_edition_survives_the_round_trip(tmp_path):
    original, rebuilt, first, second, result = round_trip(tmp_path, EXAMPLE)
    assert_same_edition(original, rebuilt)
    before, after = printed(first), printed(second)
    assert after["rows"] == before["rows"]
    # Charts are drawn from Metrics, which a document cannot give back: the Data section goes.
    assert after["headings"] == [h for h in before["headings"] if h != "Data"]
    unplaced = [line for line in result.output.splitlines() if "import-unplaced" in line]
    assert unplaced and all("figure" in line for line in unplaced)


# --- documents saved by LibreOffice (committed: CI has no LibreOffice; tests/fixtures/libreoffice) ----

LIBREOFFICE = Path(__file__).resolve().parents[1] / "fixtures" / "libreoffice"


def edition_fields(result) -> dict:
    return dict(result.content["Edition"])


def test_a_draft_edition_saved_by_libreoffice_keeps_its_language_status_and_properties():
    result = read_edition(LIBREOFFICE / "draft-edition.docx")
    fields = edition_fields(result)
    assert (fields["Status"], fields["Language"]) == ("Draft", "cy-GB")
    assert fields["Author"] == "Policy and Oversight Team"
    assert fields["Subject"] == "Progress on the plan, July to September 2025"
    assert [row["ID"] for row in result.content["Narrative"]] == ["NAR-INTRODUCTION", "NAR-COMMUNITY-ENGAGEMENT-AND"]
    unplaced = [(f.source.where, f.message) for f in result.findings if f.code == "import-unplaced"]
    # The chart's picture and its data table, once each; LibreOffice dropped the table's caption.
    assert [where for where, _ in unplaced] == ["paragraph 19", "table 2, row 1"]
    assert "the data table of the figure above it (2 rows of figures)" in unplaced[1][1]
    (joined,) = [f for f in result.findings if f.code == "import-keywords-joined"]
    assert "'policing stop and search trust and confidence'" in joined.message
    assert fields["Keywords"] == "policing stop and search trust and confidence"
    # The chart's data table is as wide as the commitments table and lost its caption in LibreOffice:
    # it follows a figure, so it is not the commitments table carried on.
    assert len(result.content["Commitments"]) == 4 and len(result.content["Chapters"]) == 2


def test_a_final_edition_saved_by_libreoffice_imports_as_final_and_validates(tmp_path):
    target = tmp_path / "final.xlsx"
    result = run("import", LIBREOFFICE / "final-edition.docx", "-o", target)
    assert result.exit_code == 0, result.output
    edition = load(target).edition
    assert (edition.status, edition.language) == ("Final", "en-GB")
    assert edition.keywords == "policing stop and search trust and confidence"
    assert run("validate", target).exit_code == 0


def test_a_word_document_saved_by_libreoffice_takes_its_language_from_its_text_not_its_properties():
    source = LIBREOFFICE / "word-like.docx"
    with zipfile.ZipFile(source) as package:
        core = package.read("docProps/core.xml").decode()
    assert "<dc:language>en-US</dc:language>" in core  # what LibreOffice wrote, whatever the text says
    result = read_edition(source)
    fields = edition_fields(result)
    assert (fields["Language"], fields["Status"]) == ("en-GB", "Draft")  # DRAFT in the page header
    assert fields["Keywords"] == "policing, stop and search, trust and confidence"
    assert not [f for f in result.findings if f.code == "import-keywords-joined"]
    assert [row["ID"] for row in result.content["Narrative"]] == ["NAR-PROGRESS-ON-THE"]
    # The table and its caption (a Caption paragraph, no picture above it) are one finding, not a "figure".
    unplaced = [f for f in result.findings if f.code == "import-unplaced"]
    assert [f.source.where for f in unplaced] == ["table 2, row 1"]
    assert "the table 'Stops by month' (3 rows, starting 'Month | Stops')" in unplaced[0].message


def test_status_comes_from_a_draft_marking_or_the_properties_and_is_final_otherwise(tmp_path):
    plain = simple_edition()
    assert edition_fields(imported(tmp_path, plain))["Status"] == "Final"
    marked = simple_edition()
    marked.sections[0].footer.paragraphs[0].text = "DRAFT"
    assert edition_fields(imported(tmp_path / "marked", marked))["Status"] == "Draft"
    status = simple_edition()
    status.core_properties.content_status = "Draft for comment"
    assert edition_fields(imported(tmp_path / "status", status))["Status"] == "Draft"
    word = simple_edition()
    word.add_paragraph("We will draft the guidance next year; the Drafting group meets monthly.")
    assert edition_fields(imported(tmp_path / "word", word))["Status"] == "Final"


def test_the_language_of_most_of_the_text_wins_over_the_defaults_and_the_properties(tmp_path):
    document = simple_edition()
    document.core_properties.language = "en-US"
    for paragraph in document.paragraphs:
        for run_ in paragraph.runs:
            element = OxmlElement("w:lang")
            element.set(qn("w:val"), "fr-FR")
            run_._r.get_or_add_rPr().append(element)
    fields = edition_fields(imported(tmp_path, document))
    assert fields["Language"] == "fr-FR"


def test_narrative_ids_stop_at_a_word_boundary():
    from reportgen.importer.content import narrative_slug

    assert narrative_slug("Community engagement and scrutiny panels") == "COMMUNITY-ENGAGEMENT-AND"
    assert narrative_slug("What the data shows about trust") == "WHAT-THE-DATA-SHOWS"
    assert narrative_slug("Disproportionality-monitoring-arrangements") == "DISPROPORTIONALITY"
    assert narrative_slug("Antidisestablishmentarianisms") == "ANTIDISESTABLISHMENTARIA"
    assert narrative_slug("—") == "SECTION"


def test_keywords_keep_their_separators():
    from reportgen.importer.fields import keywords

    assert keywords("policing, stop and search;trust\nschools") == "policing, stop and search, trust, schools"
    assert keywords("  a ,  b  ") == "a, b"
