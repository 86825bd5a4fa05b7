"""The print layout (issue 13): short rows never split, a split row keeps three lines on each side,
headings never end a page, the update has more than half the width, in the PDF and the DOCX."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from reportgen.outline.document import SHORT_ROW_LINES, build_outline
from reportgen.workbook.reader import load

from ..builders import write_workbook

ROOT = Path(__file__).resolve().parents[2]


def generated(tmp_path: Path, commitments: int) -> Path:
    """An edition from benchmarks/generate.py: mixed short and long rows, bullets and links."""
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return write_workbook(tmp_path / "generated.xlsx", module.sheets(commitments, seed=13))


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory):
    from weasyprint import HTML

    from reportgen.outline.outlined import outline_edition
    from reportgen.writers.html.page import templates_dir
    from reportgen.writers.pdf.fetcher import AssetFetcher
    from reportgen.writers.pdf.writer import source_html

    edition = load(generated(tmp_path_factory.mktemp("layout"), 40)).edition
    document = HTML(
        string=source_html(outline_edition(edition)),
        base_url=templates_dir().as_uri() + "/",
        url_fetcher=AssetFetcher(),
        media_type="print",
    ).render()
    return edition, document


def walk(box, found):
    found.append(box)
    for child in getattr(box, "children", ()) or ():
        walk(child, found)
    return found


def row_parts(document):
    """{row id: [(page, lines in its tallest cell on that page, short?)]} for every commitment row."""
    from weasyprint.formatting_structure import boxes

    parts: dict[str, list] = {}
    for number, page in enumerate(document.pages):
        for box in walk(page._page_box, []):
            element = getattr(box, "element", None)
            if (
                isinstance(box, boxes.TableRowBox)
                and element is not None
                and (element.get("id") or "").startswith("commitment-")
            ):
                lines = max(
                    (sum(isinstance(b, boxes.LineBox) for b in walk(cell, [])) for cell in box.children), default=0
                )
                parts.setdefault(element.get("id"), []).append((number, lines, "short" in (element.get("class") or "")))
    return parts


def test_short_rows_never_split_and_long_ones_keep_three_lines_each_side(laid_out):
    _, document = laid_out
    parts = row_parts(document)
    split = {row: pieces for row, pieces in parts.items() if len(pieces) > 1}
    assert any(pieces[0][2] for pieces in parts.values()), "the edition must have short rows"
    assert split, "the edition must have rows that break across pages, or this proves nothing"
    for row, pieces in split.items():
        assert not pieces[0][2], f"{row} is short but split across pages"
        assert all(lines >= 3 for _, lines, _ in pieces), f"{row} leaves fewer than three lines: {pieces}"


def test_no_page_ends_with_a_heading(laid_out):
    from weasyprint.formatting_structure import boxes

    _, document = laid_out
    checked = 0
    for number, page in enumerate(document.pages[:-1]):
        body = [child for child in page._page_box.children if not isinstance(child, boxes.MarginBox)]
        blocks = [
            b
            for child in body
            for b in walk(child, [])
            if isinstance(b, boxes.BlockBox)
            and getattr(b, "element_tag", None) in ("h2", "h3", "h4", "p", "li", "td", "th", "figure")
        ]
        if blocks:
            checked += 1
            last = max(blocks, key=lambda b: (b.position_y + b.margin_height(), -len(walk(b, []))))
            assert last.element_tag not in ("h2", "h3", "h4"), f"page {number + 1} ends with a heading"
    assert checked > 10


def test_rows_are_short_by_their_printed_length(laid_out):
    edition, _ = laid_out
    rows = [row for part in build_outline(edition, []).parts if part.kind == "chapter" for row in part.table.rows]
    assert all(row.short == (row.lines <= SHORT_ROW_LINES) for row in rows)
    assert {row.short for row in rows} == {True, False}


def test_the_docx_keeps_short_rows_whole_and_gives_the_update_more_than_half(tmp_path):
    from docx import Document

    from reportgen.writers import write_edition

    edition = load(generated(tmp_path, 12)).edition
    document = Document(__import__("io").BytesIO(write_edition("docx", edition)))
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    rows = [row for part in build_outline(edition, []).parts if part.kind == "chapter" for row in part.table.rows]
    tables = [
        t
        for t in document.element.body.iter(W + "tbl")
        if [c.text for c in t.find(W + "tr").iter(W + "t")] == ["Ref", "Commitment", "Update"]
    ]
    body_rows = [tr for t in tables for tr in t.findall(W + "tr")[1:]]
    assert [tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in body_rows] == [row.short for row in rows]
    for table in tables:
        widths = [int(col.get(W + "w")) for col in table.find(W + "tblGrid")]
        assert widths[2] > sum(widths) / 2
