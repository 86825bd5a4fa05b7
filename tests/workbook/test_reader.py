"""The reader: the workbook becomes one model, and every part of it remembers its cell."""

from __future__ import annotations

import datetime as dt

import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Font

from reportgen.core.richtext import BulletList, Link, Text
from reportgen.workbook.reader import load

from ..builders import make


def test_the_edition_fields_are_read_with_defaults(tmp_path):
    def change(sheets):
        del sheets["Edition"]["Status"]
        del sheets["Edition"]["Language"]

    edition = load(make(tmp_path, change)).edition
    assert edition.title == "Action Plan for Fairer Policing"
    assert (edition.period_start, edition.period_end, edition.publication_date) == (
        dt.date(2025, 7, 1),
        dt.date(2025, 9, 30),
        dt.date(2025, 11, 14),
    )
    assert edition.status == "Draft" and edition.is_draft and edition.language == "en-GB"
    assert edition.field_source("Publisher").describe() == "Edition!B7"


def test_commitments_sharing_a_ref_form_one_group_in_their_chapter(tmp_path):
    edition = load(make(tmp_path)).edition
    first, second = edition.chapters
    assert [(g.ref, [c.id for c in g.commitments]) for g in first.ref_groups] == [
        ("1.1", ["C-001", "C-002"]),
        ("1.2", ["C-003"]),
    ]
    assert [c.id for c in second.commitments] == ["C-004"]  # found by its Title


def test_a_commitment_whose_chapter_matches_nothing_is_kept_unplaced(tmp_path):
    def change(sheets):
        sheets["Commitments"][3]["Chapter"] = "Nowhere"

    edition = load(make(tmp_path, change)).edition
    assert [c.id for c in edition.unplaced] == ["C-004"]
    assert "C-004" in [c.id for c in edition.commitments]


def test_every_cell_source_names_its_sheet_cell_and_header(tmp_path):
    commitment = load(make(tmp_path)).edition.commitments[2]
    update = commitment.cell("Update")
    assert (update.describe(), update.header) == ("Commitments!G4", "Update")
    assert commitment.update.source.describe() == "Commitments!G4"
    assert commitment.update.source.header == "Update"


def test_notes_are_kept_for_next_but_are_not_rich_text(tmp_path):
    commitment = load(make(tmp_path)).edition.commitments[2]
    assert commitment.notes == "Secret internal note"


def test_list_values_are_normalised_and_yes_no_is_read(tmp_path):
    def change(sheets):
        sheets["Commitments"][0]["Status"] = "on track"
        sheets["Commitments"][1]["Approved"] = "no"
        sheets["Narrative"][0]["Placement"] = "AFTER CHAPTERS"
        sheets["Narrative"][0]["Level"] = 2

    edition = load(make(tmp_path, change)).edition
    assert edition.commitments[0].status == "On track"
    assert edition.commitments[1].approved is False and edition.commitments[0].approved is True
    assert edition.narrative[0].after_chapters and edition.narrative[0].level == 2


def test_metrics_charts_and_glossary(tmp_path):
    def change(sheets):
        sheets["Metrics"] = [
            {
                "ID": "OFFICERS",
                "Label": "Officers",
                "Value": "32,920",
                "Unit": "Count",
                "Chart": "WORKFORCE",
                "As at": dt.date(2025, 8, 31),
            }
        ]
        sheets["Charts"] = [{"Group": "WORKFORCE", "Title": "Officers", "Type": "Bar", "Chapter": "1"}]
        sheets["Glossary"] = [{"Term": "BCU", "Meaning": "Basic Command Unit"}]

    edition = load(make(tmp_path, change)).edition
    metric = edition.metrics[0]
    assert (metric.value, metric.unit, metric.as_at) == (32920.0, "count", dt.date(2025, 8, 31))
    assert edition.charts[0].type == "bar"
    assert edition.glossary[0].term == "BCU" and edition.glossary[0].source.row == 2


def test_excel_rich_text_runs_and_a_bold_cell_are_kept(tmp_path):
    path = make(tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book["Commitments"]
    sheet["G2"] = CellRichText(
        [TextBlock(InlineFont(b=True), "Complete:"), "\n- pilot ", TextBlock(InlineFont(i=True), "ended")]
    )
    sheet["G3"].font = Font(bold=True)
    book.save(path)
    first, second = load(path).edition.commitments[:2]
    assert first.update.blocks[0].children == (Text("Complete:", bold=True),)
    assert isinstance(first.update.blocks[1], BulletList)
    assert first.update.blocks[1].items[0].children == (Text("pilot "), Text("ended", italic=True))
    assert second.update.blocks[0].children == (Text("The report is with the board.", bold=True),)


def test_a_cell_hyperlink_becomes_a_link(tmp_path):
    def change(sheets):
        sheets["Commitments"][0]["Update"] = ("Read the review", "https://www.example.gov.uk/review")

    update = load(make(tmp_path, change)).edition.commitments[0].update
    (link,) = update.blocks[0].children
    assert isinstance(link, Link) and link.href == "https://www.example.gov.uk/review"


def test_sheet_names_with_stray_spaces_and_other_case_are_found(tmp_path):
    def change(sheets):
        sheets[" commitments  "] = sheets.pop("Commitments")

    loaded = load(make(tmp_path, change))
    assert len(loaded.edition.commitments) == 4 and loaded.raw.unknown_sheets == []


def test_blank_rows_are_skipped_and_row_numbers_kept(tmp_path):
    def change(sheets):
        sheets["Commitments"].insert(1, {"Notes": None})

    edition = load(make(tmp_path, change)).edition
    assert [c.source.row for c in edition.commitments] == [2, 4, 5, 6]
