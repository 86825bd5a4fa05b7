"""The three formats are one publication: the same order, headings, figures with their captions above
them, tables, cover, DRAFT marking, emphasis and chapter breaks, read back from each finished file."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.workbook.reader import load
from reportgen.writers import write_edition

from ..outlines import differences, docx_outline, html_outline, pdf_outline

EXAMPLE = Path(__file__).resolve().parents[2] / "inputs" / "example.xlsx"


def outlines(edition):
    return (
        docx_outline(write_edition("docx", edition)),
        html_outline(write_edition("html", edition)),
        pdf_outline(write_edition("pdf", edition)),
    )


@pytest.fixture(scope="module")
def example():
    return outlines(load(EXAMPLE).edition)


def test_the_example_reads_the_same_in_docx_html_and_pdf(example):
    docx, html, pdf = example
    assert differences(docx, html) == []
    assert differences(docx, pdf, paged=True) == []


def test_the_outline_walks_what_the_issue_names(example):
    """A guard on the walk itself: if it found nothing, the comparison above would pass vacuously."""
    items, bold = example[0]
    kinds = [item[0] for item in items]
    assert kinds[0] == "cover" and items[0][1][0] == "[boxed] DRAFT \u2013 not for publication"
    assert kinds.count("caption") == kinds.count("drawing") == 4
    for index, kind in enumerate(kinds):
        if kind == "caption":  # every caption sits above its drawing
            assert kinds[index + 1] == "drawing"
    chapters = [item for item in items if item[0] == "heading" and item[2][:1].isdigit()]
    assert len(chapters) == 4 and all(item[3] for item in chapters)  # each chapter starts a page
    assert {"On track", "MOPAC", "BAME"} <= bold  # status, lead and glossary terms are bold


def test_a_final_edition_has_no_draft_marking_anywhere(tmp_path):
    from ..builders import make

    def final(sheets):
        sheets["Edition"]["Status"] = "Final"
        for row in sheets["Commitments"]:
            row["Approved"] = "Yes"

    docx, html, pdf = outlines(load(make(tmp_path, final)).edition)
    assert differences(docx, html) == [] and differences(docx, pdf, paged=True) == []
    assert not any("DRAFT" in line for line in docx[0][0][1])


def test_the_comparison_fails_on_any_difference(example):
    docx, html, _ = example
    items, bold = html
    moved = list(items)
    caption = next(i for i, item in enumerate(moved) if item[0] == "caption")
    moved[caption], moved[caption + 1] = moved[caption + 1], moved[caption]  # caption below the drawing
    assert differences(docx, (moved, bold))
    unbroken = [item[:3] + (False,) if item[0] == "heading" else item for item in items]
    assert differences(docx, (unbroken, bold))  # a chapter that no longer starts a page
    assert differences(docx, (items, bold - {"On track"}))  # emphasis lost
    assert differences(docx, ([("cover", items[0][1][1:])] + items[1:], bold))  # DRAFT box lost
    assert differences(docx, (items, bold), paged=True) == []
